"""Labelled evaluation sets: real data from ``../shared/data`` (read in place) and generated lists.

:func:`load` returns a :class:`Dataset`: a frame of records with their true entity (``dedupe``),
two frames to link (``link``), or labelled name pairs (``pairs``), plus the schema mapping each
match column to a dupguard field kind. Names (:data:`NAMES`):

* ``febrl1``–``febrl3`` (dedupe), ``febrl4`` (link): synthetic Australian people; truth from
  ``rec-N-org`` / ``rec-N-dup-k``; ``soc_sec_id`` is dropped (a perfect identifier would make the
  task trivial). True pairs: 500 / 1,934 / 6,538 / 5,000.
* ``cn-listed``: every SZSE company as three customer records of one entity (full Chinese name,
  short name, English name), each with CRM-style noise from :func:`benchmarks.generate.apply_edit`;
  the website sometimes attached. :meth:`Dataset.pair_category` tells zh↔zh, zh↔en and en↔en
  pairs apart.
* ``tw-listed``: the same from the TWSE and TPEx files (Traditional names, real phones/emails).
* ``patstat``: patent-holder names with hand-checked entity ids; ``chicago``: real multi-source
  childcare sites; ``restaurants``: Fodor's/Zagat.
* ``company-pairs``: 127 labelled company-name pairs (a pair-classification check).
* ``generated-10k`` / ``-100k`` / ``-1m``: :func:`benchmarks.generate.records` with seed 20240601
  (+ *seed*), the customer schema.

Examples:
    >>> from benchmarks.datasets import load
    >>> ds = load("febrl1")
    >>> ds.task, len(ds.records), len(ds.true_pairs())
    ('dedupe', 1000, 500)
    >>> "soc_sec_id" in ds.records.columns
    False
"""

from __future__ import annotations

import csv
import itertools
import os
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from random import Random
from typing import TYPE_CHECKING, Final, Literal

from benchmarks import generate

if TYPE_CHECKING:
    import pandas as pd  # type: ignore[import-untyped,unused-ignore]

__all__ = ["CUSTOMER_SCHEMA", "FIELD_KINDS", "NAMES", "Dataset", "load"]

REPO: Final = Path(__file__).resolve().parent.parent
DEFAULT_DATA_DIR: Final = REPO.parent / "shared" / "data"

NAMES: Final[tuple[str, ...]] = (
    "febrl1", "febrl2", "febrl3", "febrl4", "cn-listed", "tw-listed", "patstat", "chicago",
    "restaurants", "company-pairs", "generated-10k", "generated-100k", "generated-1m",
)
#: The dupguard field kinds a schema may name.
FIELD_KINDS: Final = frozenset(
    {"company", "person", "name", "email", "phone", "domain", "country", "text", "exact", "date"}
)
#: Schema of generated customer lists (:data:`benchmarks.generate.CUSTOMER_COLUMNS`).
CUSTOMER_SCHEMA: Final[Mapping[str, str]] = {
    "company": "company", "contact": "person", "email": "email", "phone": "phone",
    "website": "domain", "country": "country", "address": "text",
}
_FEBRL_SCHEMA: Final[Mapping[str, str]] = {
    "given_name": "name", "surname": "name", "street_number": "exact", "address_1": "text",
    "address_2": "text", "suburb": "text", "postcode": "exact", "state": "exact", "date_of_birth": "date",
}
_GENERATED_SEED: Final = 20240601
_GENERATED_SIZES: Final = {"generated-10k": 10_000, "generated-100k": 100_000, "generated-1m": 1_000_000}

# Edits a rep's typing adds to listed-company names (by script of the surface form).
_ZH_EDITS: Final = ("drop_legal_form", "swap_legal_form", "drop_region", "region_brackets", "traditional",
                    "typo", "stray_whitespace", "punctuation", "simplified")
_EN_EDITS: Final = ("company_case", "punctuation", "abbreviate", "drop_legal_form", "swap_legal_form", "typo",
                    "fullwidth", "stray_whitespace", "drop_region")


