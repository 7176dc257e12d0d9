"""Once a module; its identifiers moved to app.domains.c._ids."""
