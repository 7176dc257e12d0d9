from app.models.thread import Thread


def test_thread_title():
    assert Thread("hello").title == "hello"
