"""One sweep over every normalizer module: the same junk, the same laws, the same shape.

Modules are discovered from a fixed list, so a missing or broken module fails here by name. For
each: junk inputs (python-stdnum's robustness idea) through every public verb — a typed error,
``False`` or a valid result, never another exception, each call within a time budget; hypothesis
laws (``is_valid`` never raises and agrees with ``canonical``; ``canonical`` is a fixed point on its
own output); a sorted ``__all__`` and an ``Examples`` section on every public name. Then the error
tree (pickling, ``ValueError``) and the lightness of ``import dupguard``.
"""

from __future__ import annotations

import contextlib
import importlib
import inspect
import pickle
import re
import statistics
import subprocess
import sys
import time
from enum import StrEnum
from types import ModuleType
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.provisional import domains, urls

from dupguard import errors
from dupguard.errors import NormalizationError
from tests.support import NO_DOCSTRINGS, skip_if_compiled

MODULES = ["text", "email", "phone", "company", "person", "domain"]

#: The error class each module raises, and the enum its ``.reason`` comes from.
ERROR_OF = {
    "text": (errors.InvalidText, errors.TextReason),
    "email": (errors.InvalidEmail, errors.EmailReason),
    "phone": (errors.InvalidPhone, errors.PhoneReason),
    "company": (errors.InvalidCompanyName, errors.CompanyReason),
    "person": (errors.InvalidPersonName, errors.PersonReason),
    "domain": (errors.InvalidDomain, errors.DomainReason),
}

VERBS = ["parse", "canonical", "is_valid", "parse_many"]

TEN_MB = "a" * 10_000_000

JUNK: list[tuple[str, object]] = [
    ("None", None),
    ("bytes", b"bytes"),
    ("int", 0),
    ("float", 3.5),
    ("empty", ""),
    ("space", " "),
    ("emoji", "😴"),
    ("roman-numeral", "ⅷ"),
    ("nul", "\x00"),
    ("zero-width-space", "\u200b"),
    ("object", object()),
    ("list", ["a"]),
    ("10MB", TEN_MB),
]

#: Per-call budget, after a warm-up call (lazy tables) and as the median of three calls.
BUDGET_S = 0.050


def _module(name: str) -> ModuleType:
    return importlib.import_module(f"dupguard.normalize.{name}")


def _verbs(mod: ModuleType) -> list[str]:
    return [v for v in VERBS if v in mod.__all__]


def _check_outcome(name: str, verb: str, raw: object, call: Any) -> None:
    """Run *call*; its outcome must be a typed error, ``False``, or a valid result."""
    error_cls, reason_enum = ERROR_OF[name]
    error: NormalizationError | None = None
    result: object = None
    try:
        result = call()
    except NormalizationError as e:
        error = e
    if error is not None:
        assert verb != "is_valid", f"{name}.is_valid raised {error!r}"
        assert isinstance(error, error_cls), (
            f"{name}.{verb} raised {type(error).__name__}, not {error_cls.__name__}"
        )
        assert isinstance(error.reason, reason_enum)
        if not isinstance(raw, str):
            assert error.reason == "not_a_string", (name, verb, error.reason)
        elif raw is TEN_MB:
            assert error.reason == "too_long", (name, verb, error.reason)
        elif raw == "":
            assert error.reason == "empty", (name, verb, error.reason)
        pickle.loads(pickle.dumps(error))  # an error that cannot cross a process boundary is a bug
        return
    if verb == "is_valid":
        assert result is True or result is False
    elif verb == "canonical":
        assert isinstance(result, str)
        assert result
    elif verb == "parse_many":
        assert isinstance(result, tuple)
    else:
        assert dataclass_fields(result), f"{name}.parse returned {type(result).__name__}"
    assert not (raw is TEN_MB and verb != "is_valid"), f"{name}.{verb} accepted 10 MB"


def dataclass_fields(obj: object) -> tuple[Any, ...]:
    import dataclasses

    return dataclasses.fields(obj) if dataclasses.is_dataclass(obj) else ()


