from shop.registry import register

PLUGIN = register(FixtureBase)  # IMG107 "'FixtureBase' is read as pytest imports the file"
