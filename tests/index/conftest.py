"""Fixtures for the matching-engine tests: generated customers, probes, Febrl.

The generated customer lists come from :func:`benchmarks.generate.records` (seeded, so every run
sees the same records). Only the CRM columns are kept; the truth columns (``entity_id``,
``edits``) are kept apart where a test needs them.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pytest
from benchmarks.generate import CUSTOMER_COLUMNS, records

from dupguard.index import Index, Schema

#: Seed of the generated background customers (any fixed value; fixed so failures reproduce).
SEED = 20240611


def crm_row(row: Mapping[str, str], /, *, prefix: str = "") -> dict[str, Any]:
    """The CRM columns of a generated row, its id optionally prefixed."""
    out: dict[str, Any] = {c: row[c] for c in CUSTOMER_COLUMNS}
    out["id"] = prefix + row["id"]
    return out


@pytest.fixture(scope="session")
def generated() -> list[dict[str, str]]:
    """300 generated customers with their truth columns (originals, duplicates, hard negatives)."""
    return list(records(300, seed=SEED))


@pytest.fixture(scope="session")
def customers(generated: list[dict[str, str]]) -> list[dict[str, Any]]:
    """The same 300 customers, CRM columns only."""
    return [crm_row(r) for r in generated]


@pytest.fixture(scope="session")
def background(generated: list[dict[str, str]]) -> list[dict[str, Any]]:
    """Distinct customers only (no generated duplicates), ids prefixed ``bg-``."""
    return [crm_row(r, prefix="bg-") for r in generated if not r["edits"]]


@pytest.fixture(scope="module")
def customer_index(customers: list[dict[str, Any]]) -> Index:
    """An index over the 300 generated customers (do not mutate: it is shared by a module)."""
    ix = Index()
    ix.add_many(customers)
    return ix


@pytest.fixture(scope="session")
def febrl_schema() -> Schema:
    """Febrl's person columns, expressed in a few lines."""
    return Schema(
        {
            "given_name": "name",
            "surname": "name",
            "street_number": "exact",
            "address_1": "text",
            "address_2": "text",
            "suburb": "text",
            "postcode": "exact",
            "state": "exact",
            "date_of_birth": "date",
            "soc_sec_id": "exact",
        },
        id="rec_id",
    )
