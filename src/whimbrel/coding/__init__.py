"""The PLOVER coder's parts: the parse tree view, triggers, roles, status and size."""
