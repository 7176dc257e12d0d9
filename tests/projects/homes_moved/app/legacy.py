"""What is left of the old module."""

VERSION = 1
