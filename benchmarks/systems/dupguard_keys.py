"""dupguard-keys: the key-only baseline that stands for dupguard until its engine lands.

Every record gets exact match keys; records sharing any key are merged (union-find).

* **Strong kinds** (email, phone, company, domain): each non-empty value is a key on its own,
  normalised by ``dupguard.normalize.<kind>.canonical`` when that module exists and its
  ``is_valid`` accepts the value (an invalid email or phone gives no key: it must not merge
  anything); when the module is not in the tree yet, by ``dupguard.normalize.text.canonical``.
* **No strong kind in the schema** (Febrl's person records): one composite key per record, the
  text-folded values of *all* name / person columns plus all date columns, and only when every
  one of them is present. Typos defeat it by design: it measures what exact keys alone can do.
* **Hub keys**: a key shared by more than ``MAX_KEY_RECORDS`` records (``"info@"`` mailboxes, a
  bare city name as company core) is demoted — it merges nothing — and the count of demoted
  keys is reported in ``extra``, never silently dropped.

For a link task, pairs are every (left, right) that share a key.

Examples:
    >>> from benchmarks.systems.dupguard_keys import composite_key
    >>> composite_key(["Ｊｏｈｎ", "SMITH", "19800101"])
    'john\\x1fsmith\\x1f19800101'
    >>> composite_key(["john", None, "19800101"]) is None
    True
"""

from __future__ import annotations

import importlib
import itertools
from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any, Final

from benchmarks.metrics import clusters_from_pairs, ordered_pair
from benchmarks.systems import Result
from benchmarks.systems._common import columns_of, frames

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Sequence

__all__ = ["MAX_KEY_RECORDS", "SYSTEMS", "DupguardKeys", "composite_key", "normalizer"]

STRONG_KINDS: Final = ("email", "phone", "company", "domain")
COMPOSITE_KINDS: Final = ("name", "person", "date")
MAX_KEY_RECORDS: Final = 50
_SEP: Final = "\x1f"


def _text(value: object) -> str | None:
    from dupguard.normalize import text

    if not isinstance(value, str) or not text.is_valid(value):
        return None
    return text.canonical(value) or None


@cache
def normalizer(kind: str, /) -> tuple[str, Callable[[object], str | None]]:
    """``(how, function)``: the key function for a kind and which normalizer it is.

    Examples:
        >>> how, key = normalizer("text")
        >>> how, key("ＡＣＭＥ")
        ('dupguard.normalize.text', 'acme')
    """
    if kind in ("email", "phone", "company", "person", "domain"):
        try:
            module = importlib.import_module(f"dupguard.normalize.{kind}")
            canonical, is_valid = module.canonical, module.is_valid
        except (ImportError, AttributeError):
            pass
        else:

            def key(value: object) -> str | None:
                if not isinstance(value, str):
                    return None
                try:
                    return (canonical(value) or None) if is_valid(value) else None
                except ValueError:  # a DupguardError: the module disagrees with its is_valid
                    return None

            return f"dupguard.normalize.{kind}", key
    return "dupguard.normalize.text", _text


def composite_key(values: Sequence[object], /) -> str | None:
    """The text-folded values joined, or ``None`` when any is missing or empty."""
    parts = [_text(v) for v in values]
    if any(p is None for p in parts):
        return None
    return _SEP.join(p for p in parts if p is not None)


def _keys(df: Any, schema: dict[str, str]) -> tuple[list[list[str]], dict[str, str]]:
    strong = columns_of(schema, *STRONG_KINDS)
    used: dict[str, str] = {}
    per_record: list[list[str]] = [[] for _ in range(len(df))]
    if strong:
        for col in strong:
            how, key = normalizer(schema[col])
            used[col] = how
            for i, value in enumerate(df[col]):
                k = key(value)
                if k is not None:
                    per_record[i].append(f"{schema[col]}:{k}")
    else:
        cols = columns_of(schema, *COMPOSITE_KINDS)
        used = dict.fromkeys(cols, "dupguard.normalize.text (composite)")
        for i, values in enumerate(zip(*(df[c] for c in cols), strict=True)):
            k = composite_key(values)
            if k is not None:
                per_record[i].append(k)
    return per_record, used


@dataclass(frozen=True, slots=True)
class DupguardKeys:
    """The key-only dupguard baseline (see the module docstring)."""

    name: str = "dupguard-keys"

    def version(self) -> str:
        """dupguard's version and the normalizers available."""
        import dupguard

        present = [k for k in ("email", "phone", "company", "person", "domain")
                   if normalizer(k)[0] != "dupguard.normalize.text"]
        return f"dupguard {dupguard.__version__} (normalizers: text, {', '.join(present) or 'no others yet'})"

    def load(self) -> None:
        """Import what ``run`` needs, before the clock starts."""
        for kind in ("text", "email", "phone", "company", "person", "domain"):
            normalizer(kind)

    def run(self, dataset: Any, /) -> Result:
        """Build keys, demote hub keys, union records sharing a key."""
        schema: dict[str, str] = dict(dataset.schema)
        dfs = frames(dataset)
        groups: defaultdict[str, list[list[str]]] = defaultdict(lambda: [[] for _ in dfs])
        used: dict[str, str] = {}
        for side, df in enumerate(dfs):
            per_record, used = _keys(df, schema)
            for rid, keys in zip(df["id"].astype(str), per_record, strict=True):
                for k in keys:
                    groups[k][side].append(rid)
        demoted = 0
        pairs: list[tuple[str, str]] = []
        for members in groups.values():
            if sum(len(m) for m in members) > MAX_KEY_RECORDS:
                demoted += 1
            elif len(dfs) == 1:
                pairs.extend(itertools.combinations(members[0], 2))
            else:
                pairs.extend(itertools.product(members[0], members[1]))
        extra = {"keys": used, "demoted_hub_keys": demoted, "max_key_records": MAX_KEY_RECORDS}
        if len(dfs) == 2:
            links = frozenset(pairs)
            return Result(pairs=links, candidate_pairs=len(links), candidates=lambda: links, extra=extra)
        unique = {ordered_pair(a, b) for a, b in pairs}
        ids: Iterable[str] = dfs[0]["id"].astype(str)
        return Result(
            clusters=clusters_from_pairs(ids, unique),
            candidate_pairs=len(unique),
            candidates=lambda: unique,
            extra=extra,
        )


SYSTEMS: Final = {"dupguard-keys": DupguardKeys()}
