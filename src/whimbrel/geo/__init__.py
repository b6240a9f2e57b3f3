"""Geocoding: toponyms found in parsed text and resolved to places in their document's context."""
