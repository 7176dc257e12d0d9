"""Hands globals() to a function as it is imported: what that does is not followed."""
from helper.fill import fill

fill(globals())
