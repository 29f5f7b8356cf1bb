"""The customer-list generator: determinism, truth, every edit kind, hard negatives, normalizers."""

from __future__ import annotations

import csv
import importlib
import itertools
import re
import tracemalloc
from collections import Counter, defaultdict
from datetime import datetime
from random import Random

import pytest
from benchmarks.generate import (
    CUSTOMER_COLUMNS,
    EDIT_KINDS,
    EXTRA_COLUMNS,
    GeneratorConfig,
    apply_edit,
    country_iso2,
    main,
    records,
    write_csv,
)

from benchmarks import _wordlists as W
from tests.support import REPO

SAMPLE = REPO / "examples" / "sample_customers.csv"


@pytest.fixture(scope="module")
def rows() -> list[dict[str, str]]:
    return list(records(5000, seed=11))


@pytest.fixture(scope="module")
def many_dups() -> list[dict[str, str]]:
    """A duplicate-heavy list: every edit kind should show up in it."""
    return list(records(6000, seed=5, config=GeneratorConfig(duplicate_rate=0.95, max_edits=3)))


def _entities(rs: list[dict[str, str]]) -> dict[str, list[dict[str, str]]]:
    out: dict[str, list[dict[str, str]]] = defaultdict(list)
    for r in rs:
        out[r["entity_id"]].append(r)
    return out


# --- shape and determinism ------------------------------------------------------------------------


def test_columns_and_types(rows: list[dict[str, str]]) -> None:
    assert len(rows) == 5000
    for r in rows:
        assert tuple(r) == CUSTOMER_COLUMNS + EXTRA_COLUMNS
        assert all(isinstance(v, str) for v in r.values())
    assert [r["id"] for r in rows[:3]] == ["r0000001", "r0000002", "r0000003"]
    assert len({r["id"] for r in rows}) == len(rows)
    assert all(re.fullmatch(r"e\d{6}", r["entity_id"]) for r in rows)
    assert {r["owner"] for r in rows} <= set(W.OWNERS)
    assert all(r["company"].strip() for r in rows)


def test_deterministic_per_seed(rows: list[dict[str, str]]) -> None:
    assert list(records(5000, seed=11)) == rows
    assert list(records(300, seed=12)) != rows[:300]


def test_prefix_property(rows: list[dict[str, str]]) -> None:
    assert list(records(777, seed=11)) == rows[:777]
    assert list(records(0, seed=11)) == []


def test_config_seed_used_when_seed_is_zero() -> None:
    cfg = GeneratorConfig(seed=11)
    assert list(records(50, config=cfg)) == list(records(50, seed=11))


def test_negative_n_rejected() -> None:
    with pytest.raises(ValueError, match="n must be"):
        list(records(-1))


def test_config_changes_output() -> None:
    base = list(records(400, seed=3))
    no_dups = list(records(400, seed=3, config=GeneratorConfig(duplicate_rate=0.0)))
    assert base != no_dups
    assert all(r["edits"] == "" for r in no_dups)
    assert len({r["entity_id"] for r in no_dups}) == 400


# --- truth ------------------------------------------------------------------------------------------


def test_entities_contiguous_original_first(rows: list[dict[str, str]]) -> None:
    seen: list[str] = []
    for r in rows:
        if not seen or seen[-1] != r["entity_id"]:
            assert r["entity_id"] not in seen, "an entity's records must be contiguous"
            seen.append(r["entity_id"])
            assert r["edits"] == "", "each entity starts with its original"
        else:
            assert r["edits"], "every duplicate names the edits that made it"
            assert set(r["edits"].split("+")) <= set(EDIT_KINDS)
    assert seen == sorted(seen)


def test_cluster_sizes_and_duplicate_rate(rows: list[dict[str, str]]) -> None:
    ents = _entities(rows)
    sizes = Counter(len(v) for v in ents.values())
    assert max(sizes) <= GeneratorConfig().max_cluster
    with_dups = sum(n for s, n in sizes.items() if s > 1) / len(ents)
    assert 0.25 < with_dups < 0.35  # duplicate_rate = 0.3


