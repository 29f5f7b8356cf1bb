"""Paths and helpers shared by the test suite."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
#: ``../shared/data`` beside the repo root: real vectors nobody here wrote. Read in place, never copy.
SHARED_DATA = REPO.parent / "shared" / "data"


def load_json(relative: str) -> Any:
    """Load a JSON file from :data:`SHARED_DATA` (fails loudly when the folder is missing)."""
    return json.loads((SHARED_DATA / relative).read_text(encoding="utf-8"))