@dataclass(frozen=True, slots=True, kw_only=True)
class Dataset:
    """One evaluation set with its truth.

    Attributes:
        name: One of :data:`NAMES`.
        task: ``"dedupe"`` (``records``), ``"link"`` (``left`` × ``right``) or ``"pairs"`` (``pairs``).
        records: Dedupe frame: ``id`` (unique str), ``entity_id`` (truth), then match columns.
        left: Link frame (left side), same columns.
        right: Link frame (right side).
        pairs: Pair task: columns ``a``, ``b``, ``label`` (1 same entity, 0 not).
        schema: Match column → dupguard field kind (:data:`FIELD_KINDS`).
        source: Path(s) read, relative to the repo root (``;``-separated).
        notes: What the set tests and its caveats.
        categories: Record id → surface-form category (``"zh"`` / ``"en"``) for cn-/tw-listed.

    Examples:
        >>> ds = load("restaurants")
        >>> ds.schema["phone"], len(ds.true_pairs())
        ('phone', 112)
    """

    name: str
    task: Literal["dedupe", "link", "pairs"]
    records: pd.DataFrame | None = None
    left: pd.DataFrame | None = None
    right: pd.DataFrame | None = None
    pairs: pd.DataFrame | None = None
    schema: dict[str, str] = field(default_factory=dict)
    source: str = ""
    notes: str = ""
    categories: Mapping[str, str] | None = None

    def true_pairs(self) -> frozenset[tuple[str, str]]:
        """All true matches: within-entity pairs ``(a, b)`` with ``a < b``; link: ``(left_id, right_id)``.

        The pair task has none (its labels are in :attr:`pairs`).

        Examples:
            >>> len(load("febrl4").true_pairs())
            5000
        """
        if self.task == "dedupe" and self.records is not None:
            return _within_pairs(zip(self.records["id"], self.records["entity_id"], strict=True))
        if self.task == "link" and self.left is not None and self.right is not None:
            by_entity: dict[str, list[str]] = defaultdict(list)
            for rid, eid in zip(self.right["id"], self.right["entity_id"], strict=True):
                by_entity[eid].append(rid)
            return frozenset(
                (lid, rid)
                for lid, eid in zip(self.left["id"], self.left["entity_id"], strict=True)
                for rid in by_entity.get(eid, ())
            )
        return frozenset()

    def pair_category(self, a: str, b: str) -> str | None:
        """``"zh-zh"``, ``"zh-en"`` or ``"en-en"`` for a pair of cn-/tw-listed records; else ``None``.

        Examples:
            >>> ds = load("cn-listed")
            >>> ds.pair_category("sz000001-full", "sz000001-en"), ds.pair_category("sz000001-full", "sz000001-short")
            ('zh-en', 'zh-zh')
            >>> load("febrl1").pair_category("rec-1-org", "rec-1-dup-0") is None
            True
        """
        if self.categories is None:
            return None
        ca, cb = self.categories.get(a), self.categories.get(b)
        if ca is None or cb is None:
            return None
        return "-".join(sorted((ca, cb), key=("zh", "en").index))


def _within_pairs(rows: Iterable[tuple[str, str]]) -> frozenset[tuple[str, str]]:
    by_entity: dict[str, list[str]] = defaultdict(list)
    for rid, eid in rows:
        by_entity[eid].append(rid)
    out: set[tuple[str, str]] = set()
    for ids in by_entity.values():
        if len(ids) > 1:
            out.update((a, b) if a < b else (b, a) for a, b in itertools.combinations(ids, 2))
    return frozenset(out)


def _rel(path: Path) -> str:
    """*path* relative to the repo root (``../shared/data/...``)."""
    return Path(os.path.relpath(path.resolve(), REPO)).as_posix()


def _read(path: Path, **kwargs: object) -> pd.DataFrame:
    import pandas as pd

    return pd.read_csv(path, dtype=str, keep_default_na=False, **kwargs)


# --- loaders ----------------------------------------------------------------------------------


