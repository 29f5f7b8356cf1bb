"""dedupe 3: active-learning record linkage, its questions answered from the ground truth.

Configuration (dedupe's documented workflow — docs "API documentation: Dedupe objects" and the
``csv_example``; read from the installed ``dedupe/api.py`` and ``dedupe/labeler.py``):

* **Variables** from the schema: name / person / company / text / date → ``String`` (affine gap
  distance), exact / email / phone / domain / country → ``Exact``; all ``has_missing=True``.
* **Training** (what a person at ``dedupe.console_label`` does, with the ground truth as the
  person): ``prepare_training`` (dedupe's default sample of 1,500 record pairs), then up to
  ``LABELS`` = 100 rounds of ``uncertain_pairs()`` — the pair dedupe's active learner most wants
  labelled — each answered *match* when both records belong to one true entity (Febrl4: the pair
  is a true link) and *distinct* otherwise, and fed back with ``mark_pairs``; then ``train()``.
  So dedupe chooses all 100 labelled pairs itself; how many were matches is recorded in the
  result (``extra["matches"]``). Python's ``random`` and the learner's numpy generator are
  seeded (0) so the questions repeat run to run (dedupe's sampling draws from both). The whole
  loop is inside the timed run (the learner refits after every answer); the seconds spent in
  each stage are recorded in ``extra["stage_s"]``, so the answering machinery can be told apart
  from prediction.
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

from dataclasses import dataclass
from typing import Any, Final

from benchmarks.systems import Result, Skip
from benchmarks.systems._common import frames, package_versions

__all__ = ["LABELS", "MAX_RECORDS", "SEED", "SYSTEMS", "Dedupe", "answer"]

LABELS: Final = 100
MAX_RECORDS: Final = 12_000
THRESHOLD: Final = 0.5
SEED: Final = 0
#: Key under which each record dict carries its own id (not a dedupe variable, so never compared).
_ID: Final = "__record_id__"


def _records(df: Any, schema: dict[str, str]) -> dict[str, dict[str, Any]]:
    cols = list(schema)
    out: dict[str, dict[str, Any]] = {}
    for rid, *values in zip(df["id"].astype(str), *(df[c] for c in cols), strict=True):
        rec: dict[str, Any] = {c: (v if isinstance(v, str) and v.strip() else None) for c, v in zip(cols, values, strict=True)}
        rec[_ID] = rid
        out[rid] = rec
    return out


def answer(pair: tuple[dict[str, Any], dict[str, Any]], truth: frozenset[tuple[str, str]], /, *, link: bool) -> str:
    """The ground truth's answer to one of dedupe's questions: ``"match"`` or ``"distinct"``.

    Examples:
        >>> truth = frozenset({("a", "b")})
        >>> answer(({_ID: "b"}, {_ID: "a"}), truth, link=False)
        'match'
        >>> answer(({_ID: "b"}, {_ID: "a"}), truth, link=True)
        'distinct'
    """
    a, b = str(pair[0][_ID]), str(pair[1][_ID])
    if link:
        return "match" if (a, b) in truth else "distinct"
    return "match" if (min(a, b), max(a, b)) in truth else "distinct"


def _active_labels(matcher: Any, truth: frozenset[tuple[str, str]], *, link: bool) -> dict[str, int]:
    """Answer up to ``LABELS`` of the active learner's questions from ``truth``."""
    import numpy as np

    matcher.active_learner.rng = np.random.default_rng(SEED)
    counts = {"match": 0, "distinct": 0}
    for _ in range(LABELS):
        try:
            pairs = matcher.uncertain_pairs()
        except IndexError:  # the learner ran out of unlabelled candidates
            break
        labelled: dict[str, list[Any]] = {"match": [], "distinct": []}
        for pair in pairs:
            verdict = answer(pair, truth, link=link)
            labelled[verdict].append(pair)
            counts[verdict] += 1
        matcher.mark_pairs(labelled)
    return counts


@dataclass(frozen=True, slots=True)
class Dedupe:
    """The dedupe adapter (see the module docstring)."""

    name: str = "dedupe"

    def version(self) -> str:
        """Versions of dedupe and its learner."""
        return package_versions("dedupe", "scikit-learn", "numpy")

    def load(self) -> None:
        """Import what ``run`` needs, before the clock starts."""
        import dedupe  # type: ignore[import-not-found,unused-ignore]  # noqa: F401

    def run(self, dataset: Any, /) -> Result:
        """Answer dedupe's active-learning questions from the truth, train, partition or join."""
        import random
        import time

        import dedupe  # type: ignore[import-not-found,unused-ignore]

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
        truth = dataset.true_pairs()
        random.seed(SEED)
        link = dataset.task == "link"
        matcher: Any = dedupe.RecordLink(fields, num_cores=2) if link else dedupe.Dedupe(fields, num_cores=2)
        t0 = time.perf_counter()
        matcher.prepare_training(*sides)
        t1 = time.perf_counter()
        counts = _active_labels(matcher, truth, link=link)
        t2 = time.perf_counter()
        matcher.train()
        t3 = time.perf_counter()
        extra: dict[str, Any] = {
            "labels": counts["match"] + counts["distinct"], "matches": counts["match"],
            "threshold": THRESHOLD, "label_source": "active learning (uncertain_pairs) answered from the ground truth",
            "stage_s": {"prepare_training": t1 - t0, "active_labelling": t2 - t1, "train": t3 - t2},
        }
        if link:
            links = matcher.join(sides[0], sides[1], threshold=THRESHOLD)
            extra["stage_s"]["join"] = time.perf_counter() - t3
            return Result(pairs=frozenset((str(a), str(b)) for (a, b), _ in links), extra=extra)
        clusters = matcher.partition(sides[0], threshold=THRESHOLD)
        extra["stage_s"]["partition"] = time.perf_counter() - t3
        out = {str(rid): f"c{k}" for k, (ids, _) in enumerate(clusters) for rid in ids}
        return Result(clusters=out, extra=extra)


SYSTEMS: Final = {"dedupe": Dedupe()}