# --- discovery -------------------------------------------------------------------------------


@pytest.mark.parametrize("name", MODULES)
def test_module_exists_with_the_three_verbs(name: str) -> None:
    mod = _module(name)
    for verb in ("parse", "canonical", "is_valid"):
        assert verb in mod.__all__, f"{name} lacks {verb}"
        assert callable(getattr(mod, verb))


# --- junk sweep ------------------------------------------------------------------------------


@pytest.mark.parametrize("name", MODULES)
@pytest.mark.parametrize(("label", "raw"), JUNK, ids=[label for label, _ in JUNK])
def test_junk_gives_a_typed_outcome(name: str, label: str, raw: object) -> None:
    mod = _module(name)
    for verb in _verbs(mod):
        fn = getattr(mod, verb)
        _check_outcome(name, verb, raw, lambda fn=fn: fn(raw))


def _median_seconds(fn: Any, raw: object) -> float:
    def once() -> float:
        start = time.perf_counter()
        with contextlib.suppress(NormalizationError):
            fn(raw)
        return time.perf_counter() - start

    once()  # warm-up: lazy tables, caches, first imports
    return statistics.median(once() for _ in range(3))


@pytest.mark.parametrize("name", MODULES)
@pytest.mark.parametrize(("label", "raw"), JUNK, ids=[label for label, _ in JUNK])
def test_junk_is_fast(name: str, label: str, raw: object) -> None:
    mod = _module(name)
    slow = {}
    for verb in _verbs(mod):
        seconds = _median_seconds(getattr(mod, verb), raw)
        if seconds > BUDGET_S:
            slow[verb] = round(seconds * 1000, 1)
    assert not slow, f"{name} over {BUDGET_S * 1000:.0f} ms on {label} (ms): {slow}"


# --- laws ------------------------------------------------------------------------------------

#: Inputs with a fair chance of being valid for each module, on top of arbitrary text.
LIKELY_VALID: dict[str, st.SearchStrategy[str]] = {
    "text": st.text(max_size=40),
    "email": st.builds(
        lambda local, dom, case: (local + "@" + dom).upper() if case else local + "@" + dom,
        st.from_regex(r"[a-z0-9][a-z0-9._+-]{0,15}", fullmatch=True),
        domains(max_length=40),
        st.booleans(),
    ),
    "phone": st.one_of(
        st.from_regex(r"\+?(86|1|44|49|852|886)[ -]?[0-9]{6,11}", fullmatch=True),
        st.from_regex(r"1[3-9][0-9]{9}", fullmatch=True),
        st.from_regex(r"0[0-9]{2,3}[ -]?[0-9]{7,8}", fullmatch=True),
    ),
    "company": st.one_of(
        st.text(alphabet="abcdefghij ABC.&-,()有限公司海天宁波贸易科技股份集团", min_size=1, max_size=30),
        st.sampled_from(["Acme Ltd", "宁波海天进出口有限公司", "Huawei Technologies Co., Ltd.", "3M"]),
    ),
    "person": st.one_of(
        st.text(alphabet="abcdefgh ABCDEFGH.-'张王李伟芳", min_size=1, max_size=25),
        st.sampled_from(["Zhang Wei", "Dr. John Q. Smith Jr.", "王小明", "Wong Ka Wai", "Ivan Petrov"]),
    ),
    "domain": st.one_of(domains(max_length=60), urls()),
}

