"""dedupe 3: active-learning record linkage, here trained from ground-truth labels.

Configuration (dedupe's documented workflow — docs "API documentation: Dedupe objects" and the
``csv_example``; read from the installed ``dedupe/api.py``):

* **Variables** from the schema: name / person / company / text / date → ``String`` (affine gap
  distance), exact / email / phone / domain / country → ``Exact``; all ``has_missing=True``.
* **Training**: instead of a person answering ``console_label``, ``LABELS`` ground-truth labels
  are marked with ``mark_pairs``: ``LABELS // 2`` true pairs and as many pairs of different
  entities, drawn with a fixed seed (100 labels, as in the reference figures). Then
  ``prepare_training`` (which also learns blocking predicates) and ``train()``.
* **Decision**: ``partition(data, threshold=0.5)`` (dedupe) or ``join(…, threshold=0.5)`` (link).
* **Budget**: datasets over ``MAX_RECORDS`` are skipped with that reason (on Febrl2/3 dedupe
  alone took ~2 min and 6.5 GB in the reference measurements); the harness's ``--timeout`` and
  ``--memory-gb`` kill any run that still overruns.

Examples:
    >>> from benchmarks.systems.peer_dedupe import SYSTEMS, LABELS
    >>> SYSTEMS["dedupe"].name, LABELS
    ('dedupe', 100)
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Any, Final

from benchmarks.systems import Result, Skip
from benchmarks.systems._common import frames, package_versions

__all__ = ["LABELS", "MAX_RECORDS", "SYSTEMS", "Dedupe"]

LABELS: Final = 100
MAX_RECORDS: Final = 12_000
THRESHOLD: Final = 0.5


def _records(df: Any, schema: dict[str, str]) -> dict[str, dict[str, Any]]:
    cols = list(schema)
    out: dict[str, dict[str, Any]] = {}
    for rid, *values in zip(df["id"].astype(str), *(df[c] for c in cols), strict=True):
        out[rid] = {c: (v if isinstance(v, str) and v.strip() else None) for c, v in zip(cols, values, strict=True)}
    return out


def _labels(dataset: Any, sides: list[dict[str, dict[str, Any]]]) -> dict[str, list[Any]]:
    rng = random.Random(0)
    true = sorted(dataset.true_pairs())
    matches = rng.sample(true, min(LABELS // 2, len(true)))
    truth = set(true)
    ids = [sorted(side) for side in sides]
    distinct: list[tuple[str, str]] = []
    while len(distinct) < LABELS - len(matches):
        a = rng.choice(ids[0])
        b = rng.choice(ids[-1])
        pair = (a, b) if len(sides) == 2 or a < b else (b, a)
        if a != b and pair not in truth:
            distinct.append(pair)
    return {
        "match": [(sides[0][a], sides[-1][b]) for a, b in matches],
        "distinct": [(sides[0][a], sides[-1][b]) for a, b in distinct],
    }


@dataclass(frozen=True, slots=True)
class Dedupe:
    """The dedupe adapter (see the module docstring)."""

    name: str = "dedupe"

    def version(self) -> str:
        """Versions of dedupe and its learner."""
        return package_versions("dedupe", "scikit-learn", "numpy")

    def load(self) -> None:
        """Import what ``run`` needs, before the clock starts."""
        import dedupe  # noqa: F401

    def run(self, dataset: Any, /) -> Result:
        """Mark ground-truth labels, train, partition or join."""
        import dedupe

        dfs = frames(dataset)
        n = sum(len(df) for df in dfs)
        if n > MAX_RECORDS:
            raise Skip(f"dedupe: {n:,} records is over this harness's budget of {MAX_RECORDS:,}")
        schema: dict[str, str] = dict(dataset.schema)
        fields = [
            dedupe.variables.Exact(col, has_missing=True)
            if kind in ("exact", "email", "phone", "domain", "country")
            else dedupe.variables.String(col, has_missing=True)
            for col, kind in schema.items()
        ]
        sides = [_records(df, schema) for df in dfs]
        extra = {"labels": LABELS, "threshold": THRESHOLD, "label_source": "ground truth, seed 0"}
        if dataset.task == "link":
            linker = dedupe.RecordLink(fields, num_cores=2)
            linker.prepare_training(sides[0], sides[1])
            linker.mark_pairs(_labels(dataset, sides))  # type: ignore[arg-type]
            linker.train()
            links = linker.join(sides[0], sides[1], threshold=THRESHOLD)
            return Result(pairs=frozenset((str(a), str(b)) for (a, b), _ in links), extra=extra)
        deduper = dedupe.Dedupe(fields, num_cores=2)
        deduper.prepare_training(sides[0])
        deduper.mark_pairs(_labels(dataset, sides))  # type: ignore[arg-type]
        deduper.train()
        clusters = deduper.partition(sides[0], threshold=THRESHOLD)
        out = {str(rid): f"c{k}" for k, (ids, _) in enumerate(clusters) for rid in ids}
        return Result(clusters=out, extra=extra)


SYSTEMS: Final = {"dedupe": Dedupe()}
