"""The shim the project's fixed shape asks for: the metadata lives in setup.cfg."""
from setuptools import setup

setup()
