"""Batch matching: a whole list (or two) at once — blocking, vectorised scoring, clustering."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import chain
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from dupguard.errors import (
    InvalidModel,
    InvalidRecord,
    InvalidSchema,
    ModelReason,
    RecordReason,
    SchemaReason,
)
from dupguard.index import _gc
from dupguard.index._cluster import clusters
from dupguard.index._compare import Level
from dupguard.index._features import (
    Extractor,
    Features,
    block_codes,
    is_frame,
    rows_of,
    tf_counts,
)
from dupguard.index._index import default_block_limit, id_crc, key_rarity
from dupguard.index._model import Model, level_frequencies
from dupguard.index._schema import Schema
from dupguard.index._score import Scored, Scorer, probability
from dupguard.index._store import run_heads, runs
from dupguard.index._workers import available_cores
from dupguard.normalize.text import has_han

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "BatchResult",
    "Prepared",
    "Rejected",
    "dedupe",
    "fit_labelled",
    "fit_model",
    "link",
    "pairs",
    "prepare",
    "run",
]

IntArray = npt.NDArray[np.int64]
_CHUNK = 250_000
#: Batch blocking keeps at most this many candidate pairs per record (smallest blocks first).
_PAIRS_PER_RECORD = 20
#: Default ``max_scored`` of the batch calls: the pairs each record is scored in, at least. Fewer
#: than an :class:`~dupguard.index.Index` check's 10, which must fill a list of 10 candidates: a
#: batch pair is scored when *either* record picks the other, and pairs past the sixth add
#: weak links, not duplicates (docs/matching.md, "Each record's best partners").
MAX_SCORED = 6


@dataclass(frozen=True, slots=True, kw_only=True)
class Rejected:
    """A row that could not be matched, and why (it is reported, never dropped silently)."""

    row: int
    id: str | None
    field: str | None
    reason: str
    message: str


@dataclass(frozen=True, slots=True, kw_only=True)
class BatchResult:
    """Everything a batch run produced (the DataFrame functions are views of this)."""

    ids: tuple[str, ...]
    right_ids: tuple[str, ...] | None
    i: IntArray
    j: IntArray
    rules: tuple[str, ...]
    rule_of: npt.NDArray[np.int32]
    scored: Scored
    rejected: tuple[Rejected, ...]
    model: Model
    features: tuple[Features, ...]
    right_features: tuple[Features, ...] | None

    @property
    def probability(self) -> npt.NDArray[np.float64]:
        return probability(self.scored.weight)


#: Lists shorter than this are extracted in the calling process: a worker's start (a fresh
#: interpreter, dupguard's tables) costs about what extracting 5,000 records does.
PARALLEL_MIN_ROWS = 50_000


def _extract(
    data: object, extractor: Extractor, *, workers: int | None = 1
) -> tuple[list[Features], list[Rejected]]:
    """Each row of *data* as :class:`Features`, or a :class:`Rejected` row: a row with no id,
    an id seen on an earlier row, a value of the wrong type. With *workers* > 1 (``None``: the
    cores available) a list of :data:`PARALLEL_MIN_ROWS` rows or more is cut into that many
    parts extracted at once (:mod:`dupguard.index._workers`), with the same result."""
    rows = rows_of(data)
    n_workers = available_cores() if workers is None else workers
    if n_workers > 1:
        rows = _needed_columns(data, extractor.schema) if is_frame(data) else list(rows)
        if len(rows) >= PARALLEL_MIN_ROWS:
            return _extract_parts(rows, extractor, n_workers)
    accepted, rejected = extract_rows(rows, extractor)
    return [f for _, f in accepted], rejected


def extract_rows(
    rows: Iterable[Any], extractor: Extractor | Schema, /, *, offset: int = 0
) -> tuple[list[tuple[int, Features]], list[Rejected]]:
    """``(row, Features)`` for each accepted row of *rows* (numbered from *offset*), and the
    rejected rows — a later row with an id already seen among *rows* is rejected.

    Examples:
        >>> ok, bad = extract_rows([{"id": 1, "email": "a@x.com"}, {"id": 1}], Schema.customers())
        >>> [(r, f.id) for r, f in ok], [(b.row, b.reason) for b in bad]
        ([(0, '1')], [(1, 'duplicate_id')])
    """
    if isinstance(extractor, Schema):
        extractor = Extractor(extractor)
    accepted: list[tuple[int, Features]] = []
    rejected: list[Rejected] = []
    seen: set[str] = set()
    for row, rec in enumerate(rows, start=offset):
        try:
            f = extractor.features(rec)
            if f.id in seen:
                raise InvalidRecord(RecordReason.DUPLICATE_ID, f.id, record_id=f.id)
        except InvalidRecord as err:
            rejected.append(_rejected(row, err))
            continue
        seen.add(f.id)
        accepted.append((row, f))
    return accepted, rejected


def _count_arg(name: str, value: int | None, *, optional: bool = False) -> int | None:
    """*value* if it is an int >= 1 (or ``None`` where *optional*), else a typed error."""
    if value is None and optional:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise InvalidSchema(SchemaReason.BAD_PARAMETER, value, f"{name} must be {'None or ' if optional else ''}an int >= 1")
    return value


def _workers_arg(workers: int | None) -> int | None:
    return _count_arg("workers", workers, optional=True)


def _rejected(row: int, err: InvalidRecord) -> Rejected:
    rid = err.record_id
    return Rejected(
        row=row, id=None if rid is None else str(rid), field=err.field, reason=err.reason.value, message=str(err)
    )


def _needed_columns(df: Any, schema: Schema) -> list[dict[str, Any]]:
    """A DataFrame's rows as dicts of the columns extraction reads (the id and the schema's
    fields): less to send to the workers."""
    wanted = {schema.id, *(f.name for f in schema.fields)}
    return list(rows_of(df[[c for c in df.columns if str(c) in wanted]]))


#: How much more of a parallel batch the calling process extracts than each worker process.
CALLER_SHARE = 1.2


def _extract_parts(rows: list[Any], extractor: Extractor, n_workers: int) -> tuple[list[Features], list[Rejected]]:
    """:func:`extract_rows` of *rows* in *n_workers* contiguous parts, the first here and the
    others in worker processes; then the parts in order, an id seen in an earlier part
    rejected as a duplicate — what one pass over the rows gives."""
    import tempfile

    from dupguard.index import _workers

    # The calling process takes the larger part: a worker also starts an interpreter and
    # encodes what it found, and the caller decodes it once its own part is done.
    weights = np.array([CALLER_SHARE] + [1.0] * (n_workers - 1))
    bounds = np.rint(np.concatenate(([0.0], np.cumsum(weights))) / weights.sum() * len(rows)).astype(int).tolist()
    parts = [(bounds[p], bounds[p + 1]) for p in range(n_workers)]
    with tempfile.TemporaryDirectory(prefix="dupguard-") as tmp:
        workers: list[_workers.Worker | Exception] = []
        for a, b in parts[1:]:
            try:
                workers.append(_workers.Worker(extractor.schema, rows[a:b], a, tmp))
            except Exception as err:  # a value pickle cannot carry (a lock, a local function …)
                workers.append(err)
        try:
            results = [extract_rows(rows[parts[0][0] : parts[0][1]], extractor)]
            for (a, b), worker in zip(parts[1:], workers, strict=True):
                done = a
                try:
                    if isinstance(worker, Exception):
                        raise worker
                    for _, stop, (got, sent) in worker.pieces():
                        results.append(
                            (got, [Rejected(row=r, id=i, field=f, reason=why, message=m) for r, i, f, why, m in sent])
                        )
                        done = stop
                except Exception as err:  # whatever failed, this process does what is left
                    import warnings

                    if not isinstance(worker, Exception):
                        worker.kill()  # not to share the cores with it while redoing its rows
                    warnings.warn(f"extracting rows {done}-{b - 1} here: {err}", RuntimeWarning, stacklevel=4)
                    results.append(extract_rows(rows[done:b], extractor, offset=done))
        finally:  # no worker outlives the call (nor writes into its removed directory)
            for worker in workers:
                if not isinstance(worker, Exception):
                    worker.kill()
    feats: list[Features] = []
    rejected: list[Rejected] = []
    seen: set[str] = set()
    for accepted, bad in results:
        rejected.extend(bad)
        for row, f in accepted:
            if f.id in seen:
                rejected.append(_rejected(row, InvalidRecord(RecordReason.DUPLICATE_ID, f.id, record_id=f.id)))
                continue
            seen.add(f.id)
            feats.append(f)
    rejected.sort(key=lambda r: r.row)
    return feats, rejected


@dataclass(frozen=True, slots=True, eq=False)
class Prepared:
    """A list validated and normalized once for one schema (see :func:`prepare`).

    Attributes:
        schema: the schema the records were read with.
        features: one entry per accepted record, in input order.
        rejected: the rows that could not be read, and why.
    """

    schema: Schema
    features: tuple[Features, ...]
    rejected: tuple[Rejected, ...]

    def __len__(self) -> int:
        return len(self.features)

    @property
    def ids(self) -> tuple[str, ...]:
        """The accepted records' ids, in input order."""
        return tuple(f.id for f in self.features)


