HAVE_GONE = False
__all__ = ["Kept", "Gone"] if HAVE_GONE else ["Kept"]  # built at runtime: only "Kept" is asked for

Kept = 1
