import pytest


@pytest.fixture
def client(mocker):
    return mocker.patch("app.clients.http.make_client")
