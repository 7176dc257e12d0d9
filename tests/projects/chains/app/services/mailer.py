from app.util import text


def send():
    return text.slugify('x')
