"""The import of `register` was the file's only one."""
# registered as the module is imported
@register  # IMG107 "'register' is defined in 'shop.registry'"
def test_registered():
    assert True
