"""The in-memory index: one record at a time, as a CRM checks a customer before saving it.

Layout (issue 4: under 1 KB per record at a million records): a record lives in an integer
*slot* — ``id → slot`` dict, ``slot → id`` list, an ``alive`` array — and its scoring data in one
``marshal`` blob compressed with ``zlib`` (plain tuples of strings, see :mod:`dupguard.index._store`) packed in a
:class:`~dupguard.index._store.BlobHeap`; blocking keys and term-frequency keys are 64-bit hashes
in sorted numpy arrays (:class:`~dupguard.index._store.Postings`,
:class:`~dupguard.index._store.HashCounts`). A query hashes its blocking keys, finds the records
sharing them, keeps the ``max_scored`` sharing the most key evidence (rare keys count more), and
decodes and scores only those — pair by pair (:meth:`~dupguard.index._score.Scorer.score_rows`),
the scalar twin of the batch path's vectorised scoring, so scores agree to 1e-9.
"""

from __future__ import annotations

import contextlib
import heapq
import marshal
import sys
import zlib
from collections.abc import Callable, Generator, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Final, Literal

import numpy as np
import numpy.typing as npt

from dupguard.errors import InvalidRecord, RecordReason
from dupguard.index._compare import Columns
from dupguard.index._compare_one import row_of
from dupguard.index._explain import FieldExplanation
from dupguard.index._features import Extractor, Features, is_frame, rows_of, tf_terms
from dupguard.index._model import Model
from dupguard.index._schema import Schema
from dupguard.index._score import Scored, Scorer, probability
from dupguard.index._store import (
    EMPTY_ROW,
    FIELD_ATTRS,
    I32,
    BlobHeap,
    HashCounts,
    Postings,
    SlotMap,
    decode_field,
    encode_fields,
    run_heads,
)
from dupguard.index._workers import available_cores

__all__ = ["Candidate", "DemotedKey", "Index", "IndexStats", "default_block_limit", "id_crc", "key_rarity"]

Bools = npt.NDArray[np.bool_]
#: Field values memoised by an index's extractor.
_MEMO_SIZE: Final = 4096
#: Initial capacity of the ``alive`` array (it doubles as needed).
_MIN_SLOTS: Final = 1024
#: Removed records' postings are purged once more than max(this, a quarter of all) are dead.
_MIN_PURGE: Final = 50_000
_KEYS: Final = FIELD_ATTRS.index("keys")
_TEXT: Final = FIELD_ATTRS.index("text")
#: ``add_many`` of at least this many records ends by merging every buffer.
_FLUSH_AFTER: Final = 10_000
#: Rows a bulk load's worker hands over at a time. Small, unlike a batch's pieces: the records
#: stored meanwhile share the allocator's arenas with the piece's decoded objects, and a big
#: piece leaves them scattered — 200k records kept 1,628 bytes each after pieces of 25,000,
#: 860 after pieces of 2,500, 906 with no worker.
_BULK_PIECE: Final = 2_500
#: A query with at most this many candidates to score is scored pair by pair
#: (:meth:`Scorer.score_rows`); more go through the vectorised path, which then wins.
_SCALAR_MAX: Final = 200


def _release_free_heap() -> None:
    """Return freed heap pages to the operating system (glibc's ``malloc_trim``).

    A bulk load frees far more than it keeps — every record's temporary objects, and the
    buffers each merge replaces — and glibc keeps such pages for reuse, so a process that just
    indexed 100k records held ~400 bytes per record more than the index does. Elsewhere (macOS,
    Windows, musl) this is a no-op.
    """
    if not sys.platform.startswith("linux"):
        return
    import ctypes

    with contextlib.suppress(OSError, AttributeError):  # AttributeError: no glibc
        ctypes.CDLL(None).malloc_trim(0)


def _id_hash(rid: str) -> int:
    """The 64-bit hash an id is found by (a seam for tests: two ids may share one)."""
    return hash(rid)


