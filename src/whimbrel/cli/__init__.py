"""The ``whimbrel`` command line: thin commands over the library."""
