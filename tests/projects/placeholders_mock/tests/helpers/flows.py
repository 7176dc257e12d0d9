def assert_successful_registration(response):
    assert response["status"] == "registered"


from unittest.mock import Mock  # noqa: E402

Recorder = Mock()  # a helper's own fake, defined nowhere else: what it offers its importers, no placeholder