def _febrl_frame(path: Path) -> pd.DataFrame:
    df = _read(path, skipinitialspace=True)
    df.columns = [c.strip() for c in df.columns]
    df = df.drop(columns=["soc_sec_id"])
    df = df.rename(columns={"rec_id": "id"})
    df["id"] = df["id"].str.strip()
    df.insert(1, "entity_id", df["id"].str.extract(r"rec-(\d+)-", expand=False))
    return df


def _febrl(name: str, data: Path) -> Dataset:
    notes = ("Febrl synthetic Australian people (Christen, ANU); a regression baseline, not B2B customers. "
             "soc_sec_id dropped.")
    if name == "febrl4":
        a, b = data / "febrl" / "dataset4a.csv", data / "febrl" / "dataset4b.csv"
        return Dataset(name=name, task="link", left=_febrl_frame(a), right=_febrl_frame(b),
                       schema=dict(_FEBRL_SCHEMA), source=f"{_rel(a)};{_rel(b)}", notes=notes)
    path = data / "febrl" / f"dataset{name[-1]}.csv"
    return Dataset(name=name, task="dedupe", records=_febrl_frame(path), schema=dict(_FEBRL_SCHEMA),
                   source=_rel(path), notes=notes)


def _noisy(company: str, kinds: tuple[str, ...], rng: Random, extra: dict[str, str]) -> dict[str, str]:
    """A customer record for *company* with 0–2 CRM edits from *kinds* (edits recorded)."""
    rec = {"company": company, **extra}
    applied: list[str] = []
    for _ in range(rng.choice((0, 1, 1, 2))):
        kind = rng.choice(kinds)
        edited = generate.apply_edit(kind, rec, rng)
        if edited != rec and kind not in applied:
            rec = edited
            applied.append(kind)
    if rec.get("website") and rng.random() < 0.5:
        rec = generate.apply_edit("website_variant", rec, rng)
    rec["edits"] = "+".join(applied)
    return rec


def _cn_listed(data: Path, seed: int) -> Dataset:
    import pandas as pd

    path = data / "cn-listed-companies" / "szse_companies.csv"
    sz = _read(path)
    rng = Random(seed * 1_000_003 + 86)
    rows: list[dict[str, str]] = []
    categories: dict[str, str] = {}
    for code, full, short, en, site, addr in zip(
        sz["a_code"], sz["full_name_zh"], sz["a_short_name"], sz["name_en"], sz["website"], sz["reg_address"],
        strict=True,
    ):
        forms = (("full", full, _ZH_EDITS, "zh"), ("short", short, _ZH_EDITS, "zh"), ("en", en, _EN_EDITS, "en"))
        for suffix, name, kinds, cat in forms:
            if not name.strip():
                continue
            extra = {
                "website": site if site and rng.random() < 0.4 else "",
                "address": addr if cat == "zh" and suffix == "full" and rng.random() < 0.3 else "",
            }
            rec = _noisy(name, kinds, rng, extra)
            rid = f"sz{code}-{suffix}"
            rows.append({"id": rid, "entity_id": f"sz{code}", "company": rec["company"],
                         "website": rec.get("website", ""), "address": rec.get("address", ""), "edits": rec["edits"]})
            categories[rid] = cat
    frame = pd.DataFrame(rows, columns=["id", "entity_id", "company", "website", "address", "edits"])
    return Dataset(
        name="cn-listed", task="dedupe", records=frame,
        schema={"company": "company", "website": "domain", "address": "text"}, source=_rel(path),
        notes=("SZSE listing: full Chinese name, short name (raw: full-width, padding, ST flags) and English "
               "name of each company as three records of one entity, with CRM noise (apply_edit, seeded). "
               "Report zh-zh, zh-en, en-en recall apart: zh-en has a ceiling below 1 (万科 = CHINA VANKE)."),
        categories=categories,
    )


_FULLWIDTH_SPACE_RE: Final = re.compile(r"[\u3000\s]+")


