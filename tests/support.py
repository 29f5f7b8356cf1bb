"""Paths and helpers shared by the test suite."""

from __future__ import annotations

import json
import os
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

REPO = Path(__file__).resolve().parent.parent
#: ``../shared/data`` beside the repo root: real vectors nobody here wrote. Read in place, never copy.
SHARED_DATA = REPO.parent / "shared" / "data"


def load_json(relative: str) -> Any:
    """Load a JSON file from :data:`SHARED_DATA` (fails loudly when the folder is missing)."""
    return json.loads((SHARED_DATA / relative).read_text(encoding="utf-8"))


#: Why a docstring check does not run on the compiled build.
NO_DOCSTRINGS = "mypyc drops docstrings: the pure build's run checks them"


def skip_if_compiled(module: ModuleType, reason: str) -> None:
    """Skip the calling test when *module* is a C extension built by mypyc (the compiled wheel,
    ``make wheel``).

    Such a module has no docstrings at run time, and patching its globals does not reach its
    functions: tests of docstrings or that patch module internals run on the pure build only
    (``make test`` runs the suite on both builds).
    """
    if not (module.__file__ or "").endswith(".py"):
        pytest.skip(reason)


class DiesElsewhere(dict[str, Any]):
    """A record that ends any process but the one that made it when read: a worker process
    dying in the middle of its part (the caller, reading it again, gets a plain record)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.pid = os.getpid()

    def __reduce__(self) -> tuple[Any, ...]:
        return (_dies_elsewhere, (dict(self), self.pid))

    def get(self, key: str, default: Any = None) -> Any:
        if os.getpid() != self.pid:
            os._exit(3)
        return super().get(key, default)

    def __getitem__(self, key: str) -> Any:
        if os.getpid() != self.pid:
            os._exit(3)
        return super().__getitem__(key)


def _dies_elsewhere(data: dict[str, Any], pid: int) -> DiesElsewhere:
    out = DiesElsewhere(data)
    out.pid = pid
    return out