def test_duplicates_created_after_original(rows: list[dict[str, str]]) -> None:
    for group in _entities(rows).values():
        times = [datetime.fromisoformat(r["created_at"]) for r in group]
        assert all(t.utcoffset() is not None for t in times)
        assert all(t >= times[0] for t in times[1:])


def test_duplicates_resemble_their_original(rows: list[dict[str, str]]) -> None:
    """Each duplicate keeps at least one field of its original verbatim or the edits explain it."""
    for group in _entities(rows).values():
        orig = group[0]
        for dup in group[1:]:
            same = [c for c in CUSTOMER_COLUMNS[1:] if dup[c] and dup[c] == orig[c]]
            assert same or len(dup["edits"].split("+")) >= 2, (orig, dup)


# --- edits --------------------------------------------------------------------------------------------

_CN = {
    "company": "宁波海天进出口有限公司", "contact": "张伟", "email": "zhang.wei@gmail.com",
    "phone": "+86 138 0013 8000", "website": "www.nbhaitian.com", "country": "China",
    "address": "浙江省宁波市高新区海天路88号",
    "_company_zh": "宁波海天进出口有限公司", "_company_en": "Ningbo Haitian Import & Export Co., Ltd.",
    "_company_py": "Ningbo Haitian Jinchukou", "_contact_zh": "张伟", "_contact_py": "Zhang Wei",
    "_contact_en": "Kevin Zhang", "_given": "Wei", "_surname": "Zhang", "_nick": "Kevin", "_culture": "zh",
    "_surname_zh": "张", "_phone": "86|13800138000|3|", "_iso2": "CN", "_domain": "nbhaitian.com",
}
_CN_EN = {**_CN, "company": "Ningbo Haitian Import & Export Co., Ltd.", "contact": "Zhang Wei"}
_RU = {
    "company": "Veltora International Trading, LLC", "contact": "Александр Иванов",
    "email": "a.ivanov@gmail.com", "phone": "+7 903 123-45-67", "website": "veltora.ru", "country": "Russia",
    "address": "Tverskaya Street 12, Moscow 125009",
}
_TW = {"company": "臺灣海天電子股份有限公司", "contact": "陳建華", "email": "ir@haitian.com.tw",
       "phone": "(02)2531-7099", "website": "https://www.haitian.com.tw/", "country": "Taiwan", "address": ""}
_SAMPLES = (_CN, _CN_EN, _RU, _TW)


@pytest.mark.parametrize("kind", EDIT_KINDS)
def test_every_edit_kind_changes_some_record(kind: str) -> None:
    changed = []
    for rec in _SAMPLES:
        for seed in range(3):
            out = apply_edit(kind, rec, Random(seed))
            assert {k for k in out if not k.startswith("_")} == {k for k in rec if not k.startswith("_")}
            assert all(isinstance(v, str) for v in out.values())
            if out != rec:
                changed.append(out)
    assert changed, f"{kind} changed none of the sample records"


@pytest.mark.parametrize("kind", EDIT_KINDS)
def test_edits_are_pure_and_seeded(kind: str) -> None:
    for rec in _SAMPLES:
        before = dict(rec)
        a = apply_edit(kind, rec, Random(7))
        assert rec == before, "apply_edit must not mutate its input"
        assert apply_edit(kind, rec, Random(7)) == a


def test_every_edit_kind_exercised_by_the_generator(many_dups: list[dict[str, str]]) -> None:
    used = Counter(k for r in many_dups for k in r["edits"].split("+") if k)
    missing = [k for k in EDIT_KINDS if not used[k]]
    assert not missing, f"never applied: {missing}"