def _pack(rid: str, record: tuple[Any, ...]) -> bytes:
    """A stored record: its id (length-prefixed UTF-8, readable without decompressing), then
    ``marshal`` (fast, C) and ``zlib`` level 1 — a third smaller on customer records (604 → 398
    bytes on average), for ~5 µs per candidate decoded."""
    raw = rid.encode("utf-8", "surrogatepass")
    head = bytes((len(raw),)) if len(raw) < 0xFF else b"\xff" + len(raw).to_bytes(4, "little")
    return head + raw + zlib.compress(marshal.dumps(record), 1)


def _id_end(blob: bytes) -> tuple[int, int]:
    """Where a stored record's id starts and ends."""
    n = blob[0]
    if n < 0xFF:
        return 1, 1 + n
    n = int.from_bytes(blob[1:5], "little")
    return 5, 5 + n


def _blob_id(blob: bytes) -> str:
    start, end = _id_end(blob)
    return blob[start:end].decode("utf-8", "surrogatepass")


def _unpack(blob: bytes) -> Any:
    return marshal.loads(zlib.decompress(blob[_id_end(blob)[1] :]))


class _Explainer:
    """The explanation of pair *t* of a query's scores, built once when first asked for (a CRM
    check looks at one or two explanations, not all ten)."""

    __slots__ = ("_args", "_done")

    def __init__(self, scorer: Scorer, query: Features, rid: str, row: Sequence[Any], scored: Scored, t: int) -> None:
        self._args = (scorer, query, rid, row, scored, t)
        self._done: tuple[FieldExplanation, ...] | None = None

    def __call__(self) -> tuple[FieldExplanation, ...]:
        if self._done is None:
            scorer, query, rid, row, scored, t = self._args
            other = Features(rid, tuple(decode_field(r) for r in row), ())
            self._done = scorer.explain(query, other, scored, t)
        return self._done


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


def key_rarity(block_limit: int, sizes: npt.NDArray[np.int64], /) -> npt.NDArray[np.float64]:
    """The key evidence a shared blocking key gives, by how many records hold it:
    ``log(1 + block_limit / size)``, so a key two records share outweighs one near the limit.
    Checks and batches rank candidates by its sum over the keys they share.

    Examples:
        >>> key_rarity(100, np.array([1, 100])).round(2).tolist()
        [4.62, 0.69]
    """
    return np.asarray(np.log1p(block_limit / np.maximum(sizes, 1)), dtype=np.float64)


def id_crc(rid: str, /) -> int:
    """The CRC-32 of a record id, the first tie-break between equally good candidates.

    Examples:
        >>> id_crc("a")
        3904355907
    """
    return zlib.crc32(rid.encode("utf-8", "surrogatepass"))


