"""A shop: a package with submodules."""
