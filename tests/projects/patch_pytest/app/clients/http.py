TIMEOUT = 10
DEFAULTS = {"retries": 1}


class HttpClient:
    base_url = "https://example.invalid"

    def get(self, path):
        return self.base_url + path


def make_client():
    return HttpClient()
