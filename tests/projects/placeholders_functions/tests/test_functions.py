from unittest.mock import MagicMock, Mock

assert_successful_registration = Mock  # IMG201 "'assert_successful_registration' is defined nowhere in the project"
build_payload = type("build_payload", (), {})  # IMG202 "'build_payload' is defined nowhere"
register = Mock  # IMG201 "'register' is defined in 'app.auth'"
Widget = type("Widget", (), {})  # IMG202 "'Widget' is defined in 'app.auth'"
uncalled_factory = Mock
mock_sender = Mock
client = Mock()
helper_class = MagicMock
record = type("record", (), {})


def helper(kind):
    type = kind
    return type


class TestFunctions:
    checker = Mock

    def test_it(self):
        local_fn = Mock
        local_fn()
        type(self).flag = True
        dict(type=1)
        assert_successful_registration(1)
        build_payload()
        register(1)
        self.checker()
        mock_sender()
        client()
        assert record.fields is None

    def test_errors(self):
        try:
            pass
        except ValueError as type:
            print(type)
