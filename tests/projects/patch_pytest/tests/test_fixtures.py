"""pytest-mock's mocker and pytest's monkeypatch, and mock imported under other names."""
import unittest.mock as um
from unittest import mock as m
from unittest.mock import patch as p

from app import settings
from app.clients import http
from app.clients.http import HttpClient


def test_mocker(mocker):
    mocker.patch("app.clients.http.make_client")
    mocker.patch("app.clients.http.make_clients")  # IMG401 "did you mean 'make_client'?"
    mocker.patch.object(HttpClient, "get")
    mocker.patch.object(HttpClient, "post")  # IMG401 "'app.clients.http.HttpClient.post'"
    mocker.patch.dict("app.clients.http.DEFAULTS", {"retries": 2})
    mocker.patch.dict("app.clients.http.DEFAULT", {"retries": 2})  # IMG401
    mocker.patch.multiple("app.clients.http", TIMEOUT=1, RETRIES=2)  # IMG401
    mocker.patch.multiple(target="app.clients.http", TIMEOUT=1, RETRIES=2)  # IMG401
    mocker.patch.object(target=HttpClient, attribute="post")  # IMG401
    mocker.patch(target="app.clients.http.make_clients")  # IMG401
    mocker.patch.dict(in_dict="app.clients.http.DEFAULT", values={"retries": 2})  # IMG401
    mocker.patch("app.clients.HttpClient.get")
    mocker.patch("app.clients.http.HttpClient.put", create=True)


def test_monkeypatch(monkeypatch):
    monkeypatch.setattr("app.settings.DEBUG", True)
    monkeypatch.setattr("app.settings.DEBUGGING", True)  # IMG401 "did you mean 'DEBUG'?"
    monkeypatch.setattr(settings, "DEBUG", True)
    monkeypatch.setattr(settings, "VERBOSE", True)  # IMG401 "'VERBOSE' is defined nowhere"
    monkeypatch.setattr(settings, "VERBOSE", True, raising=False)
    monkeypatch.setattr("app.settings.VERBOSE", True, raising=False)
    monkeypatch.setattr(http.HttpClient, "base_url", "x")
    monkeypatch.setattr(http.HttpClient, "base", "x")  # IMG401
    monkeypatch.delattr("app.settings.DEBUG")
    monkeypatch.delattr("app.settings.TRACE")  # IMG401
    monkeypatch.delattr(settings, "TRACE")  # IMG401
    monkeypatch.delattr(settings, "TRACE", raising=False)
    monkeypatch.setattr(target=settings, name="DEBUG", value=True)  # every argument by keyword
    monkeypatch.setattr(target=settings, name="VERBOSE", value=True)  # IMG401 "'VERBOSE' is defined nowhere"
    monkeypatch.setattr(settings, name="VERBOSE", value=True)  # IMG401
    monkeypatch.setattr(target="app.settings.DEBUGGING", name=True)  # IMG401
    monkeypatch.delattr(target=settings, name="TRACE")  # IMG401
    monkeypatch.setattr(value=True, name="DEBUG", target=settings)
    monkeypatch.setenv("APP_DEBUG", "1")
    monkeypatch.setitem(http.DEFAULTS, "retries", 3)


def test_aliases():
    with um.patch("app.clients.http.TIMEOUT"), m.patch("app.clients.http.TIMEOUTS"):  # IMG401
        pass
    with p("app.clients.http.HttpClient"), m.patch.object(http, "HttpClients"):  # IMG401
        pass
    with um.patch.multiple(http, TIMEOUT=1, DEFAULTS={}), p.dict("app.clients.http.DEFAULTS", retries=2):
        pass


def test_fixture_named_like_a_module(settings, client):
    settings.anything = 1
    return settings.DEBUGGING, client.whatever


class TestMethods:
    def test_mocker_in_a_class(self, mocker):
        mocker.patch("app.settings.DEBUG")
        mocker.patch("app.settings.LEVEL")  # IMG401
