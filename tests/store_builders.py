"""tests/store/builders.py (records and documents for store and export tests), loaded once by path."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

_NAME = "whimbrel_tests_store_builders"  # the name the other test files load it under too


def load_builders() -> ModuleType:
    """The builders module, loaded on first use."""
    if _NAME not in sys.modules:
        path = Path(__file__).resolve().parent / "store" / "builders.py"
        spec = importlib.util.spec_from_file_location(_NAME, path)
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[_NAME] = module
        spec.loader.exec_module(module)
    return sys.modules[_NAME]
