from app.masonry import Builder  # IMG102 "'Builder' is defined in 'app.masonry.builder' or 'app.masonry.builders.builder'"
from app.masonry.builders.builder import Builder as BaseBuilder


def test_masonry():
    assert Builder and BaseBuilder