_LAW_SETTINGS = settings(max_examples=75, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _raises_typed(name: str, fn: Any, raw: object) -> bool:
    """True when *fn(raw)* raises the module's error; any other exception propagates."""
    try:
        fn(raw)
    except ERROR_OF[name][0]:
        return True
    return False


@pytest.mark.parametrize("name", MODULES)
def test_law_is_valid_never_raises(name: str) -> None:
    mod = _module(name)

    @_LAW_SETTINGS
    @given(st.one_of(st.text(), st.binary(), LIKELY_VALID[name]))
    def law(raw: object) -> None:
        assert mod.is_valid(raw) in (True, False)

    law()


@pytest.mark.parametrize("name", MODULES)
def test_law_is_valid_agrees_with_canonical(name: str) -> None:
    mod = _module(name)

    @_LAW_SETTINGS
    @given(st.one_of(st.text(), LIKELY_VALID[name]))
    def law(raw: str) -> None:
        assert mod.is_valid(raw) is not _raises_typed(name, mod.canonical, raw), raw

    law()


@pytest.mark.parametrize("name", MODULES)
def test_law_canonical_is_a_fixed_point(name: str) -> None:
    # Every module documents its key as re-parseable: text/company/person keys are folded words,
    # email keys are addresses, phone keys are E.164 or "~digits" ("~digits parses back to
    # itself"), domain keys are registrable domains or "<platform>/<id>".
    mod = _module(name)

    @_LAW_SETTINGS
    @given(st.one_of(st.text(), LIKELY_VALID[name]))
    def law(raw: str) -> None:
        if not mod.is_valid(raw):
            return
        key = mod.canonical(raw)
        assert mod.canonical(key) == key, (raw, key)

    law()


@pytest.mark.parametrize("name", MODULES)
def test_canonical_is_parse_key(name: str) -> None:
    mod = _module(name)

    @_LAW_SETTINGS
    @given(LIKELY_VALID[name])
    def law(raw: str) -> None:
        if mod.is_valid(raw):
            assert mod.canonical(raw) == mod.parse(raw).key

    law()


# --- shape -----------------------------------------------------------------------------------


@pytest.mark.parametrize("name", MODULES)
def test_all_is_sorted_and_complete(name: str) -> None:
    mod = _module(name)
    names = list(mod.__all__)
    assert names == sorted(names)
    assert len(set(names)) == len(names)
    for public in names:
        assert hasattr(mod, public), f"{name}.__all__ names missing {public}"


@pytest.mark.parametrize("name", MODULES)
def test_every_public_name_has_a_docstring_with_examples(name: str) -> None:
    mod = _module(name)
    skip_if_compiled(mod, NO_DOCSTRINGS)
    assert mod.__doc__
    assert "Examples:" in mod.__doc__, f"{name} module docstring has no Examples"
    source = inspect.getsource(mod)
    missing = []
    for public in mod.__all__:
        obj = getattr(mod, public)
        if inspect.isclass(obj) or inspect.isfunction(obj) or inspect.isbuiltin(obj):
            doc = obj.__doc__ or ""
            if "Examples:" not in doc:
                missing.append(public)
        # A constant cannot carry a docstring: it needs a "#:" comment right above it.
        elif not re.search(rf"^#:.*\n(#:.*\n)*{re.escape(public)}\b", source, re.MULTILINE):
            missing.append(public)
    assert not missing, f"{name}: no Examples section (or #: comment) for {missing}"


# --- errors ----------------------------------------------------------------------------------

#: A reason for each error class (every reasoned class must be listed, so a new one is covered).
REASON_FOR: dict[str, StrEnum] = {
    "NormalizationError": errors.TextReason.EMPTY,
    "InvalidText": errors.TextReason.TOO_LONG,
    "InvalidEmail": errors.EmailReason.NO_AT_SIGN,
    "InvalidPhone": errors.PhoneReason.TOO_SHORT,
    "InvalidCompanyName": errors.CompanyReason.NO_NAME,
    "InvalidPersonName": errors.PersonReason.NO_NAME,
    "InvalidDomain": errors.DomainReason.IP_ADDRESS,
    "InvalidRecord": errors.RecordReason.BAD_VALUE_TYPE,
    "InvalidSchema": errors.SchemaReason.UNKNOWN_KIND,
    "InvalidModel": errors.ModelReason.BAD_JSON,
    "AttributionError": errors.PolicyReason.BAD_PARAMETER,
    "InvalidEvent": errors.EventReason.NAIVE_DATETIME,
    "InvalidPolicy": errors.PolicyReason.ZERO_WEIGHTS,
    "RejectedAction": errors.ActionReason.ALREADY_OWNED,
}

EXTRA_ATTRS = ("record_id", "field", "event_id", "parameter")


def _error_classes() -> list[type[errors.DupguardError]]:
    return [
        obj
        for public in errors.__all__
        if inspect.isclass(obj := getattr(errors, public)) and issubclass(obj, errors.DupguardError)
    ]


def _build(cls: type[errors.DupguardError]) -> errors.DupguardError:
    params = inspect.signature(cls).parameters
    kwargs: dict[str, object] = {k: f"{k}-7" for k in EXTRA_ATTRS if k in params}
    return cls(REASON_FOR[cls.__name__], {"raw": "x" * 200, "n": 3.5}, "a message", **kwargs)


def test_every_reasoned_error_class_is_covered() -> None:
    reasoned = {c.__name__ for c in _error_classes() if c is not errors.DupguardError}
    assert reasoned == set(REASON_FOR)


@pytest.mark.parametrize("cls", [c for c in _error_classes() if c is not errors.DupguardError], ids=lambda c: c.__name__)
def test_errors_pickle_with_their_attributes(cls: type[errors.DupguardError]) -> None:
    err = _build(cls)
    for protocol in (2, pickle.HIGHEST_PROTOCOL):
        back = pickle.loads(pickle.dumps(err, protocol=protocol))
        assert type(back) is cls
        assert back.reason is err.reason  # type: ignore[attr-defined]
        assert back.value == err.value  # type: ignore[attr-defined]
        assert back.message == err.message  # type: ignore[attr-defined]
        assert str(back) == str(err)
        for attr in EXTRA_ATTRS:
            assert getattr(back, attr, None) == getattr(err, attr, None)
            if attr in inspect.signature(cls).parameters:
                assert getattr(back, attr) == f"{attr}-7"
    assert len(str(err)) < 400  # a huge value must not become a huge message


def test_base_error_pickles() -> None:
    back = pickle.loads(pickle.dumps(errors.DupguardError("boom")))
    assert type(back) is errors.DupguardError
    assert back.args == ("boom",)


@pytest.mark.parametrize("cls", [c for c in _error_classes() if issubclass(c, NormalizationError)], ids=lambda c: c.__name__)
def test_normalization_errors_are_value_errors(cls: type[NormalizationError]) -> None:
    assert issubclass(cls, ValueError)
    assert issubclass(cls, errors.DupguardError)
    with pytest.raises(ValueError, match=r".") as e:
        raise _build(cls)
    assert isinstance(e.value, NormalizationError)


def test_each_module_error_is_a_normalization_error() -> None:
    for error_cls, reason_enum in ERROR_OF.values():
        assert issubclass(error_cls, NormalizationError)
        assert {"not_a_string", "empty", "too_long"} <= {r.value for r in reason_enum}


# --- import weight ---------------------------------------------------------------------------

HEAVY = ("pandas", "hypothesis", "pyspark", "opencc", "pypinyin")


def _loaded_after(statement: str) -> list[str]:
    code = (
        f"import sys\n{statement}\n"
        f"print(','.join(sorted(m for m in {HEAVY!r} if m in sys.modules)))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    ).stdout.strip()
    return [m for m in out.split(",") if m]


@pytest.mark.parametrize("statement", ["import dupguard", "import dupguard.normalize.text"])
def test_import_is_light(statement: str) -> None:
    assert _loaded_after(statement) == []


@pytest.mark.parametrize("name", MODULES)
def test_normalizer_import_loads_no_pandas_hypothesis_or_spark(name: str) -> None:
    loaded = _loaded_after(f"import dupguard.normalize.{name}")
    assert not set(loaded) & {"pandas", "hypothesis", "pyspark"}, loaded