def prepare(data: object, /, *, schema: Schema | None = None, workers: int | None = None) -> Prepared:
    """Validate and normalize *data* once, for several batch calls on the same list.

    :func:`dedupe`, :func:`link`, :func:`pairs`, :func:`run` and :meth:`Model.fit` take the
    result wherever they take data, and skip the normalization — about half of a batch call's
    time. Rejected rows travel with it: each call reports them as if it had read the data.

    Args:
        data: a pandas DataFrame or an iterable of mappings, each with an id.
        schema: the columns' kinds (default :meth:`Schema.customers`).
        workers: processes normalizing a list of 50,000 rows or more, the calling one
            included (``None``: one per available core; ``1``: none started).

    Raises:
        InvalidRecord: ``NOT_A_MAPPING`` when *data* is not a table at all (bad rows are
            rejected, not raised).

    Examples:
        >>> rows = [{"id": 1, "email": "Bob@Acme.com"}, {"id": 2, "email": "bob@acme.com"},
        ...         {"id": 3, "email": "ann@bolt.de"}, {"x": 4}]
        >>> p = prepare(rows)
        >>> len(p), p.ids, [r.reason for r in p.rejected]
        (3, ('1', '2', '3'), ['missing_id'])
        >>> dedupe(p)["cluster_id"].tolist()  # normalized once ...
        ['1', '1', '3']
        >>> pairs(p)[["id_l", "id_r"]].values.tolist()  # ... used twice
        [['1', '2']]
    """
    schema = schema or Schema.customers()
    with _gc.paused():
        return _prepared(data, schema, Extractor(schema), _workers_arg(workers))