def _tw_listed(data: Path, seed: int) -> Dataset:
    import pandas as pd

    paths = (data / "tw-listed-companies" / "twse_listed_t187ap03_L.csv",
             data / "tw-listed-companies" / "tpex_otc_t187ap03_O.csv")
    rng = Random(seed * 1_000_003 + 886)
    rows: list[dict[str, str]] = []
    categories: dict[str, str] = {}
    for path, market in zip(paths, ("twse", "tpex"), strict=True):
        df = _read(path, encoding="utf-8-sig")
        for code, full, short, en_raw, phone, email, site in zip(
            df["公司代號"], df["公司名稱"], df["公司簡稱"], df["英文簡稱"], df["總機電話"], df["電子郵件信箱"], df["網址"],
            strict=True,
        ):
            en = _FULLWIDTH_SPACE_RE.sub(" ", en_raw).strip()
            forms = (("full", full, _ZH_EDITS, "zh"), ("short", short, _ZH_EDITS, "zh"), ("en", en, _EN_EDITS, "en"))
            for suffix, name, kinds, cat in forms:
                if not name.strip():
                    continue
                extra = {
                    "phone": phone if rng.random() < 0.5 else "",
                    "email": email.strip() if rng.random() < 0.4 else "",
                    "website": site if rng.random() < 0.4 else "",
                }
                rec = _noisy(name.strip(), kinds, rng, extra)
                if rec["phone"] and rng.random() < 0.3:
                    rec = generate.apply_edit("phone_format", rec, rng)
                rid = f"tw{code}-{suffix}"
                rows.append({"id": rid, "entity_id": f"tw{code}", "company": rec["company"], "phone": rec["phone"],
                             "email": rec["email"], "website": rec["website"], "edits": rec["edits"],
                             "market": market})
                categories[rid] = cat
    frame = pd.DataFrame(rows, columns=["id", "entity_id", "company", "phone", "email", "website", "edits", "market"])
    return Dataset(
        name="tw-listed", task="dedupe", records=frame,
        schema={"company": "company", "phone": "phone", "email": "email", "website": "domain"},
        source=";".join(_rel(p) for p in paths),
        notes=("TWSE + TPEx master data: Traditional full name, short name (臺/台 variants), English short name "
               "(often an acronym: ceiling below 1 for zh-en), real messy phones/emails/websites attached at "
               "random; CRM noise via apply_edit (seeded)."),
        categories=categories,
    )


def _patstat(data: Path) -> Dataset:
    path = data / "patstat-company-names" / "patstat_reference.csv"
    df = _read(path).rename(columns={"person_id": "id", "leuven_id": "entity_id", "person_name": "company"})
    return Dataset(name="patstat", task="dedupe", records=df[["id", "entity_id", "company"]],
                   schema={"company": "company"}, source=_rel(path),
                   notes=("PATSTAT names with KU Leuven entity ids: real legal-form noise and typos; clusters very "
                          "skewed (Philips: 676 names) — report B-cubed as well as pairwise."))


def _chicago(data: Path) -> Dataset:
    path = data / "chicago-early-childhood-dedupe" / "csv_example_input_with_true_ids.csv"
    df = _read(path)
    out = df[["Id", "True Id", "Site name", "Address", "Zip", "Phone", "Email Address", "Website", "Source"]].copy()
    out.columns = ["id", "entity_id", "company", "address", "zip", "phone", "email", "website", "source"]
    for col in ("company", "address"):
        out[col] = out[col].str.replace(r"\s+", " ", regex=True).str.strip()
    out["phone"] = out["phone"].str.replace(r"\.0$", "", regex=True)
    return Dataset(name="chicago", task="dedupe", records=out,
                   schema={"company": "company", "address": "text", "zip": "exact", "phone": "phone",
                           "email": "email", "website": "domain"},
                   source=_rel(path),
                   notes="Chicago early-childhood sites from 10 sources, hand-clustered (dedupe csv_example). US, 7-digit local phones.")


