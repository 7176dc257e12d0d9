"""exec() into the module's own namespace: names may appear that the source does not show."""
SOURCE = "Generated = type('Generated', (), {})"
exec(SOURCE, globals())
