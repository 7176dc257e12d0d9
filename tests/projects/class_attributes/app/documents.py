class Document:
    """kitsune's SumoDocument: a hook of the base sets names on its subclasses' inner `Index`."""

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        cls.Index.read_alias = cls.__name__.lower() + "_read"


class QuestionDocument(Document):
    class Index:
        pass


class Plain:
    class Index:
        NAME = "plain"