def _restaurants(data: Path) -> Dataset:
    path = data / "restaurants-fodors-zagat" / "restaurantProfiles.csv"
    dup_path = data / "restaurants-fodors-zagat" / "duplicates.csv"
    df = _read(path, sep="|")
    parent = {i: i for i in df["id"]}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    with open(dup_path, encoding="utf-8") as fh:
        for a, b in csv.reader(fh, delimiter="|"):
            ra, rb = find(a.strip()), find(b.strip())
            if ra != rb:
                parent[max(ra, rb)] = min(ra, rb)
    df.insert(1, "entity_id", [find(i) for i in df["id"]])
    df = df.rename(columns={"name": "company", "addr": "address"})
    return Dataset(name="restaurants", task="dedupe", records=df,
                   schema={"company": "company", "address": "text", "phone": "phone", "city": "text"},
                   source=f"{_rel(path)};{_rel(dup_path)}",
                   notes="Fodor's/Zagat restaurants (RIDDLE): name, address, phone drift; small and easy (smoke test).")


def _company_pairs(data: Path) -> Dataset:
    path = data / "company-name-pairs-small" / "test_data.csv"
    df = _read(path, encoding="utf-8-sig").rename(columns={"Name_x": "a", "Name_y": "b", "Targets": "label"})
    df["label"] = df["label"].astype(int)
    return Dataset(name="company-pairs", task="pairs", pairs=df[["a", "b", "label"]],
                   schema={"a": "company", "b": "company"}, source=_rel(path),
                   notes=("127 hand-written pairs of famous brands (company_name_matcher tests); positives include "
                          "tickers and brand aliases no string method gets without a dictionary."))


def _generated(name: str, seed: int) -> Dataset:
    import pandas as pd

    n = _GENERATED_SIZES[name]
    columns = generate.CUSTOMER_COLUMNS + generate.EXTRA_COLUMNS
    frame = pd.DataFrame.from_records(
        (tuple(r[c] for c in columns) for r in generate.records(n, seed=_GENERATED_SEED + seed)), columns=columns,
    )
    frame = frame[["id", "entity_id", *generate.CUSTOMER_COLUMNS[1:], "owner", "created_at", "edits"]]
    return Dataset(name=name, task="dedupe", records=frame, schema=dict(CUSTOMER_SCHEMA),
                   source=f"benchmarks/generate.py (seed {_GENERATED_SEED + seed})",
                   notes="Generated B2B customer list with known truth; see docs/datasets.md for the edit kinds.")


def load(name: str, /, *, seed: int = 0, data_dir: Path | None = None) -> Dataset:
    """Load one evaluation set by name.

    Args:
        name: One of :data:`NAMES`.
        seed: Varies the noise of cn-/tw-listed and the generated sets (0 = the reference runs).
        data_dir: Folder holding the shared data; default ``<repo>/../shared/data``.

    Returns:
        The :class:`Dataset`.

    Raises:
        ValueError: *name* is not in :data:`NAMES`.
        FileNotFoundError: The shared data is missing.

    Examples:
        >>> load("company-pairs").pairs.shape
        (127, 3)
        >>> load("nope")
        Traceback (most recent call last):
        ...
        ValueError: unknown dataset 'nope'; expected one of febrl1, febrl2, febrl3, febrl4, cn-listed, tw-listed, patstat, chicago, restaurants, company-pairs, generated-10k, generated-100k, generated-1m
    """
    if name not in NAMES:
        raise ValueError(f"unknown dataset {name!r}; expected one of {', '.join(NAMES)}")
    data = Path(data_dir) if data_dir is not None else DEFAULT_DATA_DIR
    if name.startswith("generated-"):
        return _generated(name, seed)
    if not data.is_dir():
        raise FileNotFoundError(f"shared data folder not found: {data}")
    if name.startswith("febrl"):
        return _febrl(name, data)
    loaders = {
        "cn-listed": lambda: _cn_listed(data, seed),
        "tw-listed": lambda: _tw_listed(data, seed),
        "patstat": lambda: _patstat(data),
        "chicago": lambda: _chicago(data),
        "restaurants": lambda: _restaurants(data),
        "company-pairs": lambda: _company_pairs(data),
    }
    return loaders[name]()
