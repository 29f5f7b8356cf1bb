"""OpenCC's own conversion vectors against dupguard's Traditional → Simplified folding.

Source: ``../shared/data/opencc-tests/opencc_cases.json`` (BYVoid/OpenCC ``test/testcases``, 543 rows,
one per config). Three kinds of case:

* **To Simplified** (``t2s``, ``tw2s``, ``hk2s`` and the phrase variants ``tw2sp``, ``hk2sp``):
  ``text.to_simplified(input) == expected``. dupguard converts character by character with the
  ``t2s`` table, so OpenCC's phrase rules and regional vocabulary (滑鼠 → 鼠标) differ; each such case
  is listed with its reason in ``deviations_opencc.json`` (``"check": "to_simplified"``).
* **To Traditional, script or variant only** (``s2t``, ``s2tw``, ``s2hk``, ``t2tw``, ``t2hk``,
  ``tw2t``, ``hk2t``): producing Traditional text is *not dupguard's job* — keys are Simplified — so
  the conversion itself is not applicable. What matching needs instead is that both sides fold to
  one key (臺灣水泥 / 台湾水泥): ``text.fold(input) == text.fold(expected)``. Exceptions are listed
  with ``"check": "fold"`` (there ``expected``/``ours`` hold the two folded sides).
* **Not applicable at all** (``s2twp``, ``s2hkp``: mainland → Taiwan/Hong Kong *vocabulary*
  (软件 → 軟體), a translation no folding can undo; ``jp2t``, ``t2jp``: Japanese shinjitai, not
  Chinese). Counted, not run.

Each deviation must still deviate, exactly as recorded (a stale entry fails).
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from dupguard.normalize import text
from tests.support import load_json

CASES: list[dict[str, str]] = load_json("opencc-tests/opencc_cases.json")
DEVIATIONS: list[dict[str, str]] = json.loads(
    (Path(__file__).parent / "deviations_opencc.json").read_text(encoding="utf-8")
)

TO_SIMPLIFIED = frozenset({"t2s", "tw2s", "hk2s", "tw2sp", "hk2sp"})
FOLD_ONE_KEY = frozenset({"s2t", "s2tw", "s2hk", "t2tw", "t2hk", "tw2t", "hk2t"})
NOT_APPLICABLE = frozenset({"s2twp", "s2hkp", "jp2t", "t2jp"})

#: Pass counts at the time of writing; a change either way must be looked at (and this updated).
EXPECTED_COUNTS = {
    ("to_simplified", "pass"): 90,
    ("to_simplified", "deviation"): 79,
    ("fold", "pass"): 255,
    ("fold", "deviation"): 19,
    ("n/a", "n/a"): 100,
    ("n/a", "to-traditional conversion itself"): 274,
}

_DEV_INDEX = {(d["id"], d["config"], d["check"]): d for d in DEVIATIONS}


def _check_of(config: str) -> str:
    if config in TO_SIMPLIFIED:
        return "to_simplified"
    if config in FOLD_ONE_KEY:
        return "fold"
    return "n/a"


def _run(case: dict[str, str]) -> tuple[str, str]:
    """(what we produce, what it should equal) for the case's check."""
    if case["config"] in TO_SIMPLIFIED:
        return text.to_simplified(case["input"]), case["expected"]
    return text.fold(case["input"]), text.fold(case["expected"])


def _params(check: str) -> list[Any]:
    return [
        pytest.param(c, id=f"{c['config']}-{c['id']}")
        for c in CASES
        if _check_of(c["config"]) == check
    ]


def test_every_config_is_classified() -> None:
    configs = {c["config"] for c in CASES}
    assert configs == TO_SIMPLIFIED | FOLD_ONE_KEY | NOT_APPLICABLE
    assert len(CASES) == 543


def test_case_keys_are_unique() -> None:
    keys = Counter((c["id"], c["config"]) for c in CASES)
    assert max(keys.values()) == 1


@pytest.mark.parametrize("case", _params("to_simplified"))
def test_to_simplified_vectors(case: dict[str, str]) -> None:
    ours, expected = _run(case)
    deviation = _DEV_INDEX.get((case["id"], case["config"], "to_simplified"))
    if deviation is None:
        assert ours == expected
    else:  # still deviates, and exactly as recorded
        assert ours != expected
        assert (deviation["input"], deviation["expected"], deviation["ours"]) == (
            case["input"],
            expected,
            ours,
        )


@pytest.mark.parametrize("case", _params("fold"))
def test_traditional_vectors_fold_to_one_key(case: dict[str, str]) -> None:
    ours, expected = _run(case)
    deviation = _DEV_INDEX.get((case["id"], case["config"], "fold"))
    if deviation is None:
        assert ours == expected
    else:
        assert ours != expected
        assert (deviation["input"], deviation["expected"], deviation["ours"]) == (
            case["input"],
            expected,
            ours,
        )


def test_deviations_file_is_well_formed_and_points_at_real_cases() -> None:
    cases = {(c["id"], c["config"]) for c in CASES}
    assert len(_DEV_INDEX) == len(DEVIATIONS)  # no duplicates
    for d in DEVIATIONS:
        assert set(d) == {"id", "config", "check", "input", "expected", "ours", "reason"}
        assert (d["id"], d["config"]) in cases
        assert d["check"] == _check_of(d["config"])
        assert len(d["reason"]) > 30


def test_pass_counts() -> None:
    counts: Counter[tuple[str, str]] = Counter()
    for c in CASES:
        check = _check_of(c["config"])
        if check == "n/a":
            counts["n/a", "n/a"] += 1
            continue
        if check == "fold":
            counts["n/a", "to-traditional conversion itself"] += 1
        ours, expected = _run(c)
        counts[check, "pass" if ours == expected else "deviation"] += 1
    assert dict(counts) == EXPECTED_COUNTS
    assert counts["to_simplified", "deviation"] + counts["fold", "deviation"] == len(DEVIATIONS)


@pytest.mark.parametrize(
    ("traditional", "simplified"),
    [("臺灣水泥", "台湾水泥"), ("華為技術有限公司", "华为技术有限公司"), ("鴻海精密工業", "鸿海精密工业")],
)
def test_company_names_fold_to_one_key(traditional: str, simplified: str) -> None:
    assert text.canonical(traditional) == text.canonical(simplified)
