"""A build script beside setup.py (pymongo's _setup.py, run by its hatch_build.py): it names the
extension it builds. Never run here."""
from setuptools import Extension

EXTENSIONS = [Extension("pkg._scripted", sources=["pkg/_scripted.c"])]
