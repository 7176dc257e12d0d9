"""The namespace changed through an alias of locals(): names appear that no statement shows."""
_namespace = locals()
for _name in ("MADE", "ALSO_MADE"):
    _namespace[_name] = _name.lower()