def _prepared(data: object, schema: Schema, extractor: Extractor, workers: int | None = None) -> Prepared:
    """*data* as a :class:`Prepared` list of *schema*: read now, unless it already is one."""
    if isinstance(data, Prepared):
        if data.schema != schema:
            raise InvalidSchema(SchemaReason.MISMATCH, schema, "the data was prepared for another schema")
        return data
    feats, rejected = _extract(data, extractor, workers=workers)
    return Prepared(schema, tuple(feats), tuple(rejected))


def schema_of(data: object) -> Schema | None:
    """The schema *data* was prepared with, if it is a :class:`Prepared` list."""
    return data.schema if isinstance(data, Prepared) else None


def _tf_counts(schema: Schema, *groups: Sequence[Features]) -> list[dict[str, int]]:
    return tf_counts([f.kind for f in schema.fields], groups)


def _budget_limit(sizes: IntArray, *, budget: int) -> int:
    """The largest block size whose blocks, with all smaller ones, yield at most *budget* pairs.

    *sizes* holds each block's member count. Small blocks are the informative ones (a rare
    shared value); large blocks add many pairs and little evidence. Bounding the total keeps
    batch cost linear in the number of records.
    """
    hist = np.bincount(sizes)
    if len(hist) < 3:
        return max(len(hist) - 1, 2)
    s = np.arange(len(hist), dtype=np.int64)
    cum = np.cumsum(hist * s * (s - 1) // 2)
    ok = np.flatnonzero(cum <= budget)
    return max(int(ok[-1]) if len(ok) else 2, 2)


def _block_pairs(
    left: Sequence[Features],
    right: Sequence[Features] | None,
    limit: int,
    *,
    budget: int | None = None,
    best: int | None = None,
) -> tuple[IntArray, IntArray, tuple[str, ...], npt.NDArray[np.int32]]:
    """Candidate pairs from blocks of at most *limit* records (both sides counted for links).

    With *best*, a pair is kept only if it is among the *best* pairs of one of its two records
    by shared key evidence (:func:`_best_of_each`): a record in several large, weak blocks
    (a common surname and initial, a common first word of company names) is scored against
    its likeliest partners, not against every member, as a check on an index scores its
    ``max_scored`` best.

    Returns ``(i, j, rules, rule_of)``: unique pairs (``i < j`` for dedupe), the rule names and,
    per pair, the index of the first rule (in block order) that produced it. Blocks are numbered
    in order of first appearance; each block's pairs are generated at once for all blocks
    (members in record order: row-major upper triangle for a dedupe, left × right for a link),
    in block order, and a pair keeps its first occurrence.
    """
    n_left = len(left)
    codes, key_list, rec_counts = block_codes(left if right is None else chain(left, right))
    keys = np.asarray(key_list, dtype=np.int64)
    del key_list
    recs = np.repeat(np.arange(len(rec_counts), dtype=np.int64), np.asarray(rec_counts, dtype=np.int64))
    order = np.argsort(keys, kind="stable")  # by block, members in record order
    keys, recs = keys[order], recs[order]
    sizes = np.bincount(keys, minlength=len(codes))
    if budget is not None:
        limit = min(limit, _budget_limit(sizes, budget=budget))
    starts = np.cumsum(sizes) - sizes
    if right is None:
        used = (sizes >= 2) & (sizes <= limit)
        pos = np.flatnonzero(used[keys])
        g = keys[pos]
        count = sizes[g] - 1 - (pos - starts[g])  # members after this one in its block
        src = np.repeat(pos, count)
        dst = runs(pos + 1, count)
    else:
        n_right = np.bincount(keys[recs >= n_left], minlength=len(codes))
        n_lefts = sizes - n_right
        used = (sizes <= limit) & (n_lefts > 0) & (n_right > 0)
        pos = np.flatnonzero(used[keys] & (recs < n_left))
        g = keys[pos]
        count = n_right[g]
        src = np.repeat(pos, count)
        dst = runs(starts[g] + n_lefts[g], count)
    names = list(codes)
    del codes
    rules: dict[str, int] = {}
    used_codes = np.flatnonzero((sizes >= 2) & (sizes <= limit))
    rule_of_code = np.zeros(len(names), dtype=np.int32)
    rule_of_code[used_codes] = [rules.setdefault(names[c].partition(":")[0], len(rules)) for c in used_codes.tolist()]
    del names
    if not len(src):
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, tuple(rules), np.zeros(0, dtype=np.int32)
    # One int64 per produced pair, ``i * width + j``: the arrays a million records produce are
    # large, so each is dropped as soon as what follows no longer needs it.
    width = max(len(right) if right is not None else n_left, 1)
    pair = recs[src] * width
    pair += recs[dst] - (n_left if right is not None else 0)
    del dst
    block = keys[src]  # the block that produced each
    del src
    if best is None:
        _, first = np.unique(pair, return_index=True)
    else:
        _, first, inverse = np.unique(pair, return_index=True, return_inverse=True)
        # Key evidence as the index's checks count it: each shared key log(1 + limit / block
        # size), here in whole 1/256ths so that a pair's sum is exact in any order.
        rarity = np.rint(256 * key_rarity(limit, sizes))
        evidence = np.bincount(inverse.ravel(), weights=rarity[block]).astype(np.int64)
        del inverse
        pi, pj = np.divmod(pair[first], width)
        ranks_l = tie_ranks([f.id for f in left])
        if right is None:  # a record's partners are on either side of its pairs
            m = len(pi)
            picked = _best_of_each(np.concatenate((pi, pj)), np.concatenate((pj, pi)), np.tile(evidence, 2), ranks_l, best)
            keep = picked[:m] | picked[m:]
        else:
            ranks_r = tie_ranks([f.id for f in right])
            keep = _best_of_each(pi, pj, evidence, ranks_r, best) | _best_of_each(pj, pi, evidence, ranks_l, best)
        del pi, pj, evidence
        first = first[keep]
    first.sort()
    i, j = np.divmod(pair[first], width)
    return i, j, tuple(rules), rule_of_code[block[first]]


def tie_ranks(ids: Sequence[str], /) -> IntArray:
    """Each id's place in the order that breaks ties between equally good candidates: by the
    id's CRC-32, then the id, as :class:`~dupguard.index.Index` checks do — spread over the ids
    rather than favouring the oldest, and the same whatever order the records came in.

    Examples:
        >>> tie_ranks(["a", "b", "c"]).tolist()
        [2, 1, 0]
    """
    crcs = np.fromiter(map(id_crc, ids), dtype=np.int64, count=len(ids))
    order = np.argsort(crcs, kind="stable")
    # ids sharing a CRC (a few in a million) go by the id
    heads = run_heads(crcs[order])
    ends = np.append(heads[1:], len(order))
    shared = ends - heads > 1
    for h, e in zip(heads[shared].tolist(), ends[shared].tolist(), strict=True):
        order[h:e] = sorted(order[h:e].tolist(), key=ids.__getitem__)
    ranks = np.empty(len(ids), dtype=np.int64)
    ranks[order] = np.arange(len(ids), dtype=np.int64)
    return ranks


_PACKED_BITS = 24  # records (and partners) a packed sort key can number: 16.7 million


def _best_of_each(rec: IntArray, partner: IntArray, evidence: IntArray, ranks: IntArray, k: int) -> npt.NDArray[np.bool_]:
    """Whether each pair is among the *k* of its record ``rec[t]`` that share the most key
    evidence with it (ties: the partner first in :func:`tie_ranks` order, *ranks*)."""
    n = len(rec)
    out = np.zeros(n, dtype=bool)
    if not n:
        return out
    top = (1 << 16) - 1
    if max(int(rec.max()), len(ranks)) < 1 << _PACKED_BITS:
        # one sort of one int64: record (24 bits), evidence descending (16), tie rank (24)
        key = rec << 40
        less = top - np.minimum(evidence, top)
        less <<= 24
        key |= less
        del less
        key |= ranks[partner]
        order = np.argsort(key)
        del key
    else:
        order = np.lexsort((ranks[partner], -np.minimum(evidence, top), rec))
    # each entry's place among its record's: its position minus its record's first position
    heads = run_heads(rec[order])
    place = np.zeros(n, dtype=np.int64)
    place[heads] = heads
    np.maximum.accumulate(place, out=place)
    place -= np.arange(n)
    out[order[place > -k]] = True
    return out


def run(
    data: object,
    /,
    *,
    right: object = None,
    schema: Schema | None = None,
    model: Model | None = None,
    block_limit: int | None = None,
    max_scored: int = MAX_SCORED,
    workers: int | None = None,
) -> BatchResult:
    """Extract, block and score a batch (and, for a link, a second batch).

    The cyclic garbage collector is paused for the call (and restored after): a batch builds
    millions of small acyclic objects, and full collections over them cost about a tenth of
    the run on 100k records.

    Examples:
        >>> r = run([{"id": 1, "email": "a@x.com"}, {"id": 2, "email": "A@X.COM"}])
        >>> r.ids, len(r.i), r.rules
        (('1', '2'), 1, ('email.email', 'org'))
    """
    with _gc.paused():
        _count_arg("max_scored", max_scored)
        return _run(data, right, schema, model, block_limit, max_scored, _workers_arg(workers))


def _run(
    data: object,
    right: object,
    schema: Schema | None,
    model: Model | None,
    block_limit: int | None,
    max_scored: int,
    workers: int | None,
) -> BatchResult:
    schema = schema or schema_of(data) or (model.schema if model is not None else Schema.customers())
    model = model or Model.default(schema)
    if model.schema != schema:
        raise InvalidModel(ModelReason.SCHEMA_MISMATCH, schema, "model was built for another schema")
    extractor = Extractor(schema)
    lp = _prepared(data, schema, extractor, workers)
    left, rejected = lp.features, list(lp.rejected)
    rfeats: tuple[Features, ...] | None = None
    if right is not None:
        rp = _prepared(right, schema, extractor, workers)
        rfeats = rp.features
        rejected += rp.rejected
    total = len(left) + (len(rfeats) if rfeats is not None else 0)
    limit = block_limit or schema.max_block_size or default_block_limit(total)
    i, j, rules, rule_of = _block_pairs(
        left, rfeats, limit, budget=max(_PAIRS_PER_RECORD * total, 10_000), best=max_scored
    )
    counts = _tf_counts(schema, left, *(() if rfeats is None else (rfeats,)))
    size = total if rfeats is None else max(len(left), len(rfeats))
    scorer = Scorer(model, counts, total, size=size)
    scored = _score_chunked(scorer, left, rfeats, i, j)
    return BatchResult(
        ids=tuple(f.id for f in left),
        right_ids=None if rfeats is None else tuple(f.id for f in rfeats),
        i=i,
        j=j,
        rules=rules,
        rule_of=rule_of,
        scored=scored,
        rejected=tuple(rejected),
        model=model,
        features=left,
        right_features=rfeats,
    )


def _score_chunked(
    scorer: Scorer, left: Sequence[Features], right: Sequence[Features] | None, i: IntArray, j: IntArray
) -> Scored:
    ca = scorer.columns(left)
    cb = ca if right is None else scorer.columns(right)
    nf = len(scorer.model.fields)
    if len(i) == 0:
        return Scored(np.zeros(0), np.zeros((0, nf), dtype=np.int8), np.zeros((0, nf)))
    starts = range(0, len(i), _CHUNK)
    parts = [scorer.score_columns(ca, cb, i[s : s + _CHUNK], j[s : s + _CHUNK]) for s in starts]
    return Scored(
        np.concatenate([p.weight for p in parts]),
        np.concatenate([p.levels for p in parts]),
        np.concatenate([p.field_weights for p in parts]),
        {s + t: fg for s, p in zip(starts, parts, strict=True) for t, fg in p.swaps.items()},
        frozenset((s + t, f) for s, p in zip(starts, parts, strict=True) for t, f in p.lifted),
    )


def _rejected_frame(rejected: Sequence[Rejected]) -> pd.DataFrame:
    import pandas as pd

    return pd.DataFrame(
        [(r.row, r.id, r.field, r.reason, r.message) for r in rejected],
        columns=["row", "id", "field", "reason", "message"],
    )


@_gc.pausing
def dedupe(
    data: object,
    /,
    *,
    schema: Schema | None = None,
    threshold: float = 0.9,
    model: Model | None = None,
    max_scored: int = MAX_SCORED,
    workers: int | None = None,
) -> pd.DataFrame:
    """Cluster duplicate records of one list.

    Args:
        data: a pandas DataFrame or an iterable of mappings, each with an id.
        schema: the columns' kinds (default :meth:`Schema.customers`).
        threshold: pairs at or above this match probability are linked.
        model: match parameters (default :meth:`Model.default` for the schema).
        max_scored: each record is scored against at least its this many likeliest partners
            among those sharing a blocking key with it — most shared key evidence first, rare
            keys counting more, as an :class:`~dupguard.index.Index` check picks — and a pair
            is scored when either record picks the other. Raise it to score more of the
            members of large, weak blocks (a common surname and initial).
        workers: processes normalizing a list of 50,000 rows or more, the calling one
            included (``None``: one per available core; ``1``: none started). The result
            does not depend on it.

    Returns:
        A DataFrame ``id, cluster_id`` with one row per accepted record; ``cluster_id`` is the
        smallest id in the cluster (deterministic, independent of row order). Rows that were
        rejected (no id, a duplicate id, a value of the wrong type) are listed in
        ``result.attrs["rejected"]`` (columns ``row, id, field, reason, message``);
        ``result.attrs["candidate_pairs"]`` counts the pairs blocking produced and scored.

    Examples:
        >>> rows = [{"id": "a", "company": "Acme Ltd", "email": "bob@acme.com"},
        ...         {"id": "b", "company": "ACME LIMITED", "email": "Bob@Acme.com"},
        ...         {"id": "c", "company": "Bolt GmbH"},
        ...         {"company": "no id"}]
        >>> out = dedupe(rows)
        >>> out.values.tolist()
        [['a', 'a'], ['b', 'a'], ['c', 'c']]
        >>> out.attrs["rejected"]["reason"].tolist()
        ['missing_id']
    """
    import pandas as pd

    res = run(data, schema=schema, model=model, max_scored=max_scored, workers=workers)
    keep = res.probability >= threshold
    labels = clusters(
        res.ids, res.i[keep], res.j[keep], res.scored.weight[keep], threshold=threshold,
        apart=_contradictions(res.model, res.features, res.i, res.j, res.scored),
    )
    out = pd.DataFrame({"id": list(res.ids), "cluster_id": labels})
    out.attrs["rejected"] = _rejected_frame(res.rejected)
    out.attrs["candidate_pairs"] = len(res.i)
    return out


def _contradictions(
    model: Model, features: Sequence[Features], i: IntArray, j: IntArray, scored: Scored
) -> tuple[IntArray, IntArray]:
    """Scored pairs that are two customers for clustering's purposes: a company field compared
    as different between two names in one script (韵达 / 运达: Han names that differ are two
    companies, however alike their pinyin), on a pair scored below even odds. A Han name and a
    Latin one that do not transliterate say less (the English may be a translation), so they
    are not counted."""
    levels, weight = scored.levels, scored.weight
    bad = np.zeros(len(i), dtype=bool)
    for f, fp in enumerate(model.fields):
        if fp.kind != "company":
            continue
        han = np.fromiter((has_han(r.fields[f].text) for r in features), dtype=bool, count=len(features))
        bad |= (levels[:, f] == Level.DIFFERENT) & (han[i] == han[j])
    bad &= weight < 0
    return i[bad], j[bad]


@_gc.pausing
def link(
    left: object,
    right: object,
    /,
    *,
    schema: Schema | None = None,
    threshold: float = 0.9,
    model: Model | None = None,
    max_scored: int = MAX_SCORED,
    workers: int | None = None,
) -> pd.DataFrame:
    """Pairs of records, one from each list, that are the same customer.

    The keyword arguments are :func:`dedupe`'s; ``max_scored`` counts a record's partners on
    the other list.

    Returns:
        A DataFrame ``id_l, id_r, probability, weight`` of pairs at or above *threshold*, best
        first; rejected rows of either list in ``result.attrs["rejected"]``.

    Examples:
        >>> l = [{"id": 1, "company": "Acme", "phone": "+44 20 7946 0958"}]
        >>> r = [{"id": "x", "company": "ACME Ltd.", "phone": "020 7946 0958"},
        ...      {"id": "y", "company": "Zeta"}]
        >>> link(l, r, schema=Schema({"company": "company", "phone": "phone"}, region="GB"))[["id_l", "id_r"]].values.tolist()
        [['1', 'x']]
    """
    import pandas as pd

    res = run(left, right=right, schema=schema, model=model, max_scored=max_scored, workers=workers)
    assert res.right_ids is not None
    p = res.probability
    keep = np.flatnonzero(p >= threshold)
    order = keep[np.lexsort((res.j[keep], res.i[keep], -res.scored.weight[keep]))]
    out = pd.DataFrame(
        {
            "id_l": [res.ids[t] for t in res.i[order]],
            "id_r": [res.right_ids[t] for t in res.j[order]],
            "probability": p[order],
            "weight": res.scored.weight[order],
        }
    )
    out.attrs["rejected"] = _rejected_frame(res.rejected)
    out.attrs["candidate_pairs"] = len(res.i)
    return out


@_gc.pausing
def pairs(
    data: object,
    /,
    *,
    right: object = None,
    schema: Schema | None = None,
    threshold: float = 0.0,
    model: Model | None = None,
    max_scored: int = MAX_SCORED,
    workers: int | None = None,
) -> pd.DataFrame:
    """Every scored candidate pair with its explanation, best first.

    The keyword arguments are :func:`dedupe`'s (*right*: a second list, as for :func:`link`);
    the pairs are those ``max_scored`` lets through, at or above *threshold*.

    Returns:
        A DataFrame ``id_l, id_r, probability, weight, rule`` followed by, per field *f*,
        ``<f>_level`` and ``<f>_weight``; rejected rows in ``result.attrs["rejected"]``.

    Examples:
        >>> df = pairs([{"id": 1, "contact": "张伟"}, {"id": 2, "contact": "Wei ZHANG"}])
        >>> df[["id_l", "id_r", "rule", "contact_level"]].values.tolist()
        [['1', '2', 'contact.name', 'exact']]
    """
    import pandas as pd

    res = run(data, right=right, schema=schema, model=model, max_scored=max_scored, workers=workers)
    rids = res.right_ids if res.right_ids is not None else res.ids
    p = res.probability
    keep = np.flatnonzero(p >= threshold)
    order = keep[np.lexsort((res.j[keep], res.i[keep], -res.scored.weight[keep]))]
    cols: dict[str, object] = {
        "id_l": [res.ids[t] for t in res.i[order]],
        "id_r": [rids[t] for t in res.j[order]],
        "probability": p[order],
        "weight": res.scored.weight[order],
        "rule": [res.rules[t] for t in res.rule_of[order]],
    }
    for f, fp in enumerate(res.model.fields):
        cols[f"{fp.name}_level"] = [Level(int(x)).label for x in res.scored.levels[order, f]]
        cols[f"{fp.name}_weight"] = res.scored.field_weights[order, f]
    out = pd.DataFrame(cols)
    out.attrs["rejected"] = _rejected_frame(res.rejected)
    return out


# --- estimation -------------------------------------------------------------------------------


@_gc.pausing
def fit_model(
    start: Model, data: object, *, right: object = None, max_pairs: int, iterations: int, seed: int
) -> Model:
    """u by random sampling, then m and λ by EM over blocked pairs (see :meth:`Model.fit`)."""
    schema = start.schema
    extractor = Extractor(schema)
    feats = _prepared(data, schema, extractor).features
    rfeats = None if right is None else _prepared(right, schema, extractor).features
    rng = np.random.default_rng(seed)
    n = len(feats)
    if rfeats is None:
        if n < 3:
            raise InvalidModel(ModelReason.NOT_ENOUGH_DATA, n, "need at least 3 records")
        scorer = Scorer(start, _tf_counts(schema, feats), n)
        cols = rcols = scorer.columns(feats)
        total_pairs = n * (n - 1) // 2
        k = min(max_pairs, total_pairs)
        a = rng.integers(0, n, size=k * 2)
        b = rng.integers(0, n, size=k * 2)
        ok = a != b
        a, b = np.minimum(a[ok], b[ok])[:k], np.maximum(a[ok], b[ok])[:k]
        limit = schema.max_block_size or default_block_limit(n)
    else:
        if not n or not rfeats or n + len(rfeats) < 3:
            raise InvalidModel(ModelReason.NOT_ENOUGH_DATA, (n, len(rfeats)), "need records on both sides, 3 in all")
        scorer = Scorer(start, _tf_counts(schema, feats, rfeats), n + len(rfeats))
        cols, rcols = scorer.columns(feats), scorer.columns(rfeats)
        total_pairs = n * len(rfeats)
        k = min(max_pairs, total_pairs)
        a, b = rng.integers(0, n, size=k), rng.integers(0, len(rfeats), size=k)
        limit = schema.max_block_size or default_block_limit(n + len(rfeats))
    rand = scorer.score_columns(cols, rcols, a, b).levels
    u = {fp.name: level_frequencies(fp.kind, rand[:, f]) for f, fp in enumerate(start.fields)}
    model = start.with_params(u=u)

    bi, bj, _, _ = _block_pairs(feats, rfeats, limit)
    if len(bi) == 0:
        return model
    n_blocked = len(bi)
    if n_blocked > max_pairs:
        # EM needs the comparison patterns' frequencies, which a uniform sample estimates.
        keep = np.sort(rng.choice(len(bi), size=max_pairs, replace=False))
        bi, bj = bi[keep], bj[keep]
    levels = scorer.score_columns(cols, rcols, bi, bj).levels
    # One int per comparison vector (3 bits a field), so np.unique sorts a flat array.
    if levels.shape[1] <= 21:
        shifts = np.arange(levels.shape[1], dtype=np.int64) * 3
        codes = (levels.astype(np.int64) << shifts).sum(axis=1)
        _, first, counts = np.unique(codes, return_index=True, return_counts=True)
        patterns = levels[first]
    else:
        patterns, counts = np.unique(levels, axis=0, return_counts=True)
    cw = counts.astype(np.float64)
    m_tab = np.array([[dict(fp.m).get(lv, 1e-6) for lv in Level] for fp in model.fields])
    u_tab = np.array([[dict(fp.u).get(lv, 1e-6) for lv in Level] for fp in model.fields])
    p = 0.5
    fields_idx = np.arange(len(model.fields))
    for _ in range(iterations):
        lm = np.log(m_tab[fields_idx, patterns]).sum(axis=1, where=patterns != Level.MISSING)
        lu = np.log(u_tab[fields_idx, patterns]).sum(axis=1, where=patterns != Level.MISSING)
        logit = np.log(p) - np.log1p(-p) + lm - lu
        post = 1.0 / (1.0 + np.exp(-np.clip(logit, -700, 700)))
        wpost = post * cw
        new_p = float(np.clip(wpost.sum() / cw.sum(), 1e-9, 1 - 1e-9))
        new_m = m_tab.copy()
        for f, fp in enumerate(model.fields):
            freqs = level_frequencies(fp.kind, patterns[:, f], wpost)
            for lv, q in freqs.items():
                new_m[f, lv] = q
        done = abs(new_p - p) < 1e-6 and np.allclose(new_m, m_tab, atol=1e-6)
        p, m_tab = new_p, new_m
        if done:
            break
    m = {
        fp.name: {lv: float(m_tab[f, lv]) for lv, _ in fp.m} for f, fp in enumerate(model.fields)
    }
    prior = float(np.clip(p * n_blocked / total_pairs, 1e-12, 0.5))
    return model.with_params(m=m, prior=prior)


def fit_labelled(
    start: Model,
    labelled: Iterable[tuple[Mapping[str, object], Mapping[str, object], bool]],
    *,
    prior: float | None,
) -> Model:
    """m from labelled duplicates, u from labelled non-duplicates (see :meth:`Model.fit_labels`)."""
    schema = start.schema
    extractor = Extractor(schema)
    lefts: list[Features] = []
    rights: list[Features] = []
    labels: list[bool] = []
    for a, b, is_dup in labelled:
        lefts.append(extractor.features(a))
        rights.append(extractor.features(b))
        labels.append(bool(is_dup))
    y = np.asarray(labels, dtype=bool)
    if not y.any() or y.all():
        raise InvalidModel(ModelReason.NOT_ENOUGH_DATA, len(labels), "need duplicates and non-duplicates")
    counts = _tf_counts(schema, lefts, rights)
    scorer = Scorer(start, counts, len(lefts) + len(rights))
    idx = np.arange(len(lefts), dtype=np.int64)
    levels = scorer.score(lefts, rights, idx, idx).levels
    m = {fp.name: level_frequencies(fp.kind, levels[y, f]) for f, fp in enumerate(start.fields)}
    u = {fp.name: level_frequencies(fp.kind, levels[~y, f]) for f, fp in enumerate(start.fields)}
    return start.with_params(m=m, u=u, prior=prior)
