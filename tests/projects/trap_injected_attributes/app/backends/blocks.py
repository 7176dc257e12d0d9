"""CutGenerator is made and set on this module by the decorator of the class below."""
from app.backends.base import declare_block


@declare_block(name="CutGenerator")
class CutGeneratorData:
    pass
