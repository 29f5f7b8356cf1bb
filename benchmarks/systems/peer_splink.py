"""Splink 5 on DuckDB: Fellegi-Sunter with u by random sampling and m by EM (no labels).

Configuration (Splink's documented workflow — the Splink 5 docs "Tutorial: estimating model
parameters" and the Febrl3/Febrl4 example notebooks; API read from the installed
``splink/internals/linker_components/training.py`` and ``comparison_library.py``):

* **Backend**: ``DuckDBAPI()`` in memory; tables registered with ``db_api.register``.
* **Comparisons** from the dataset schema: name / person → ``NameComparison`` (exact,
  Jaro-Winkler 0.92 / 0.88 / 0.7); company → ``JaroWinklerAtThresholds([0.9, 0.7])`` on a lightly
  cleaned name; date → ``DateOfBirthComparison(input_is_string=True)`` with the format detected
  from the data (Levenshtein ≤ 1, ≤ 1 month, ≤ 1 year, ≤ 10 years), or Levenshtein [1, 2] when no
  single format fits; text → ``LevenshteinAtThresholds([1, 2])``; exact, email, phone, domain,
  country → ``ExactMatch``.
* **Blocking for prediction**: ``block_on(col)`` for every non-text column whose exact-value
  blocks yield at most ``BLOCK_BUDGET`` × n pairs (so Febrl's 8-valued ``state`` is left out
  while ``postcode`` and ``date_of_birth`` are kept).
* **Training**: λ by ``estimate_probability_two_random_records_match`` on a deterministic rule
  (every strong key alone, or all name + date columns together; recall 0.7, the docs' example
  value); u by ``estimate_u_using_random_sampling(max_pairs=1e6, seed=0)``; m by
  ``estimate_parameters_using_expectation_maximisation`` twice, blocked on the two cheapest
  prediction rules, so every comparison's m is estimated at least once.
* **Decision**: ``splink``: ``predict(threshold_match_probability=0.9)`` then
  ``cluster_pairwise_predictions_at_threshold(…, 0.9)`` (dedupe) or the links ≥ 0.9 (link).
  ``splink-bestf1`` is the same model at the threshold that maximises F1 over predicted
  clusters against the ground truth (candidates: the pairwise-best threshold and a 0.01–0.99
  grid) — *optimistic*: no user has that threshold without labels.

Examples:
    >>> from benchmarks.systems.peer_splink import SYSTEMS, detect_date_format
    >>> sorted(SYSTEMS)
    ['splink', 'splink-bestf1']
    >>> detect_date_format(["19560409", "19990219", None])
    '%Y%m%d'
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Final

from benchmarks.metrics import (
    best_f1_threshold,
    clusters_from_pairs,
    ordered_pair,
    pairwise_from_clusters,
)
from benchmarks.systems import Result
from benchmarks.systems._common import (
    blank_to_none,
    block_columns,
    columns_of,
    frames,
    package_versions,
)
from benchmarks.systems.peer_recordlinkage import clean_company

if TYPE_CHECKING:
    from collections.abc import Iterable

    import pandas as pd

__all__ = ["SYSTEMS", "Splink", "detect_date_format"]

THRESHOLD: Final = 0.9
BLOCK_BUDGET: Final = 20
_STRONG: Final = ("email", "phone", "domain")
_FORMATS: Final = (
    ("%Y%m%d", re.compile(r"\d{8}")),
    ("%Y-%m-%d", re.compile(r"\d{4}-\d{2}-\d{2}")),
    ("%d/%m/%Y", re.compile(r"\d{2}/\d{2}/\d{4}")),
)


def detect_date_format(values: Iterable[object], /) -> str | None:
    """The one strptime format every non-null value has the shape of, else ``None``.

    Examples:
        >>> detect_date_format(["2020-01-02", "2021-12-31"])
        '%Y-%m-%d'
        >>> detect_date_format(["2020-01-02", "02/01/2020"]) is None
        True
    """
    present = [v for v in values if isinstance(v, str) and v]
    for fmt, pattern in _FORMATS:
        if present and all(pattern.fullmatch(v) for v in present):
            return fmt
    return None


def _comparisons(schema: dict[str, str], dfs: list[pd.DataFrame]) -> list[Any]:
    import splink.comparison_library as cl

    out: list[Any] = []
    for col, kind in schema.items():
        if kind in ("name", "person"):
            out.append(cl.NameComparison(col))
        elif kind == "company":
            out.append(cl.JaroWinklerAtThresholds(col, [0.9, 0.7]))
        elif kind == "date":
            fmt = detect_date_format(v for df in dfs for v in df[col])
            if fmt is None:
                out.append(cl.LevenshteinAtThresholds(col, [1, 2]))
            else:
                out.append(cl.DateOfBirthComparison(col, input_is_string=True, datetime_format=fmt))
        elif kind == "text":
            out.append(cl.LevenshteinAtThresholds(col, [1, 2]))
        else:
            out.append(cl.ExactMatch(col))
    return out


def _prepare(df: pd.DataFrame, schema: dict[str, str]) -> pd.DataFrame:
    out = blank_to_none(df[["id", *schema]])
    for col in columns_of(schema, "company"):
        out[col] = out[col].map(clean_company)
    return out


@dataclass(frozen=True, slots=True)
class Splink:
    """The Splink adapter; ``optimistic`` picks the best-F1 threshold from the ground truth."""

    name: str = "splink"
    optimistic: bool = False

    def version(self) -> str:
        """Versions of Splink and its backend."""
        return package_versions("splink", "duckdb", "pandas")

    def load(self) -> None:
        """Import what ``run`` needs, before the clock starts."""
        import splink
        import splink.comparison_library  # noqa: F401
        from splink import DuckDBAPI  # noqa: F401

    def run(self, dataset: Any, /) -> Result:
        """Train without labels, predict, threshold, cluster (see the module docstring)."""
        import logging

        from splink import DuckDBAPI, Linker, SettingsCreator, block_on

        logging.getLogger("splink").setLevel(logging.ERROR)
        schema: dict[str, str] = dict(dataset.schema)
        dfs = [_prepare(df, schema) for df in frames(dataset)]
        block_cols = block_columns(dfs, schema, budget=BLOCK_BUDGET)
        strong = columns_of(schema, *_STRONG)
        deterministic = [block_on(c) for c in strong] or [
            block_on(*columns_of(schema, "name", "person", "company", "date"))
        ]
        link = dataset.task == "link"
        settings = SettingsCreator(
            link_type="link_only" if link else "dedupe_only",
            unique_id_column_name="id",
            comparisons=_comparisons(schema, dfs),
            blocking_rules_to_generate_predictions=[block_on(c) for c in block_cols],
            retain_intermediate_calculation_columns=False,
            retain_matching_columns=False,
        )
        db_api = DuckDBAPI()
        tables = [
            db_api.register(df, dataset_display_name=side)
            for df, side in zip(dfs, ("input_left", "input_right"), strict=False)
        ]
        linker = Linker(tables if link else tables[0], settings, log_level=None)
        linker.training.estimate_probability_two_random_records_match(deterministic, recall=0.7)
        linker.training.estimate_u_using_random_sampling(max_pairs=1e6, seed=0)
        em_cols = block_cols[:2] if len(block_cols) >= 2 else block_cols
        for col in em_cols:
            linker.training.estimate_parameters_using_expectation_maximisation(block_on(col))

        threshold = THRESHOLD
        extra: dict[str, Any] = {
            "blocking": [f"block_on({c!r})" for c in block_cols],
            "em_blocking": [f"block_on({c!r})" for c in em_cols],
            "labels": 0,
        }
        if self.optimistic:
            scored = linker.inference.predict().as_pandas_dataframe()
            threshold = _best_threshold(_triples(scored, link), dataset)
            extra["optimistic"] = "threshold chosen with the ground truth"
            predictions = linker.table_management.register_table(
                scored[scored["match_probability"] >= threshold], "bestf1_predictions", overwrite=True
            )
        else:
            predictions = linker.inference.predict(threshold_match_probability=threshold)
        extra["threshold"] = threshold

        def candidates() -> Iterable[tuple[str, str]]:
            blocked = linker.inference.compute_blocked_pairs_for_predict().as_pandas_dataframe()
            return (p for p, _ in _orient(blocked, link))

        if link:
            pred = predictions.as_pandas_dataframe()
            pairs = frozenset(p for p, prob in _orient(pred, link) if prob >= threshold)
            return Result(pairs=pairs, candidates=candidates, extra=extra)
        clustered = linker.clustering.cluster_pairwise_predictions_at_threshold(
            predictions, threshold_match_probability=threshold
        ).as_pandas_dataframe()
        clusters = dict(zip(clustered["id"].astype(str), clustered["cluster_id"].astype(str), strict=True))
        return Result(clusters=clusters, candidates=candidates, extra=extra)


def _orient(df: pd.DataFrame, link: bool) -> Iterable[tuple[tuple[str, str], float]]:
    """((a, b), probability) per row: dedupe pairs ordered, link pairs as (left, right).

    Predictions carry ``id_l``/``id_r`` and ``source_dataset_l``; blocked pairs carry only
    ``join_key_l``/``join_key_r`` (for a link, ``<source>-__-<id>``).
    """
    probs = df["match_probability"] if "match_probability" in df else [1.0] * len(df)
    if "id_l" in df:
        lefts, rights = df["id_l"].astype(str), df["id_r"].astype(str)
        sources = df["source_dataset_l"] if link else [""] * len(df)
    else:
        split_l = df["join_key_l"].astype(str).str.rsplit("-__-", n=1)
        split_r = df["join_key_r"].astype(str).str.rsplit("-__-", n=1)
        lefts, rights = split_l.str[-1], split_r.str[-1]
        sources = split_l.str[0] if link else [""] * len(df)
    for a, b, source, p in zip(lefts, rights, sources, probs, strict=True):
        if not link:
            yield ordered_pair(a, b), float(p)
        else:
            yield ((a, b) if source == "input_left" else (b, a)), float(p)


def _best_threshold(triples: list[tuple[str, str, float]], dataset: Any) -> float:
    """The threshold with the best F1 *over predicted clusters* (links for a link task).

    Candidates: the pairwise-best threshold plus a grid; each is scored after clustering.
    """
    best, _ = best_f1_threshold(triples, dataset.true_pairs())
    if dataset.task == "link":
        return best
    truth = dict(zip(dataset.records["id"].astype(str), dataset.records["entity_id"], strict=True))
    grid = sorted({best, 0.01, 0.05, *(k / 10 for k in range(1, 10)), 0.95, 0.99})

    def f1_at(t: float) -> float:
        clusters = clusters_from_pairs(truth, [(a, b) for a, b, p in triples if p >= t])
        return pairwise_from_clusters(clusters, truth).f1

    return max(grid, key=lambda t: (f1_at(t), t))


def _triples(df: pd.DataFrame, link: bool) -> list[tuple[str, str, float]]:
    return [(a, b, p) for (a, b), p in _orient(df, link)]


SYSTEMS: Final = {"splink": Splink(), "splink-bestf1": Splink(name="splink-bestf1", optimistic=True)}
