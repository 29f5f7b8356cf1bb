"""Fellegi–Sunter match model: m and u probabilities per field and level, a prior, JSON.

A pair's **match weight** is ``log2(λ/(1-λ)) + Σ_field log2(m_level / u_level)``; its
**probability** is ``2^w / (1 + 2^w)``. ``m`` is the chance of a level among true duplicates, ``u``
among random pairs, ``λ`` the chance that two random records are duplicates.

Term-frequency adjustment (Splink's idea, with one change): an EXACT agreement on a value that
many records share is weaker evidence. The exact level's u becomes
``max(u_exact, (c - 5) / (N - 2))`` where ``c`` counts the records holding that value and ``N``
all records: the *excess* frequency beyond a duplicate cluster (one customer entered by up to
five reps). A value held by five records or fewer keeps the full weight however small the data
set, so a ten-record index and a million-record batch score a shared email alike, while
``gmail.com``-like values fade towards 0 bits.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Final

import numpy as np
import numpy.typing as npt

from dupguard.errors import InvalidModel, ModelReason
from dupguard.index._compare import LEVELS_BY_KIND, Level
from dupguard.index._schema import Schema

__all__ = ["DEFAULT_PRIOR", "SCALED_PRIOR_MIN_RECORDS", "FieldParams", "Model"]

#: Prior probability that two random CRM records are the same customer, for lists of up to
#: ``SCALED_PRIOR_MIN_RECORDS`` records when λ is scaled to the data (the default).
DEFAULT_PRIOR: Final = 1e-4
SCALED_PRIOR_MIN_RECORDS: Final = 10_000
_FLOOR: Final = 1e-9

_L = Level
# Default m / u per kind and level: hand-set from CRM practice and checked on the generated
# customer lists and Febrl (docs/matching.md). DIFFERENT's u is whatever the others leave.
_DEFAULTS: Final[dict[str, dict[Level, tuple[float, float]]]] = {
    "email": {_L.EXACT: (0.70, 1e-6), _L.PARTIAL: (0.15, 1e-4), _L.DIFFERENT: (0.15, 0.0)},
    "phone": {_L.EXACT: (0.65, 1e-6), _L.PARTIAL: (0.10, 1e-5), _L.DIFFERENT: (0.25, 0.0)},
    "domain": {_L.EXACT: (0.80, 1e-5), _L.PARTIAL: (0.10, 1e-4), _L.DIFFERENT: (0.10, 0.0)},
    "company": {
        _L.EXACT: (0.45, 1e-6),
        _L.CROSS_SCRIPT: (0.15, 1e-6),
        _L.CONTAINS: (0.10, 1e-6),
        _L.FUZZY_HIGH: (0.15, 2e-5),
        _L.PARTIAL: (0.07, 2e-4),
        _L.FUZZY_LOW: (0.05, 3e-3),
        _L.DIFFERENT: (0.03, 0.0),
    },
    "person": {
        _L.EXACT: (0.45, 1e-5),
        _L.FUZZY_HIGH: (0.15, 1e-4),
        _L.PARTIAL: (0.10, 1e-3),
        _L.FUZZY_LOW: (0.05, 5e-3),
        _L.DIFFERENT: (0.25, 0.0),
    },
    "name": {
        _L.EXACT: (0.85, 1e-2),
        _L.FUZZY_HIGH: (0.07, 2e-3),
        _L.PARTIAL: (0.03, 3e-3),
        _L.FUZZY_LOW: (0.03, 2e-2),
        _L.DIFFERENT: (0.02, 0.0),
    },
    "text": {
        _L.EXACT: (0.60, 1e-4),
        _L.FUZZY_HIGH: (0.20, 1e-3),
        _L.FUZZY_LOW: (0.10, 2e-2),
        _L.DIFFERENT: (0.10, 0.0),
    },
    "exact": {_L.EXACT: (0.90, 1e-2), _L.FUZZY_HIGH: (0.05, 1e-2), _L.DIFFERENT: (0.05, 0.0)},
    "date": {
        _L.EXACT: (0.85, 1e-4),
        _L.FUZZY_HIGH: (0.08, 1e-3),
        _L.FUZZY_LOW: (0.03, 1.2e-2),
        _L.DIFFERENT: (0.04, 0.0),
    },
    "country": {_L.EXACT: (0.92, 0.2), _L.DIFFERENT: (0.08, 0.0)},
}


@dataclass(frozen=True, slots=True)
class FieldParams:
    """m and u per level for one field (levels absent here never occur for its kind).

    Examples:
        >>> fp = Model.default(Schema({"e": "email"})).fields[0]
        >>> round(fp.weight(Level.EXACT), 1)
        19.4
    """

    name: str
    kind: str
    m: tuple[tuple[Level, float], ...]
    u: tuple[tuple[Level, float], ...]

    def weight(self, level: Level, /) -> float:
        """``log2(m/u)`` for *level*; 0 for MISSING."""
        if level == Level.MISSING:
            return 0.0
        m, u = dict(self.m).get(level, _FLOOR), dict(self.u).get(level, _FLOOR)
        return math.log2(max(m, _FLOOR) / max(u, _FLOOR))

    def table(self) -> npt.NDArray[np.float64]:
        """Weights indexed by level code (a lookup table for vectorised scoring)."""
        return np.array([self.weight(lv) for lv in Level], dtype=np.float64)


def _default_params(name: str, kind: str) -> FieldParams:
    d = _DEFAULTS[kind]
    u_rest = 1.0 - sum(u for lv, (_, u) in d.items() if lv != Level.DIFFERENT)
    m = tuple((lv, mm) for lv, (mm, _) in d.items())
    u = tuple((lv, (u_rest if lv == Level.DIFFERENT else uu)) for lv, (_, uu) in d.items())
    return FieldParams(name, kind, m, u)


class Model:
    """Fellegi–Sunter parameters for one schema. Immutable; ``fit`` returns a new model.

    Args:
        schema: the schema the parameters are for (default :meth:`Schema.customers`).
        prior: λ, the probability that two random records are duplicates; ``None`` (the
            default) scales it to the data: ``1 / max(n, 10_000)`` for *n* records, about one
            duplicate partner per record — see :meth:`prior_at`.
        fields: per-field parameters; omitted fields take the defaults of their kind.

    Examples:
        >>> m = Model()
        >>> m.schema == Schema.customers(), m.prior, m.prior_at(1_000_000)
        (True, None, 1e-06)
        >>> Model.from_json(m.to_json()) == m
        True
    """

    __slots__ = ("_fields", "_tables", "prior", "schema")

    schema: Schema
    prior: float | None
    _fields: tuple[FieldParams, ...]
    _tables: tuple[npt.NDArray[np.float64], ...]

    def __init__(
        self,
        schema: Schema | None = None,
        *,
        prior: float | None = None,
        fields: Iterable[FieldParams] = (),
    ) -> None:
        schema = schema if schema is not None else Schema.customers()
        if prior is not None and (
            isinstance(prior, bool) or not isinstance(prior, float | int) or not 0.0 < float(prior) < 1.0
        ):
            raise InvalidModel(ModelReason.BAD_PARAMETER, prior, "prior must be in (0, 1)")
        given = {fp.name: fp for fp in fields}
        built = []
        for f in schema.fields:
            fp = given.pop(f.name, None) or _default_params(f.name, f.kind)
            if fp.kind != f.kind:
                raise InvalidModel(ModelReason.SCHEMA_MISMATCH, f.name, f"{fp.kind} != {f.kind}")
            for _, p in (*fp.m, *fp.u):
                if not (isinstance(p, float | int) and 0.0 <= p <= 1.0 and math.isfinite(p)):
                    raise InvalidModel(ModelReason.BAD_PARAMETER, p, f"field {f.name!r}")
            built.append(fp)
        if given:
            raise InvalidModel(ModelReason.SCHEMA_MISMATCH, sorted(given), "fields not in schema")
        object.__setattr__(self, "schema", schema)
        object.__setattr__(self, "prior", None if prior is None else float(prior))
        object.__setattr__(self, "_fields", tuple(built))
        object.__setattr__(self, "_tables", tuple(fp.table() for fp in built))

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError("Model is immutable")

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        """Pickled as its JSON (process pools and Spark workers receive models); stored models
        use :meth:`to_json`, never pickle.

        Examples:
            >>> import pickle
            >>> pickle.loads(pickle.dumps(Model())) == Model()
            True
        """
        return (Model.from_json, (self.to_json(),))

    @property
    def fields(self) -> tuple[FieldParams, ...]:
        """Per-field parameters, in schema order.

        Examples:
            >>> [fp.kind for fp in Model().fields][:2]
            ['company', 'person']
        """
        return self._fields

    @property
    def tables(self) -> tuple[npt.NDArray[np.float64], ...]:
        """Per field, the weight of each level indexed by level code (for vectorised scoring).

        Examples:
            >>> float(Model().tables[0][Level.MISSING])
            0.0
        """
        return self._tables

    def prior_at(self, n: int, /) -> float:
        """λ for a list of *n* records: the fixed prior, or ``1 / max(n, 10_000)`` when scaled.

        The chance that two random records are one customer falls as the list grows: with about
        one duplicate partner per record it is ``1/n``. A fixed λ tuned on ten thousand records
        would let a million-record list merge on evidence a hundred times too weak. Lists under
        ten thousand records keep λ = 10⁻⁴ (small lists are not denser in duplicates).

        Examples:
            >>> Model().prior_at(500), Model().prior_at(200_000)
            (0.0001, 5e-06)
            >>> Model(prior=0.01).prior_at(200_000)
            0.01
        """
        if self.prior is not None:
            return self.prior
        return 1.0 / max(int(n), SCALED_PRIOR_MIN_RECORDS)

    def prior_weight(self, n: int, /) -> float:
        """``log2(λ / (1 - λ))`` for a list of *n* records: where every pair starts.

        Examples:
            >>> round(Model().prior_weight(10), 2), round(Model().prior_weight(1_000_000), 2)
            (-13.29, -19.93)
        """
        lam = self.prior_at(n)
        return math.log2(lam / (1.0 - lam))

    @classmethod
    def default(cls, schema: Schema | None = None, /) -> Model:
        """Default parameters for *schema*: they work with no training.

        Examples:
            >>> Model.default(Schema({"n": "name"})).fields[0].kind
            'name'
        """
        return cls(schema)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Model):
            return NotImplemented
        return self.to_json() == other.to_json()

    def __hash__(self) -> int:
        return hash(self.to_json())

    def __repr__(self) -> str:
        return f"Model(schema={self.schema!r}, prior={self.prior!r})"

    # --- serialisation ------------------------------------------------------------------------

    def to_json(self) -> str:
        """The model as JSON (never pickle): schema, prior, m and u per field and level.

        Examples:
            >>> '"prior": null' in Model().to_json()
            True
        """
        doc: dict[str, Any] = {
            "format": "dupguard.model/1",
            "schema": self.schema.to_dict(),
            "prior": self.prior,
            "fields": [  # a list: field order is part of the schema
                {
                    "name": fp.name,
                    "kind": fp.kind,
                    "m": {lv.label: p for lv, p in fp.m},
                    "u": {lv.label: p for lv, p in fp.u},
                }
                for fp in self._fields
            ],
        }
        return json.dumps(doc, indent=2, sort_keys=True, ensure_ascii=False)

    @classmethod
    def from_json(cls, data: str | bytes, /) -> Model:
        """Load a model written by :meth:`to_json`.

        Raises:
            InvalidModel: ``BAD_JSON`` for malformed or foreign documents.

        Examples:
            >>> Model.from_json("{}")
            Traceback (most recent call last):
            ...
            dupguard.errors.InvalidModel: invalid model '{}': bad_json (not a dupguard model)
        """
        try:
            doc = json.loads(data)
        except (ValueError, TypeError) as exc:
            raise InvalidModel(ModelReason.BAD_JSON, data, str(exc)) from None
        if not isinstance(doc, dict) or doc.get("format") != "dupguard.model/1":
            raise InvalidModel(ModelReason.BAD_JSON, data, "not a dupguard model")
        try:
            schema = Schema.from_dict(doc["schema"])
            by_label = {lv.label: lv for lv in Level}
            fields = [
                FieldParams(
                    str(spec["name"]),
                    str(spec["kind"]),
                    tuple((by_label[k], float(v)) for k, v in spec["m"].items()),
                    tuple((by_label[k], float(v)) for k, v in spec["u"].items()),
                )
                for spec in doc["fields"]
            ]
            return cls(schema, prior=None if doc["prior"] is None else float(doc["prior"]), fields=fields)
        except (KeyError, TypeError, AttributeError, ValueError) as exc:
            if isinstance(exc, InvalidModel):
                raise
            raise InvalidModel(ModelReason.BAD_JSON, data, f"missing or bad {exc}") from None

    # --- estimation ---------------------------------------------------------------------------

    def with_params(
        self,
        *,
        prior: float | None = None,
        m: Mapping[str, Mapping[Level, float]] | None = None,
        u: Mapping[str, Mapping[Level, float]] | None = None,
    ) -> Model:
        """A copy with some parameters replaced (levels are smoothed away from 0 and 1).

        Examples:
            >>> Model().with_params(prior=0.01).prior
            0.01
        """
        fields = []
        for fp in self._fields:
            new_m = dict(fp.m) | dict((m or {}).get(fp.name, {}))
            new_u = dict(fp.u) | dict((u or {}).get(fp.name, {}))
            fields.append(
                FieldParams(
                    fp.name,
                    fp.kind,
                    tuple((lv, _clip(new_m[lv])) for lv, _ in fp.m),
                    tuple((lv, _clip(new_u[lv])) for lv, _ in fp.u),
                )
            )
        return Model(self.schema, prior=self.prior if prior is None else prior, fields=fields)

    @classmethod
    def fit(
        cls,
        data: object,
        /,
        *,
        schema: Schema | None = None,
        right: object = None,
        max_pairs: int = 50_000,
        iterations: int = 25,
        seed: int = 0,
    ) -> Model:
        """Estimate a model from unlabelled data: u by random sampling, m and λ by EM.

        As in Splink: u is the level frequency among random pairs (almost all non-matches);
        m and the share of matches among blocked candidate pairs come from
        expectation–maximisation with u held fixed; λ is that share scaled to all pairs.

        Args:
            data: a pandas DataFrame, an iterable of mappings, or a
                :class:`~dupguard.index.Prepared` list (:func:`~dupguard.index.prepare`).
            schema: the data's schema (default: the prepared list's, else
                :meth:`Schema.customers`).
            right: fit for a link of *data* with this second list (like *data*): the pairs
                are the ones :func:`~dupguard.index.link` compares, one record from each
                side, and λ is the share of matches among all cross pairs.
            max_pairs: how many random pairs to sample for u; EM runs on at most this many
                blocked pairs (a uniform sample: it needs only the patterns' frequencies).
            iterations: EM iterations (stops early when parameters settle).
            seed: random seed for the sampling (the result is deterministic per seed).

        Raises:
            InvalidModel: ``NOT_ENOUGH_DATA`` with fewer than 3 usable records (for a link:
                or an empty side).
            InvalidSchema: ``MISMATCH`` when prepared data was read with another schema.

        Examples:
            >>> rows = [{"id": i, "n": n} for i, n in enumerate(["ann", "ann", "bob", "bo", "cy"])]
            >>> m = Model.fit(rows, schema=Schema({"n": "name"}))
            >>> 0 < m.prior < 1
            True
        """
        from dupguard.index._batch import fit_model, schema_of

        return fit_model(
            cls(schema or schema_of(data)),
            data,
            right=right,
            max_pairs=max_pairs,
            iterations=iterations,
            seed=seed,
        )

    @classmethod
    def fit_labels(
        cls,
        pairs: Iterable[tuple[Mapping[str, object], Mapping[str, object], bool]],
        /,
        *,
        schema: Schema | None = None,
        prior: float | None = None,
    ) -> Model:
        """Estimate m and u from labelled pairs ``(record_a, record_b, is_duplicate)``.

        m comes from the duplicates, u from the others, each with add-one smoothing per level;
        λ is kept (or set with *prior*) since labelled sets rarely have the data's proportion.

        Raises:
            InvalidModel: ``NOT_ENOUGH_DATA`` without at least one pair of each label.

        Examples:
            >>> s = Schema({"n": "name"})
            >>> pairs = [({"id": 1, "n": "ann"}, {"id": 2, "n": "ann"}, True),
            ...          ({"id": 3, "n": "ann"}, {"id": 4, "n": "bob"}, False)]
            >>> Model.fit_labels(pairs, schema=s).fields[0].weight(Level.EXACT) > 0
            True
        """
        from dupguard.index._batch import fit_labelled

        return fit_labelled(cls(schema), pairs, prior=prior)


def _clip(p: float) -> float:
    return min(max(float(p), 1e-7), 1.0 - 1e-7)


def level_frequencies(
    kind: str, levels: npt.NDArray[np.int8], weights: npt.NDArray[np.float64] | None = None
) -> dict[Level, float]:
    """Share of each of *kind*'s levels among non-missing comparisons (weighted), smoothed."""
    own = LEVELS_BY_KIND[kind]
    mask = levels != Level.MISSING
    w = np.ones(len(levels)) if weights is None else weights
    total = float(w[mask].sum())
    out: dict[Level, float] = {}
    for lv in own:
        c = float(w[levels == lv].sum())
        out[lv] = (c + 0.5) / (total + 0.5 * len(own))
    return out