def test_specific_edits() -> None:
    rng = Random(0)
    assert apply_edit("drop_legal_form", {"company": "Acme Trading Co., Ltd."}, rng)["company"] == "Acme Trading"
    assert apply_edit("drop_legal_form", {"company": "Rossi S.r.l."}, rng)["company"] == "Rossi"
    assert apply_edit("drop_legal_form", {"company": "GmbH"}, rng)["company"] == "GmbH"  # nothing left: keep
    assert apply_edit("company_english", _CN, rng)["company"] in (_CN["_company_en"], _CN["_company_en"].upper())
    assert apply_edit("googlemail", _CN, rng)["email"] == "zhang.wei@googlemail.com"
    dots = apply_edit("gmail_dots", _CN, rng)["email"]
    assert dots.replace(".", "").replace("@gmailcom", "") == "zhangwei"
    assert dots.endswith("@gmail.com")
    assert apply_edit("transliterate", _RU, rng)["contact"] == "Aleksandr Ivanov"
    assert apply_edit("traditional", _CN, rng)["company"] == "寧波海天進出口有限公司"
    assert apply_edit("simplified", _TW, rng)["company"] == "台湾海天电子股份有限公司"
    assert apply_edit("region_brackets", _CN, rng)["company"] in ("海天进出口（宁波）有限公司", "海天进出口(宁波)有限公司")
    assert apply_edit("drop_region", _CN, rng)["company"] == "海天进出口有限公司"
    wide = apply_edit("fullwidth", _RU, rng)["company"]
    assert wide.startswith("Ｖｅｌｔｏｒａ")
    assert apply_edit("contact_pinyin", {"company": "x", "contact": "王芳"}, rng)["contact"] in ("Wang Fang", "Fang Wang")
    formats = {apply_edit("phone_format", _CN, Random(s))["phone"] for s in range(40)}
    assert {"13800138000", "+8613800138000", "wa.me/8613800138000"} & formats
    assert all(re.sub(r"\D", "", f).endswith("13800138000") for f in formats)
    with pytest.raises(KeyError):
        apply_edit("no_such_edit", _CN, rng)


def test_edit_fallbacks_without_hints() -> None:
    """Real records carry no hints: the edits derive what they need."""
    plain = {k: v for k, v in _CN.items() if not k.startswith("_")}
    assert apply_edit("company_pinyin", plain, Random(0))["company"].replace(" ", "").lower().startswith("ningbohaitian")
    assert apply_edit("country_variant", plain, Random(3))["country"] in W.CN_COUNTRY_FORMS
    tw = apply_edit("phone_format", _TW, Random(0))["phone"]
    assert re.sub(r"\D", "", tw) == "0225317099"


# --- hard negatives ------------------------------------------------------------------------------------


def test_hard_negatives_present() -> None:
    rs = list(records(3000, seed=2, config=GeneratorConfig(hard_negative_rate=0.4)))
    originals = [r for r in rs if not r["edits"]]
    by_phone: dict[str, set[str]] = defaultdict(set)
    by_contact: dict[str, set[str]] = defaultdict(set)
    by_stem: dict[tuple[str, str], set[str]] = defaultdict(set)
    for r in originals:
        digits = re.sub(r"\D", "", r["phone"])[-8:]
        if digits:
            by_phone[digits].add(r["entity_id"])
        if r["contact"]:
            by_contact[r["contact"]].add(r["entity_id"])
        m = re.match(r"(\w\w)(\w)\w(.+?)(?:有限|股份|集团)", r["company"])
        if m:
            by_stem[(m[1] + m[2], m[3])].add(r["entity_id"])
    assert sum(len(v) > 2 for v in by_phone.values()) >= 1, "a forwarder's phone shared by unrelated records"
    assert sum(len(v) > 1 for v in by_contact.values()) >= 10, "common contact names at other companies"
    assert sum(len(v) > 1 for v in by_stem.values()) >= 10, "same city + first trade character + industry"


# --- normalizers ------------------------------------------------------------------------------------------


