"""Build ``src/dupguard/normalize/_data/legal_forms.tsv`` from the two shared legal-form lexicons.

Run at development time only (no network; reads ``../shared/data`` beside the repo root)::

    .venv/bin/python scripts/build_legal_forms.py

Sources:

* GLEIF ISO 20275 Entity Legal Forms code list 2023-09-28 (CC0), ``gleif-entity-legal-forms/``:
  local names, transliterated names and the ``;``-separated abbreviations of every row (active and
  inactive: old forms still appear in names). Mainland-China rows are skipped: they list
  organisation *types* (事业单位, 基金会, 机关 …), not name suffixes. Single-character
  CJK abbreviations (株, 有, 資 …) and names with brackets or "其他" are skipped too.
* OpenSanctions rigour ``resources/names/org_types.yml`` (MIT), ``rigour-org-types/``: every alias;
  the label is the entry's ``compare`` value, else ``display``, else its first alias.
* A short curated list (source ``dupguard``) of trade abbreviations and unspaced CJK forms that
  neither lexicon spells the way CRM users type them (``CO.,LTD``, ``Pvt. Ltd.``, 有限责任公司,
  유한회사 …) and the prefix forms (``PT``, ``OOO``, ``SC``, 株式会社 …).

Words that are legal forms somewhere but ordinary name words almost everywhere (``Bank``, ``Trust``,
``Fund``, ``Group`` …) are dropped via ``_NEVER``: stripping them would merge ``Northern Trust``
with ``Northern``. ``Group``/``Holdings`` are handled as descriptors (industry terms) instead.

Output columns (tab-separated, UTF-8, one header line starting with ``#``):
``form  label  position  country  source`` where ``position`` is ``suffix`` or ``prefix``.
The forms are stored as written; the package folds them (``text.fold`` + ``skeleton``) on load.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared" / "data"
GLEIF = SHARED / "gleif-entity-legal-forms" / "elf_code_list_2023-09-28.csv"
RIGOUR = SHARED / "rigour-org-types" / "org_types.yml"
OUT = REPO / "src" / "dupguard" / "normalize" / "_data" / "legal_forms.tsv"

# Legal-form words in some jurisdiction that are ordinary name words in most company names.
# fmt: off
_NEVER = frozenset(
    {
        "bank", "trust", "fund", "funds", "foundation", "association", "church", "society",
        "partnership", "group", "holding", "holdings", "government", "municipality", "university",
        "school", "club", "union", "council", "commission", "authority", "agency", "institute",
        "stiftung", "verein", "fondation", "fundacion", "fundação", "fundacao", "fondazione",
        "stichting", "cooperative", "cooperativa", "cooperatief", "coop", "co-op", "mutual",
        "enterprise", "enterprises", "firm", "office", "branch", "trade", "trading", "estate",
        "sole", "individual", "person", "other", "others", "unknown", "public", "private",
        "state", "federal", "national", "international", "general", "limited partnership",
        "company", "hospital", "embassy", "consulate", "joint venture",
        # short forms the lexicons list with odd labels; the curated list below adds them back
        "sa", "ab", "as", "ag", "se", "ou", "oy",
        "business", "region", "région", "district", "canton", "cantone", "commune", "comune",
        "series", "trademark", "railroad", "municipal", "municipio", "municipalidad", "estado",
        "ente", "bund", "kraj", "obec", "kunta", "kommun", "gemeinde", "bezirk", "département",
        "métropole", "procura", "prokura", "procuration", "chartered", "proprietary", "artisan",
        "charity", "foundations", "partnerships", "syndicates", "condominio", "condominiums",
        "sindicato", "fideicomiso", "fiducie", "non-profit", "nonprofit", "ngo", "ong", "npo",
        "fondo", "fonds", "fond", "fundo", "firma", "filial", "anstalt", "sucursala",
        "podružnica", "sivuliike", "ambasciate", "ambassade", "botschaft", "congregación",
        "congrégation", "confederazione", "confédération", "comunidad", "consorzio", "mutua",
        "mutuelle", "sparkasse", "sparbank", "sparebank", "rederij", "reit", "dba", "jv",
        "cooperation", "coopération", "incorporation", "societe", "société", "compagnie",
        "companhia", "compañía", "corporación", "kooperatif", "cooperatie",
        "coöperatie", "spolek", "nadace", "fundacija", "fundación", "fundacja", "stiftelse",
        "säätiö", "pensionsstiftelse", "privatstiftung", "indivisioni", "indivisions", "lipa",
        "perum", "persero", "koperasi", "teo", "sonota", "concern", "konzern", "unit", "units",
        # GLEIF/rigour list these as *types* of body, not name suffixes
        "基金会", "事业单位", "社会团体", "机关", "企业", "商號", "商号", "合作社", "合夥", "合伙",
        "信託", "信托", "组合", "組合",
    }
)
# fmt: on
# fmt: off
_CURATED_SUFFIX: list[tuple[str, str, str]] = [
    # (form, label, country)
    ("Co., Ltd.", "ltd", "*"), ("Co.,Ltd", "ltd", "*"), ("Co Ltd", "ltd", "*"),
    ("Co., Limited", "ltd", "*"), ("Company Limited", "ltd", "*"), ("Company Ltd", "ltd", "*"),
    ("Corp., Ltd.", "ltd", "*"), ("Corporation Limited", "ltd", "*"), ("Limited", "ltd", "*"),
    ("Ltd", "ltd", "*"), ("Ltd.", "ltd", "*"), ("Lmt", "ltd", "*"), ("Ltda", "ltda", "*"),
    ("Co.", "co", "*"), ("Co", "co", "*"), ("Company", "co", "*"), ("Cie", "co", "FR"),
    ("Corp", "corp", "*"), ("Corp.", "corp", "*"), ("Corporation", "corp", "*"),
    ("Inc", "inc", "*"), ("Inc.", "inc", "*"), ("Incorporated", "inc", "*"),
    ("LLC", "llc", "*"), ("L.L.C.", "llc", "*"), ("PLC", "plc", "*"), ("LLP", "llp", "*"),
    ("Pvt. Ltd.", "pvt ltd", "IN"), ("Pvt Ltd", "pvt ltd", "IN"), ("Private Limited", "pvt ltd", "IN"),
    ("Pte. Ltd.", "pte ltd", "SG"), ("Pte Ltd", "pte ltd", "SG"), ("Pty Ltd", "pty ltd", "AU"),
    ("Pty. Ltd.", "pty ltd", "AU"), ("Pty Limited", "pty ltd", "AU"), ("Pty", "pty ltd", "AU"),
    ("Sdn. Bhd.", "sdn bhd", "MY"), ("Sdn Bhd", "sdn bhd", "MY"), ("Bhd", "bhd", "MY"),
    ("Tbk", "tbk", "ID"), ("S.A. de C.V.", "sa de cv", "MX"), ("S. de R.L. de C.V.", "s de rl de cv", "MX"),
    ("GmbH", "gmbh", "DE"), ("GmbH & Co. KG", "gmbh & co kg", "DE"), ("AG", "ag", "DE"),
    ("S.A.", "sa", "*"), ("S.A.S.", "sas", "FR"), ("S.R.L.", "srl", "*"), ("S.p.A.", "spa", "IT"),
    ("B.V.", "bv", "NL"), ("N.V.", "nv", "NL"), ("A/S", "as", "DK"), ("AB", "ab", "SE"),
    ("Oy", "oy", "FI"), ("Oyj", "oyj", "FI"), ("K.K.", "kk", "JP"), ("Kabushiki Kaisha", "kk", "JP"),
    ("Sp. z o.o.", "sp z oo", "PL"), ("spółka z o.o.", "sp z oo", "PL"), ("s.r.o.", "sro", "CZ"),
    ("股份有限公司", "股份有限公司", "CN"), ("有限责任公司", "有限责任公司", "CN"),
    ("有限公司", "有限公司", "CN"), ("股份公司", "股份公司", "CN"), ("股份", "股份有限公司", "CN"),
    ("公司", "公司", "CN"), ("无限公司", "无限公司", "TW"), ("两合公司", "两合公司", "TW"),
    ("有限合伙", "有限合伙", "CN"), ("普通合伙", "普通合伙", "CN"), ("特殊普通合伙", "特殊普通合伙", "CN"),
    ("合伙企业", "合伙企业", "CN"), ("个人独资企业", "个人独资企业", "CN"),
    ("株式会社", "株式会社", "JP"), ("有限会社", "有限会社", "JP"), ("合同会社", "合同会社", "JP"),
    ("合資会社", "合資会社", "JP"), ("合名会社", "合名会社", "JP"),
    ("유한회사", "유한회사", "KR"), ("주식회사", "주식회사", "KR"), ("유한책임회사", "유한책임회사", "KR"),
    ("(주)", "주식회사", "KR"), ("(유)", "유한회사", "KR"),
]
# fmt: on
_CURATED_PREFIX: list[tuple[str, str, str]] = [
    ("PT", "pt", "ID"),
    ("PT.", "pt", "ID"),
    ("CV", "cv", "ID"),
    ("CV.", "cv", "ID"),
    ("UD", "ud", "ID"),
    ("OOO", "ooo", "RU"),
    ("ООО", "ooo", "RU"),
    ("OAO", "oao", "RU"),
    ("ОАО", "oao", "RU"),
    ("ZAO", "zao", "RU"),
    ("ЗАО", "zao", "RU"),
    ("PAO", "pao", "RU"),
    ("ПАО", "pao", "RU"),
    ("AO", "ao", "RU"),
    ("АО", "ao", "RU"),
    ("TOO", "too", "KZ"),
    ("ТОО", "too", "KZ"),
    ("TOV", "tov", "UA"),
    ("ТОВ", "tov", "UA"),
    ("JSC", "jsc", "*"),
    ("OJSC", "ojsc", "*"),
    ("CJSC", "cjsc", "*"),
    ("PJSC", "pjsc", "*"),
    ("SC", "sc", "RO"),
    ("S.C.", "sc", "RO"),
    ("株式会社", "株式会社", "JP"),
    ("有限会社", "有限会社", "JP"),
    ("주식회사", "주식회사", "KR"),
    ("(주)", "주식회사", "KR"),
    ("유한회사", "유한회사", "KR"),
    ("(유)", "유한회사", "KR"),
]

_HAN_OR_KANA = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")


def _clean(form: str) -> str:
    return " ".join(form.replace("\t", " ").split())


# A multi-word form ending in one of these names a kind of body ("Commercial Bank", "Savings
# Bank", "Business Trust") that real names end with too: "China Merchants Commercial Bank".
_NEVER_LAST = frozenset(
    {"bank", "banking", "trust", "trustee", "fund", "funds", "foundation", "association",
     "society", "union", "church", "school", "university", "hospital", "council", "authority",
     "agency", "institute", "institution", "club", "office", "branch", "commission", "government",
     "municipality", "entity", "organization", "organisation", "body", "estate", "group"}
)  # fmt: skip


def _acceptable(form: str) -> bool:
    f = _clean(form)
    if not f or "(" in f or "（" in f or "其他" in f or "其它" in f:
        return False
    if f.casefold() in _NEVER or f in _NEVER:
        return False
    if f.casefold().rsplit(" ", 1)[-1] in _NEVER_LAST:
        return False
    # one CJK character (株, 有, 名 …) is an abbreviation used in registers, not in names
    if _HAN_OR_KANA.search(f) and len(f) < 2:
        return False
    letters = [ch for ch in f if ch.isalpha()]
    if len(letters) < 2:
        return False  # single letters (A, F, S) end too many real names ("Vitamin A")
    compact = re.sub(r"[.\s/'’-]", "", f.casefold())
    # 2-3 letter register codes (PR, SON, EMC, PTC) collide with real names
    return bool(_HAN_OR_KANA.search(f)) or len(letters) > 3 or compact in _SHORT_OK


# Short Latin forms common enough at the end of names to strip (compared without dots/slashes).
# fmt: off
_SHORT_OK = frozenset(
    {"ag", "ab", "as", "sa", "bv", "nv", "oy", "kg", "kk", "se", "sl", "pt", "cv", "dd", "ks",
     "ad", "ao", "co", "lp", "kb", "hb", "sc", "ud", "ek", "ev", "eg", "og", "ltd", "llc", "llp",
     "plc", "inc", "srl", "sas", "spa", "bhd", "ooo", "oao", "zao", "pao", "jsc", "gbr", "ohg",
     "kft", "uab", "sia", "asa", "aps", "ans", "doo", "ood", "ead", "tbk", "vof", "vzw", "scs",
     "sca", "snc", "sce", "scp", "pty", "pte", "pvt", "cic", "ulc", "nuf", "enk", "oyj", "abp",
     "sro", "spj", "ehf", "hf", "kd", "dno", "ltda", "cie", "corp", "gmbh", "mbh", "kgaa", "bvba",
     "sarl", "sprl", "scrl", "eirl", "ltee", "lda", "sae", "sal", "sab", "sau", "slu", "sll",
     "zrt", "nyrt", "bt", "kht", "aat", "zat", "tov", "too", "tzov", "pllc", "lllp",
     "ооо", "оао", "зао", "пао", "ао", "тов", "тоо", "ад", "оод", "еоод", "доо", "ltds", "coltd",
     "kda", "scc"}
)
# fmt: on


def gleif_rows() -> list[tuple[str, str, str, str, str]]:
    out: list[tuple[str, str, str, str, str]] = []
    with GLEIF.open(encoding="utf-8-sig", newline="") as fh:
        for row in csv.DictReader(fh):
            country = row["Country Code (ISO 3166-1)"].strip()
            if not country or country == "CN":
                continue
            abbrs = [a for a in row["Abbreviations Local language"].split(";") if a.strip()]
            abbrs += [a for a in row["Abbreviations transliterated"].split(";") if a.strip()]
            names = [
                row["Entity Legal Form name Local name"],
                row["Entity Legal Form name Transliterated name (per ISO 01-140-10)"],
            ]
            label_src = next((a for a in abbrs if _acceptable(a)), None) or names[0]
            label = _clean(label_src)
            # a one-word local name is kept only when it is a long compound legal term
            # (Aktiengesellschaft, osakeyhtiö); short ones are ordinary words (Firma, Fond, Kunta)
            names = [
                n
                for n in names
                if " " in _clean(n) or len(_clean(n)) >= 10 or _HAN_OR_KANA.search(n)
            ]
            for form in [*abbrs, *names]:
                if _acceptable(form):
                    out.append((_clean(form), label, "suffix", country, "gleif"))
    return out


def rigour_rows() -> list[tuple[str, str, str, str, str]]:
    """Parse the simple YAML shape of org_types.yml without a YAML library."""
    entries: list[dict[str, object]] = []
    current: dict[str, object] | None = None
    for line in RIGOUR.read_text(encoding="utf-8").splitlines():
        stripped = line.strip()
        if not stripped or stripped.startswith("#") or stripped == "types:":
            continue
        m = re.match(r"^  - (\w+):\s*(.*)$", line)
        if m:
            current = {"aliases": []}
            entries.append(current)
            if m.group(1) != "aliases":
                current[m.group(1)] = _unquote(m.group(2))
            continue
        m = re.match(r"^    (\w+):\s*(.*)$", line)
        if m and current is not None:
            if m.group(1) != "aliases":
                current[m.group(1)] = _unquote(m.group(2))
            continue
        m = re.match(r"^      - (.*)$", line)
        if m and current is not None:
            aliases = current["aliases"]
            assert isinstance(aliases, list)
            aliases.append(_unquote(m.group(1)))
    out: list[tuple[str, str, str, str, str]] = []
    for e in entries:
        aliases = [a for a in e["aliases"] if isinstance(a, str)]  # type: ignore[attr-defined]
        if not aliases:
            continue
        label = str(e.get("compare") or e.get("display") or aliases[0])
        for a in aliases:
            if _acceptable(a):
                out.append((_clean(a), _clean(label), "suffix", "*", "rigour"))
    return out


def _unquote(v: str) -> str:
    v = v.strip()
    if len(v) >= 2 and v[0] == v[-1] and v[0] in "'\"":
        return v[1:-1]
    return v.split(" #", 1)[0].strip()  # a YAML comment (rigour glosses Cyrillic forms so)


def main() -> None:
    rows = [(f, lab, "suffix", c, "dupguard") for f, lab, c in _CURATED_SUFFIX]
    rows += [(f, lab, "prefix", c, "dupguard") for f, lab, c in _CURATED_PREFIX]
    # curated first: the first label seen for a form wins when the package loads the table
    rows += rigour_rows() + gleif_rows()
    seen: set[tuple[str, str]] = set()
    lines = ["# form\tlabel\tposition\tcountry\tsource  (built by scripts/build_legal_forms.py)"]
    for form, label, pos, country, source in rows:
        key = (form.casefold(), pos)
        if key in seen:
            continue
        seen.add(key)
        lines.append(f"{form}\t{label}\t{pos}\t{country}\t{source}")
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {len(lines) - 1} forms to {OUT.relative_to(REPO)}")


if __name__ == "__main__":
    main()
