"""Matching engine: records → keys → blocks → scored candidates → clusters.

* :class:`Schema` says which column holds which kind of value.
* :class:`Index` answers one record at a time: :meth:`Index.candidates` returns scored,
  explained possible duplicates of a customer before a CRM saves it.
* :func:`dedupe`, :func:`link` and :func:`pairs` match whole lists at once (vectorised);
  :func:`prepare` normalizes a list once for several of those calls and :meth:`Model.fit`.
* :class:`Model` holds the Fellegi–Sunter parameters; defaults work untrained, and
  :meth:`Model.fit` estimates them from unlabelled data.

Examples:
    >>> from dupguard.index import Index
    >>> ix = Index()
    >>> ix.add({"id": "c1", "company": "HUAWEI TECHNOLOGIES CO., LTD.", "website": "www.huawei.com"})
    >>> ix.candidates({"company": "Huawei Technologies", "email": "li@huawei.com"})[0].id
    'c1'
"""

from __future__ import annotations

from dupguard.index._batch import BatchResult, Prepared, Rejected, dedupe, link, pairs, prepare, run
from dupguard.index._compare import Level
from dupguard.index._explain import FieldExplanation
from dupguard.index._index import Candidate, DemotedKey, Index, IndexStats, default_block_limit
from dupguard.index._model import FieldParams, Model
from dupguard.index._schema import KINDS, Field, Schema

__all__ = [
    "KINDS",
    "BatchResult",
    "Candidate",
    "DemotedKey",
    "Field",
    "FieldExplanation",
    "FieldParams",
    "Index",
    "IndexStats",
    "Level",
    "Model",
    "Prepared",
    "Rejected",
    "Schema",
    "dedupe",
    "default_block_limit",
    "link",
    "pairs",
    "prepare",
    "run",
]