def _normalizer_failures(rows: list[dict[str, str]]) -> dict[str, tuple[int, int, list[str]]]:
    email = importlib.import_module("dupguard.normalize.email")
    phone = importlib.import_module("dupguard.normalize.phone")
    company = importlib.import_module("dupguard.normalize.company")
    person = importlib.import_module("dupguard.normalize.person")
    domain = importlib.import_module("dupguard.normalize.domain")

    def phones(value: str, r: dict[str, str]) -> object:
        region = country_iso2(r["country"]) or "CN"
        try:
            return phone.parse_many(value, region=region)
        except ValueError:
            return phone.parse_many(value, region="CN")  # the rep's own region (0086…, 138…)

    checks = {
        "company": lambda v, r: company.parse(v),
        "contact": lambda v, r: person.parse(v),
        "email": lambda v, r: getattr(email, "parse_many", email.parse)(v),
        "phone": phones,
        "website": lambda v, r: domain.parse(v),
    }
    out: dict[str, tuple[int, int, list[str]]] = {}
    for column, check in checks.items():
        total, bad = 0, []
        for r in rows:
            value = r[column]
            if not value:
                continue
            total += 1
            try:
                check(value, r)
            except Exception as e:  # any error counts, typed or not
                bad.append(f"{value!r} ({type(e).__name__}: {getattr(e, 'reason', e)})")
        out[column] = (total, len(bad), bad)
    return out


def test_output_passes_through_normalizers(rows: list[dict[str, str]]) -> None:
    results = _normalizer_failures(rows)
    report = {c: f"{t - b}/{t} parsed; e.g. {bad[:8]}" for c, (t, b, bad) in results.items() if b}
    for column, (total, bad, _) in results.items():
        assert total > 1000, column
        assert bad <= 0.01 * total, f"{column}: {report.get(column)}"


# --- output files and CLI ---------------------------------------------------------------------------------


def test_write_csv_round_trip(tmp_path: object) -> None:
    from pathlib import Path

    path = Path(str(tmp_path)) / "c.csv"
    assert write_csv(path, 300, seed=4) == 300
    with open(path, encoding="utf-8", newline="") as fh:
        back = list(csv.DictReader(fh))
    assert back == list(records(300, seed=4))


def test_main_writes_file(tmp_path: object, capsys: pytest.CaptureFixture[str]) -> None:
    from pathlib import Path

    out = Path(str(tmp_path)) / "x.csv"
    assert main(["--n", "50", "--seed", "1", "--out", str(out)]) == 0
    assert "wrote 50 records" in capsys.readouterr().err
    with open(out, encoding="utf-8", newline="") as fh:
        assert sum(1 for _ in csv.reader(fh)) == 51


def test_bundled_sample_is_current() -> None:
    assert SAMPLE.stat().st_size <= 400 * 1024
    with open(SAMPLE, encoding="utf-8", newline="") as fh:
        bundled = list(csv.DictReader(fh))
    assert bundled == list(records(2000, seed=7)), "regenerate: python -m benchmarks.generate --n 2000 --seed 7"


def test_memory_does_not_grow_with_n() -> None:
    """Streaming: the peak while consuming 4x more records stays about the same."""
    gen = records(10**9, seed=9)
    for _ in itertools.islice(gen, 800):  # warm the bounded caches
        pass

    def peak(k: int) -> int:
        tracemalloc.start()
        for _ in itertools.islice(gen, k):
            pass
        p = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        return p

    small, large = peak(300), peak(1200)
    assert large < 1.5 * small + 200_000


def test_country_iso2() -> None:
    assert country_iso2(" china ") == "CN"
    assert country_iso2("台灣") == "TW"
    assert country_iso2("Deutschland") == "DE"
    assert country_iso2("") == ""


def test_parallel_write_is_identical(tmp_path: object) -> None:
    from pathlib import Path

    one, two = Path(str(tmp_path)) / "1.csv", Path(str(tmp_path)) / "2.csv"
    assert write_csv(one, 400, seed=8) == 400
    assert write_csv(two, 400, seed=8, workers=2) == 400
    assert one.read_bytes() == two.read_bytes()
