from tmpl.loaders import Loader  # IMG106
