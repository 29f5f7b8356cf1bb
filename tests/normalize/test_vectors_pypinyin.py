"""pypinyin's own test vectors against :func:`dupguard.normalize.text.transliterate`.

Source: ``../shared/data/pypinyin-tests/pinyin_cases.json`` (mozillazg/python-pinyin ``tests/``,
653 cases, all passing with pypinyin 0.55.0). dupguard uses one romanisation: toneless pinyin
(pypinyin's ``NORMAL`` style, ü written ``v``), one reading per character, syllables separated by
spaces. So:

* **Applicable**: a ``str`` input whose style is ``NORMAL`` (the default of ``lazy_pinyin`` and
  ``slug``) or a toned full-pinyin style (``TONE``, ``TONE2``, ``TONE3``: the reading is the same,
  the tones are stripped here), without ``heteronym=True`` on ``pinyin`` (we keep one reading).
  Checked: ``text.transliterate(input) == " ".join(toneless syllables)``.
* **Not applicable** (styles dupguard does not produce — initials, finals, first letters,
  Bopomofo, Cyrillic, Wade-Giles, Gwoyeu Romatzyh — heteronym lists, pre-segmented list input):
  counted, and run against pypinyin directly so the pinned library still does what its tests say.

Deliberate differences are in ``deviations_pypinyin.json`` with reasons; each must still deviate.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from dupguard.normalize import text
from tests.support import load_json

CASES: list[dict[str, Any]] = load_json("pypinyin-tests/pinyin_cases.json")
DEVIATIONS: dict[str, dict[str, str]] = {
    d["id"]: d
    for d in json.loads((Path(__file__).parent / "deviations_pypinyin.json").read_text(encoding="utf-8"))
}

_DEFAULT_STYLE = {"lazy_pinyin": "NORMAL", "pinyin": "TONE", "slug": "NORMAL"}
_OUR_STYLES = frozenset({"NORMAL", "TONE", "TONE2", "TONE3"})

EXPECTED_COUNTS = {"pass": 210, "deviation": 3, "not_applicable": 440}


def _case_id(case: dict[str, Any]) -> str:
    return f"{case['group']}:{case['func']}:{case['input']}:{json.dumps(case['kwargs'], sort_keys=True, ensure_ascii=False)}"


def _applies(case: dict[str, Any]) -> bool:
    style = case["kwargs"].get("style", _DEFAULT_STYLE[case["func"]])
    heteronym_list = case["func"] == "pinyin" and bool(case["kwargs"].get("heteronym"))
    return isinstance(case["input"], str) and style in _OUR_STYLES and not heteronym_list


def _toneless(syllable: str) -> str:
    """``lǚ``/``lv3``/``lü3`` → ``lv``; ``ḿ`` → ``m``; non-pinyin tokens are left alone."""
    s = unicodedata.normalize("NFD", syllable).replace("u\u0308", "v").replace("ü", "v")
    s = "".join(ch for ch in s if not unicodedata.combining(ch))
    return re.sub(r"[0-5]", "", s) if re.search(r"[a-z]", s) else s


def _expected_ascii(case: dict[str, Any]) -> str:
    expected = case["expected"]
    if case["func"] == "pinyin":
        syllables = [readings[0] for readings in expected]
    elif case["func"] == "slug":
        syllables = expected.split("-")
    else:
        syllables = expected
    return " ".join(_toneless(s) for s in syllables).lower()


def _params(applicable: bool) -> list[Any]:
    return [pytest.param(c, id=_case_id(c)) for c in CASES if _applies(c) is applicable]


def test_case_ids_identify_one_behaviour() -> None:
    # The source repeats a few rows (e.g. 约 in two tables); a repeated id must mean the same case.
    assert len(CASES) == 653
    by_id: dict[str, Any] = {}
    for c in CASES:
        assert by_id.setdefault(_case_id(c), c["expected"]) == c["expected"]


@pytest.mark.parametrize("case", _params(applicable=True))
def test_transliterate_vectors(case: dict[str, Any]) -> None:
    ours, expected = text.transliterate(case["input"]), _expected_ascii(case)
    deviation = DEVIATIONS.get(_case_id(case))
    if deviation is None:
        assert ours == expected
    else:  # still deviates, exactly as recorded
        assert ours != expected
        assert (deviation["input"], deviation["expected"], deviation["ours"]) == (
            case["input"],
            expected,
            ours,
        )


@pytest.mark.parametrize("case", _params(applicable=False))
def test_not_applicable_cases_hold_for_pypinyin_itself(case: dict[str, Any]) -> None:
    import pypinyin

    kwargs = dict(case["kwargs"])
    if "style" in kwargs:
        kwargs["style"] = getattr(pypinyin.Style, kwargs["style"])
    assert getattr(pypinyin, case["func"])(case["input"], **kwargs) == case["expected"]


def test_deviations_point_at_applicable_cases() -> None:
    applicable = {_case_id(c) for c in CASES if _applies(c)}
    for key, d in DEVIATIONS.items():
        assert key in applicable
        assert set(d) == {"id", "input", "expected", "ours", "reason"}
        assert len(d["reason"]) > 30


def test_counts() -> None:
    counts: Counter[str] = Counter()
    for c in CASES:
        if not _applies(c):
            counts["not_applicable"] += 1
        elif text.transliterate(c["input"]) == _expected_ascii(c):
            counts["pass"] += 1
        else:
            counts["deviation"] += 1
    assert dict(counts) == EXPECTED_COUNTS
    assert counts["deviation"] == len(DEVIATIONS)


@pytest.mark.parametrize(
    ("raw", "ascii_"),
    [
        ("重庆", "chong qing"),  # polyphone 重 read by phrase
        ("银行", "yin hang"),  # 行 as hang
        ("张伟", "zhang wei"),
        ("吕", "lv"),
        ("長沙", "chang sha"),  # Traditional: folded first, then pinyin
    ],
)
def test_transliterate_names_and_polyphones(raw: str, ascii_: str) -> None:
    assert text.transliterate(raw) == ascii_