@dataclass(frozen=True, slots=True, kw_only=True)
class Candidate:
    """A possible duplicate of the queried record.

    Attributes:
        id: the indexed record's id.
        probability: match probability in [0, 1].
        weight: match weight, log2 of the odds.
        rule: the blocking rule that produced it (``"email.email"``, ``"company.ascii"``, …).
        key: the blocking key value both records share.
        explainer: builds the explanation :meth:`explain` returns, on first use (not compared).

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
    # Built on first use: a CRM check looks at one or two explanations, not all ten.
    explainer: Callable[[], tuple[FieldExplanation, ...]] = field(repr=False, compare=False)

    def explain(self) -> tuple[FieldExplanation, ...]:
        """Per field: the level reached, its weight, and the two values compared."""
        return self.explainer()


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


class _TermCounts(Mapping[str, int]):
    """One field's term-frequency counts as the scorer sees them during one query: the stored
    count of a key, with the query record counted in (*plus*: its keys) and the indexed record
    of the same id counted out (*minus*: that record's keys), looked up when first asked for —
    the scorer asks only for the keys an EXACT level matched on and the Han terms of exclusive
    names, a few per query; each is looked up once (the query's own recur across candidates).
    Iteration covers the query's own keys only: the scorer looks keys up, it never iterates.
    """

    __slots__ = ("_counts", "_field", "_minus", "_plus", "_seen")

    def __init__(self, counts: HashCounts, field: int, plus: tuple[str, ...], minus: tuple[str, ...]) -> None:
        self._counts, self._field, self._plus, self._minus = counts, field, plus, minus
        self._seen: dict[str, int] = {}

    def __getitem__(self, key: str) -> int:
        return self.get(key)

    def get(self, key: str, default: object = 0) -> int:
        count = self._seen.get(key)
        if count is None:
            count = self._counts.get(hash((self._field, key))) + self._plus.count(key) - self._minus.count(key)
            self._seen[key] = count
        return count

    def prefetch(self, keys: Iterable[str], /) -> None:
        """Look *keys* up now, in one call into the stored counts (the scorer's lifts ask for
        several at once; each lookup into arrays of a million keys costs about what many do)."""
        todo = [k for k in dict.fromkeys(keys) if k not in self._seen]
        if not todo:
            return
        hs = np.fromiter((hash((self._field, k)) for k in todo), dtype=np.int64, count=len(todo))
        for k, c in zip(todo, self._counts.get_many(hs).tolist(), strict=True):
            self._seen[k] = c + self._plus.count(k) - self._minus.count(k)

    def __iter__(self) -> Iterator[str]:
        return iter(self._plus)

    def __len__(self) -> int:
        return len(self._plus)


class Index:
    """An in-memory blocking index over customer records.

    Args:
        schema: the records' schema (default :meth:`Schema.customers`).
        model: match parameters (default :meth:`Model.default` for the schema).
        block_limit: demote blocking keys held by more records than this; ``None`` uses
            ``schema.max_block_size`` or else :func:`default_block_limit` of the current size.
        max_scored: at most this many records (or ``limit``, if larger) are scored per query —
            those sharing the most key evidence with it, each shared blocking key counting
            ``log(1 + block_limit / records holding it)`` (ties by the id's CRC-32, then the
            id). This bounds a check's cost at any index size.

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
        max_scored: int = 10,
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
        self._kinds = tuple(fld.kind for fld in self._schema.fields)
        # What scoring needs from the model alone, computed once; each query rebinds it to its
        # term frequencies (Scorer.over).
        self._scorer = Scorer(self._model, [{} for _ in self._schema.fields], 0)
        self._block_limit = block_limit or self._schema.max_block_size
        # A small memo: repeated values (countries, a shared phone) are extracted once, and the
        # memo never outweighs the index.
        self._extract = Extractor(self._schema, memo_size=_MEMO_SIZE)
        # Records live in slots (never reused): hash(id) → slot, alive, and per slot one blob (the
        # id, then the fields' scoring data and the record's blocking-key hashes). No Python
        # object is kept per record: ids are read back from the blobs.
        self._slot_map = SlotMap()
        self._same_hash: dict[str, int] = {}  # ids whose hash another live id already holds
        self._n = 0
        self._blobs = BlobHeap()
        # CRC-32 of each slot's id: orders candidates that tie on key evidence without reading
        # their ids (thousands may tie at a million records)
        self._id_crc = np.zeros(_MIN_SLOTS, dtype=np.uint32)
        self._alive: Bools = np.zeros(_MIN_SLOTS, dtype=bool)
        self._postings = Postings()
        self._dead = 0  # postings of removed slots not yet purged
        self._block_counts = HashCounts()
        self._term_counts = HashCounts()  # keyed by hash((field index, term)): see tf_terms
        # hash → blocking key, for keys whose count ever exceeded the smallest possible limit:
        # stats() reports demoted keys by name.
        self._names: dict[int, str] = {}
        self._name_floor = self._block_limit or default_block_limit(0)

    @property
    def schema(self) -> Schema:
        """The schema of the indexed records."""
        return self._schema

    @property
    def model(self) -> Model:
        """The match model used to score candidates."""
        return self._model

    def __len__(self) -> int:
        return self._n

    def __contains__(self, record_id: object) -> bool:
        return self._slot(str(record_id)) is not None

    def _slot(self, rid: str) -> int | None:
        """The slot of the indexed record *rid* (``None`` when not indexed)."""
        slot = self._slot_map.get(_id_hash(rid))
        if slot is not None and self._id_of(slot) == rid:
            return slot
        return self._same_hash.get(rid)

    def _id_of(self, slot: int) -> str:
        return _blob_id(self._blobs.get(slot))

    def block_limit(self) -> int:
        """The block-size limit in force now (see :func:`default_block_limit`).

        Examples:
            >>> Index().block_limit()
            50
        """
        return self._block_limit or default_block_limit(self._n)

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
        if feats.id in self:
            raise InvalidRecord(RecordReason.DUPLICATE_ID, feats.id, record_id=feats.id)
        self._insert(feats)

    def add_many(
        self,
        records: Iterable[Mapping[str, object]],
        /,
        *,
        on_error: Literal["raise", "skip"] = "raise",
        workers: int | None = None,
    ) -> tuple[InvalidRecord, ...]:
        """Index many records: an iterable of mappings, or a pandas DataFrame (its rows).

        With ``on_error="raise"`` (default) nothing is added if any record is invalid (the ones
        added before it are removed again). With ``on_error="skip"`` the valid ones are added
        and the rejected ones are returned, each error naming its record and field.

        A list (or DataFrame) of 50,000 records or more is normalized in a worker process
        while this one indexes what the worker has finished (``workers=1``: no worker; ``None``,
        the default: one when more than one core is available). Same index, same errors; a
        worker that fails is replaced by this process after a ``RuntimeWarning``. Other
        iterables are read one record at a time, never held whole.

        Raises:
            InvalidRecord: the first invalid record (``on_error="raise"``); ``NOT_A_MAPPING``
                when *records* is one record, a string or not iterable (either mode).
            InvalidSchema: ``BAD_PARAMETER`` when *workers* is not ``None`` or an int >= 1.

        Examples:
            >>> ix = Index()
            >>> bad = ix.add_many([{"id": 1, "company": "A"}, {"company": "no id"}], on_error="skip")
            >>> len(ix), [e.reason.value for e in bad]
            (1, ['missing_id'])
        """
        from dupguard.index import _batch

        n_workers = _batch._workers_arg(workers) or available_cores()
        # Records are indexed as they come (no list of features held: at a million records it
        # would outweigh the index); on an error the ones added are removed again, which
        # restores the exact prior state.
        rejected: list[InvalidRecord] = []
        added: list[str] = []
        rows = rows_of(records)
        worker: Generator[Features | Any, None, None] | None = None
        if n_workers > 1:
            if is_frame(records):
                rows = _batch._needed_columns(records, self._schema)
            if isinstance(rows, list | tuple) and len(rows) >= _batch.PARALLEL_MIN_ROWS:
                rows = worker = self._from_worker(list(rows))
        # The cyclic garbage collector keeps running (unlike in batch runs): paused here, the
        # process kept ~1 KB more per indexed record after the load (RSS at 100k: 2,093 against
        # 1,143 bytes per record; docs/benchmarks-speed.md §2).
        try:
            for rec in rows:
                try:
                    # The index's small memo (first values seen: countries, common domains)
                    # serves a bulk load too; a big temporary one would leave its pages
                    # resident after the load.
                    feats = rec if isinstance(rec, Features) else self._extract.features(rec)
                    if feats.id in self:
                        raise InvalidRecord(RecordReason.DUPLICATE_ID, feats.id, record_id=feats.id)
                except InvalidRecord as err:
                    if on_error == "raise":
                        raise
                    rejected.append(err)
                    continue
                self._insert(feats)
                added.append(feats.id)
        except BaseException:
            for rid in reversed(added):
                self._delete(rid)
            raise
        finally:
            if worker is not None:  # stops the worker, removes its files
                worker.close()
        if len(added) >= _FLUSH_AFTER:
            # A bulk load ends merged: the buffers are the least compact part of the index.
            self._merge()
            self._block_counts.merge()
            self._term_counts.merge()
            self._slot_map.merge()
            _release_free_heap()
        return tuple(rejected)

    def _from_worker(self, rows: list[Any]) -> Generator[Features | Any, None, None]:
        """*rows* in order, each as the :class:`Features` a worker process extracted — or the
        row itself where the worker rejected it (extracted again here, to raise its error) or
        did not get to it (it failed: its rows are extracted here, after a warning)."""
        import tempfile
        import warnings

        from dupguard.index import _workers

        with tempfile.TemporaryDirectory(prefix="dupguard-") as tmp:
            done = 0
            worker: _workers.Worker | None = None
            try:
                worker = _workers.Worker(self._schema, rows, 0, tmp, piece=min(_workers.PIECE, _BULK_PIECE))
                for start, stop, (got, _) in worker.pieces():
                    accepted = dict(got)
                    del got  # not held while the next piece is awaited
                    for row in range(start, stop):
                        feats = accepted.get(row)
                        yield rows[row] if feats is None else feats
                    done = stop
                    del accepted
            except Exception as err:  # whatever failed, this process does what is left
                warnings.warn(f"indexing rows {done}-{len(rows) - 1} here: {err}", RuntimeWarning, stacklevel=3)
            finally:
                if worker is not None:
                    worker.kill()
            yield from rows[done:]

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
        if feats.id not in self:
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
        if rid not in self:
            raise InvalidRecord(RecordReason.UNKNOWN_ID, rid, record_id=rid)
        self._delete(rid)

    def _insert(self, feats: Features) -> None:
        slot = len(self._blobs)
        if slot >= len(self._alive):
            grown = np.zeros(2 * len(self._alive), dtype=bool)
            grown[: len(self._alive)] = self._alive
            self._alive = grown
            crc = np.zeros(len(grown), dtype=np.uint32)
            crc[: len(self._id_crc)] = self._id_crc
            self._id_crc = crc
        block_hashes = [hash(b) for b in feats.blocks]
        fields = encode_fields(feats.fields)
        blob = _pack(feats.id, (fields, np.array(block_hashes, dtype=np.int64).tobytes()))
        self._id_crc[slot] = id_crc(feats.id)
        h = _id_hash(feats.id)
        if self._slot_map.get(h) is None:
            self._slot_map.put(h, slot)
        else:  # another live id has this 64-bit hash
            self._same_hash[feats.id] = slot
        self._n += 1
        self._blobs.append(blob)  # at the same slot
        self._alive[slot] = True
        counts = self._block_counts.add(block_hashes, 1)
        floor = self._name_floor
        for t in np.flatnonzero(counts > floor).tolist():
            self._names.setdefault(block_hashes[t], feats.blocks[t])
        self._term_counts.add(_term_hashes(self._kinds, fields), 1)
        self._postings.add(block_hashes, slot)
        if self._postings.merge_due():
            self._merge()

    def _delete(self, rid: str) -> None:
        """Remove the indexed record *rid* (the caller has checked that it is indexed)."""
        slot = self._same_hash.pop(rid, None)
        if slot is None:
            h = _id_hash(rid)
            slot = self._slot_map.get(h)
            if slot is None:
                raise InvalidRecord(RecordReason.UNKNOWN_ID, rid, record_id=rid)
            self._slot_map.pop(h)
        self._n -= 1
        blob = self._blobs.get(slot)
        self._blobs.drop(slot)
        self._alive[slot] = False
        fields, packed = _unpack(blob)
        block_hashes = np.frombuffer(packed, dtype=np.int64).tolist()
        self._block_counts.add(block_hashes, -1)
        self._term_counts.add(_term_hashes(self._kinds, fields), -1)
        self._dead += len(block_hashes)
        if self._dead > max(_MIN_PURGE, len(self._postings) // 4):
            self._merge()

    def _merge(self) -> None:
        """Merge the postings buffer and purge removed slots' postings."""
        self._postings.merge(self._alive)
        self._dead = 0

    def _state(self) -> dict[str, object]:
        """A canonical snapshot of what the index holds (for tests): ids, live postings as
        ``(key hash, id)``, and the positive counts per blocking-key hash and per term hash."""
        postings = {(h, self._id_of(s)) for h, s in self._postings.as_pairs(self._alive)}
        return {
            "ids": frozenset(self._id_of(s) for s in np.flatnonzero(self._alive).tolist()),
            "postings": frozenset(postings),
            "blocks": self._block_counts.as_dict(),
            "terms": self._term_counts.as_dict(),
            "distinct": self._block_counts.distinct,
        }

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
        if not query.blocks or not self._n:
            return ()
        # A record without an id is new (its placeholder id is never looked up).
        own = self._slot(query.id) if self._schema.id in record else None
        hashes = np.fromiter((hash(b) for b in query.blocks), dtype=np.int64, count=len(query.blocks))
        block_limit = self.block_limit()
        if not self._dead:  # a key's postings are its records: one lookup gives both
            slots, which, sizes = self._postings.lookup(hashes, limit=block_limit)
        else:  # postings of removed records not purged yet: the live counts decide
            sizes = self._block_counts.get_many(hashes)
            usable = np.flatnonzero((sizes > 0) & (sizes <= block_limit))
            slots, which, _ = self._postings.lookup(hashes[usable])
            keep = self._alive[slots]
            slots, which = slots[keep], usable[which[keep]]
        if own is not None:  # the query's own indexed record
            keep = slots != own
            slots, which = slots[keep], which[keep]
        if not len(slots):
            return ()
        # Per candidate: the first of the query's blocking keys it shares (in the query's key
        # order) — its provenance — and how much key evidence it shares: each shared key counts
        # log(1 + limit / records holding it), so a key two records share outweighs one near
        # the block limit. ``which`` is in the query's key order, so a stable sort by slot puts
        # each slot's first key first.
        grouped = np.argsort(slots, kind="stable")
        by_slot = slots[grouped]
        heads = run_heads(by_slot)
        uniq = by_slot[heads]
        first = which[grouped[heads]]
        k = max(self._max_scored, limit)
        if len(uniq) > k:
            rarity = key_rarity(block_limit, sizes)
            evidence = np.add.reduceat(rarity[which[grouped]], heads)
            picked = self._top(uniq, evidence, k)
            uniq, first = uniq[picked], first[picked]
        found: list[int] = uniq.tolist()
        via: list[int] = first.tolist()
        blobs = [self._blobs.get(slot) for slot in found]
        by_id = sorted(zip(map(_blob_id, blobs), blobs, range(len(found)), strict=True))
        ids = [x[0] for x in by_id]
        order = [x[2] for x in by_id]
        rows = [_unpack(x[1])[0] for x in by_id]
        n = len(rows)
        scorer = self._scorer_for(query, own)
        if n <= _SCALAR_MAX:
            scored = scorer.score_rows(
                [row_of(fd) for fd in query.fields], [[x or EMPTY_ROW for x in r] for r in rows]
            )
        else:
            cols = [
                Columns.from_rows([r[f] or EMPTY_ROW for r in rows], attrs=FIELD_ATTRS)
                for f in range(len(self._schema.fields))
            ]
            scored = scorer.score_columns(
                scorer.columns([query]), cols, np.zeros(n, dtype=np.int64), np.arange(n, dtype=np.int64)
            )
        probs: list[float] = probability(scored.weight).tolist()
        weights: list[float] = scored.weight.tolist()
        out: list[Candidate] = []
        for t in sorted(range(n), key=lambda t: (-weights[t], ids[t])):
            p = probs[t]
            if p < min_probability:
                continue
            rule, _, key = query.blocks[via[order[t]]].partition(":")
            out.append(
                Candidate(
                    id=ids[t],
                    probability=p,
                    weight=weights[t],
                    rule=rule,
                    key=key,
                    explainer=_Explainer(scorer, query, ids[t], rows[t], scored, t),
                )
            )
            if len(out) >= limit:
                break
        return tuple(out)

    def _top(self, found: I32, evidence: npt.NDArray[np.float64], k: int) -> npt.NDArray[np.intp]:
        """Positions in *found* (slots) of the *k* sharing the most key evidence (Salesforce-style
        top-K by match keys, weighted by the keys' rarity); ties go by the CRC-32 of the id, then
        by the id — an order that depends on neither the insertion order nor the process."""
        kth = np.partition(evidence, len(evidence) - k)[len(evidence) - k]
        sure = np.flatnonzero(evidence > kth)
        ties = np.flatnonzero(evidence == kth)
        need = k - len(sure)
        if len(ties) == need:
            return np.concatenate((sure, ties))
        crc = self._id_crc[found[ties]]
        cut = np.partition(crc, need - 1)[need - 1]
        below = ties[crc < cut]
        at = ties[crc == cut]
        if len(below) + len(at) > need:  # ids with one CRC-32 at the cut: the smallest ids
            at = np.asarray(
                heapq.nsmallest(need - len(below), at.tolist(), key=lambda t: self._id_of(int(found[t]))),
                dtype=np.intp,
            )
        return np.concatenate((sure, below, at))

    def _query_features(self, record: Mapping[str, object]) -> Features:
        if isinstance(record, Mapping) and self._schema.id not in record:
            record = {**record, self._schema.id: "\x00query"}
        return self._extract.features(record, remember=False)

    def _scorer_for(self, query: Features, own: int | None) -> Scorer:
        """Term frequencies as if the query were in the index (so batch and one-record agree):
        counted in, and the indexed record of the same id (*own*'s slot) counted out."""
        stored: tuple[tuple[Any, ...] | None, ...] | None = None
        if own is not None:
            stored = _unpack(self._blobs.get(own))[0]
        views = [
            _TermCounts(
                self._term_counts,
                f,
                tf_terms(kind, fd.keys, fd.text),
                tf_terms(kind, row[_KEYS], row[_TEXT]) if stored is not None and (row := stored[f]) is not None else (),
            )
            for f, (kind, fd) in enumerate(zip(self._kinds, query.fields, strict=True))
        ]
        total = self._n + (0 if own is not None else 1)
        return self._scorer.over(views, total)

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
        named = list(self._names.items())
        sizes = self._block_counts.get_many(np.array([h for h, _ in named], dtype=np.int64)).tolist()
        demoted = sorted(
            (
                DemotedKey(rule=b.partition(":")[0], key=b.partition(":")[2], records=c)
                for (_, b), c in zip(named, sizes, strict=True)
                if c > lim
            ),
            key=lambda d: (-d.records, d.rule, d.key),
        )
        return IndexStats(
            records=self._n,
            keys=self._block_counts.distinct,
            block_limit=lim,
            demoted=tuple(demoted),
        )


def _term_hashes(kinds: Sequence[str], fields: tuple[tuple[Any, ...] | None, ...]) -> list[int]:
    """Hashes of ``(field index, term)`` of a record's stored fields: its term-frequency terms
    (:func:`~dupguard.index._features.tf_terms`)."""
    out: list[int] = []
    for f, row in enumerate(fields):
        if row is not None:
            out.extend(hash((f, k)) for k in tf_terms(kinds[f], row[_KEYS], row[_TEXT]))
    return out
