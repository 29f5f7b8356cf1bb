"""The in-memory index: one record at a time, as a CRM checks a customer before saving it."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Literal

import numpy as np

from dupguard.errors import InvalidRecord, RecordReason
from dupguard.index._features import Extractor, Features
from dupguard.index._model import Model
from dupguard.index._schema import Schema
from dupguard.index._score import FieldExplanation, Scorer, probability

__all__ = ["Candidate", "DemotedKey", "Index", "IndexStats", "default_block_limit"]


def default_block_limit(n_records: int, /) -> int:
    """The block-size limit derived from the data: ``clamp(√N, 50, 500)``.

    A blocking key shared by more records than this is *demoted*: it generates no candidates
    (still counting in scores through its term frequency), so ``gmail.com``, ``有限公司`` or a
    freight forwarder's phone never make candidate generation quadratic.

    Examples:
        >>> default_block_limit(100), default_block_limit(10_000), default_block_limit(10**7)
        (50, 100, 500)
    """
    return max(50, min(500, int(n_records**0.5)))


@dataclass(frozen=True, slots=True, kw_only=True)
class Candidate:
    """A possible duplicate of the queried record.

    Attributes:
        id: the indexed record's id.
        probability: match probability in [0, 1].
        weight: match weight, log2 of the odds.
        rule: the blocking rule that produced it (``"email.email"``, ``"company.ascii"``, …).
        key: the blocking key value both records share.

    Examples:
        >>> ix = Index()
        >>> ix.add({"id": "c1", "company": "宁波海天进出口有限公司", "email": "li@haitian.cn"})
        >>> best = ix.candidates({"id": "new", "company": "NINGBO HAITIAN IMP. & EXP. CO.,LTD",
        ...                       "email": "sales@haitian.cn"})[0]
        >>> best.id, best.probability > 0.9
        ('c1', True)
        >>> [(e.field, e.level) for e in best.explain()][:3]
        [('company', 'cross_script'), ('contact', 'missing'), ('email', 'partial')]
    """

    id: str
    probability: float
    weight: float
    rule: str
    key: str
    explanation: tuple[FieldExplanation, ...]

    def explain(self) -> tuple[FieldExplanation, ...]:
        """Per field: the level reached, its weight, and the two values compared."""
        return self.explanation


@dataclass(frozen=True, slots=True, kw_only=True)
class DemotedKey:
    """A blocking key too common to generate candidates (it still counts in scores)."""

    rule: str
    key: str
    records: int


@dataclass(frozen=True, slots=True, kw_only=True)
class IndexStats:
    """What :meth:`Index.stats` reports.

    Attributes:
        records: how many records are indexed.
        keys: distinct blocking keys.
        block_limit: the block-size limit in force.
        demoted: keys held by more records than the limit, most common first.
    """

    records: int
    keys: int
    block_limit: int
    demoted: tuple[DemotedKey, ...]


class _Adjusted(Mapping[str, int]):
    """Term-frequency counts as they would be with the query record in the index."""

    __slots__ = ("_base", "_delta")

    def __init__(self, base: Mapping[str, int], delta: Mapping[str, int]) -> None:
        self._base, self._delta = base, delta

    def __getitem__(self, key: str) -> int:
        return self._base.get(key, 0) + self._delta.get(key, 0)

    def get(self, key: str, default: object = 0) -> int:
        return self._base.get(key, 0) + self._delta.get(key, 0)

    def __iter__(self) -> Iterator[str]:
        return iter(set(self._base) | set(self._delta))

    def __len__(self) -> int:
        return len(set(self._base) | set(self._delta))


class Index:
    """An in-memory blocking index over customer records.

    Args:
        schema: the records' schema (default :meth:`Schema.customers`).
        model: match parameters (default :meth:`Model.default` for the schema).
        block_limit: demote blocking keys held by more records than this; ``None`` uses
            ``schema.max_block_size`` or else :func:`default_block_limit` of the current size.
        max_scored: at most this many records are scored per query — those sharing the most
            blocking keys with it (ties by id), which bounds a check's cost at any index size.

    Examples:
        >>> ix = Index()
        >>> ix.add({"id": 1, "company": "Acme Trading Ltd", "email": "John.Doe+x@GoogleMail.com"})
        >>> ix.add({"id": 2, "company": "Bolt GmbH", "phone": "+49 30 1234567"})
        >>> len(ix)
        2
        >>> [c.id for c in ix.candidates({"id": 9, "email": "johndoe@gmail.com"})]
        ['1']
        >>> ix.remove(1); len(ix)
        1
    """

    def __init__(
        self,
        schema: Schema | None = None,
        model: Model | None = None,
        *,
        block_limit: int | None = None,
        max_scored: int = 200,
    ) -> None:
        if max_scored < 1:
            from dupguard.errors import InvalidSchema, SchemaReason

            raise InvalidSchema(SchemaReason.BAD_PARAMETER, max_scored, "max_scored must be >= 1")
        self._max_scored = max_scored
        if model is not None and schema is not None and model.schema != schema:
            from dupguard.errors import InvalidModel, ModelReason

            raise InvalidModel(ModelReason.SCHEMA_MISMATCH, schema, "model was built for another schema")
        self._schema = schema or (model.schema if model is not None else Schema.customers())
        self._model = model or Model.default(self._schema)
        self._block_limit = block_limit or self._schema.max_block_size
        self._extract = Extractor(self._schema)
        self._records: dict[str, Features] = {}
        self._blocks: dict[str, set[str]] = {}
        self._counts: list[dict[str, int]] = [{} for _ in self._schema.fields]

    @property
    def schema(self) -> Schema:
        """The schema of the indexed records."""
        return self._schema

    @property
    def model(self) -> Model:
        """The match model used to score candidates."""
        return self._model

    def __len__(self) -> int:
        return len(self._records)

    def __contains__(self, record_id: object) -> bool:
        return str(record_id) in self._records

    def block_limit(self) -> int:
        """The block-size limit in force now (see :func:`default_block_limit`).

        Examples:
            >>> Index().block_limit()
            50
        """
        return self._block_limit or default_block_limit(len(self._records))

    # --- mutation -----------------------------------------------------------------------------

    def add(self, record: Mapping[str, object], /) -> None:
        """Index one record.

        Raises:
            InvalidRecord: ``NOT_A_MAPPING``, ``MISSING_ID``, ``BAD_ID``, ``BAD_VALUE_TYPE``
                (naming the field), or ``DUPLICATE_ID`` when the id is indexed already.

        Examples:
            >>> ix = Index(); ix.add({"id": "a", "company": "Acme"})
            >>> ix.add({"id": "a", "company": "Acme"})
            Traceback (most recent call last):
            ...
            dupguard.errors.InvalidRecord: record 'a': duplicate_id, got 'a'
        """
        feats = self._extract.features(record)
        if feats.id in self._records:
            raise InvalidRecord(RecordReason.DUPLICATE_ID, feats.id, record_id=feats.id)
        self._insert(feats)

    def add_many(
        self, records: Iterable[Mapping[str, object]], /, *, on_error: Literal["raise", "skip"] = "raise"
    ) -> tuple[InvalidRecord, ...]:
        """Index many records.

        With ``on_error="raise"`` (default) every record is checked first and nothing is added
        if any is invalid. With ``on_error="skip"`` the valid ones are added and the rejected
        ones are returned, each error naming its record and field.

        Examples:
            >>> ix = Index()
            >>> bad = ix.add_many([{"id": 1, "company": "A"}, {"company": "no id"}], on_error="skip")
            >>> len(ix), [e.reason.value for e in bad]
            (1, ['missing_id'])
        """
        good: list[Features] = []
        rejected: list[InvalidRecord] = []
        seen = set(self._records)
        for rec in records:
            try:
                feats = self._extract.features(rec)
                if feats.id in seen:
                    raise InvalidRecord(RecordReason.DUPLICATE_ID, feats.id, record_id=feats.id)
            except InvalidRecord as err:
                if on_error == "raise":
                    raise
                rejected.append(err)
                continue
            seen.add(feats.id)
            good.append(feats)
        for feats in good:
            self._insert(feats)
        return tuple(rejected)

    def update(self, record: Mapping[str, object], /) -> None:
        """Replace the indexed record with the same id.

        Raises:
            InvalidRecord: ``UNKNOWN_ID`` when no record has that id, or any error of :meth:`add`.

        Examples:
            >>> ix = Index(); ix.add({"id": 1, "company": "Acme"})
            >>> ix.update({"id": 1, "company": "Acme Trading"}); len(ix)
            1
        """
        feats = self._extract.features(record)
        if feats.id not in self._records:
            raise InvalidRecord(RecordReason.UNKNOWN_ID, feats.id, record_id=feats.id)
        self._delete(feats.id)
        self._insert(feats)

    def remove(self, record_id: object, /) -> None:
        """Remove a record; the index is then exactly as if it had never been added.

        Raises:
            InvalidRecord: ``UNKNOWN_ID``.

        Examples:
            >>> Index().remove("nope")
            Traceback (most recent call last):
            ...
            dupguard.errors.InvalidRecord: record 'nope': unknown_id, got 'nope'
        """
        rid = str(record_id)
        if rid not in self._records:
            raise InvalidRecord(RecordReason.UNKNOWN_ID, rid, record_id=rid)
        self._delete(rid)

    def _insert(self, feats: Features) -> None:
        self._records[feats.id] = feats
        for b in feats.blocks:
            self._blocks.setdefault(b, set()).add(feats.id)
        for f, fd in enumerate(feats.fields):
            counts = self._counts[f]
            for k in fd.keys:
                counts[k] = counts.get(k, 0) + 1

    def _delete(self, rid: str) -> None:
        feats = self._records.pop(rid)
        for b in feats.blocks:
            members = self._blocks[b]
            members.discard(rid)
            if not members:
                del self._blocks[b]
        for f, fd in enumerate(feats.fields):
            counts = self._counts[f]
            for k in fd.keys:
                if counts[k] == 1:
                    del counts[k]
                else:
                    counts[k] -= 1

    # --- queries ------------------------------------------------------------------------------

    def candidates(
        self, record: Mapping[str, object], /, *, limit: int = 10, min_probability: float = 0.0
    ) -> tuple[Candidate, ...]:
        """Indexed records that may be the same customer as *record*, best first.

        The record need not be indexed (a CRM checks before saving); if its id is indexed,
        that record itself is never returned. Scores are the same as :func:`dupguard.pairs`
        gives for the same two records over the same data.

        Args:
            record: the record to check (its id may be missing).
            limit: at most this many candidates.
            min_probability: drop candidates below this probability.

        Examples:
            >>> ix = Index()
            >>> ix.add({"id": "a", "company": "深圳市华为技术有限公司", "phone": "0086 138-0013-8000"})
            >>> c = ix.candidates({"company": "華為技術", "phone": "+86 13800138000"})[0]
            >>> c.id, c.rule
            ('a', 'company.ascii')
        """
        query = self._query_features(record)
        limit_size = self.block_limit()
        found: dict[str, str] = {}
        shared: dict[str, int] = {}
        for b in query.blocks:
            members = self._blocks.get(b)
            if not members or len(members) > limit_size:
                continue
            for rid in members:
                if rid == query.id:
                    continue
                if rid in found:
                    shared[rid] += 1
                else:
                    found[rid] = b
                    shared[rid] = 1
        if not found:
            return ()
        if len(found) > self._max_scored:
            # Salesforce-style top-K by match keys: score those sharing the most blocking keys.
            ids = sorted(sorted(found, key=lambda r: (-shared[r], r))[: self._max_scored])
        else:
            ids = sorted(found)
        others = [self._records[r] for r in ids]
        scorer = self._scorer_for(query)
        n = len(ids)
        scored = scorer.score([query], others, np.zeros(n, dtype=np.int64), np.arange(n, dtype=np.int64))
        probs = probability(scored.weight)
        order = sorted(range(n), key=lambda t: (-float(scored.weight[t]), ids[t]))
        out: list[Candidate] = []
        for t in order:
            if float(probs[t]) < min_probability:
                continue
            rule, _, key = found[ids[t]].partition(":")
            out.append(
                Candidate(
                    id=ids[t],
                    probability=float(probs[t]),
                    weight=float(scored.weight[t]),
                    rule=rule,
                    key=key,
                    explanation=scorer.explain(query, others[t], scored, t),
                )
            )
            if len(out) >= limit:
                break
        return tuple(out)

    def _query_features(self, record: Mapping[str, object]) -> Features:
        if isinstance(record, Mapping) and self._schema.id not in record:
            record = {**record, self._schema.id: "\x00query"}
        return self._extract.features(record)

    def _scorer_for(self, query: Features) -> Scorer:
        """Term frequencies as if the query were in the index (so batch and one-record agree)."""
        stored = self._records.get(query.id)
        if stored is not None and stored == query:
            return Scorer(self._model, self._counts, len(self._records))
        deltas: list[dict[str, int]] = []
        for f, fd in enumerate(query.fields):
            d: dict[str, int] = {}
            for k in fd.keys:
                d[k] = d.get(k, 0) + 1
            if stored is not None:
                for k in stored.fields[f].keys:
                    d[k] = d.get(k, 0) - 1
            deltas.append(d)
        total = len(self._records) + (0 if stored is not None else 1)
        return Scorer(self._model, [_Adjusted(c, d) for c, d in zip(self._counts, deltas, strict=True)], total)

    def stats(self) -> IndexStats:
        """Size, distinct keys, the block limit and the demoted keys.

        Examples:
            >>> ix = Index(block_limit=2)
            >>> ix.add_many([{"id": i, "email": f"u{i}@acme.com"} for i in range(3)])
            ()
            >>> [(d.rule, d.key, d.records) for d in ix.stats().demoted]
            [('org', 'acme.com', 3)]
        """
        lim = self.block_limit()
        demoted = sorted(
            (
                DemotedKey(rule=b.partition(":")[0], key=b.partition(":")[2], records=len(m))
                for b, m in self._blocks.items()
                if len(m) > lim
            ),
            key=lambda d: (-d.records, d.rule, d.key),
        )
        return IndexStats(
            records=len(self._records), keys=len(self._blocks), block_limit=lim, demoted=tuple(demoted)
        )
