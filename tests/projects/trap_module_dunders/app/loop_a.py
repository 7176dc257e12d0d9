"""A cycle that fails: app.loop_b reads a dunder of this partly initialised module (there), then
a name it has not bound yet (not there)."""
from app.loop_b import B

A = B
