from shop.pkg.sub import helper as make_helper

VALUE = helper()  # IMG107 "'helper' is read as pytest imports the file"


def test_value():
    assert VALUE == make_helper()
