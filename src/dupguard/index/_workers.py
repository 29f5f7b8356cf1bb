"""Feature extraction of a big batch in worker processes, one part of the list each.

Normalizing every field of every record is about half of a batch call, and it is per-record
Python work: the list is cut into contiguous parts, the calling process extracts the first and
one fresh interpreter per other part extracts the rest (``python -m dupguard.index._workers``:
no fork of a process that may hold other threads' locks, and no re-import of the caller's
``__main__``, which a ``multiprocessing`` spawn does). Each worker receives its schema and rows
pickled on stdin and answers on stdout with one ``marshal`` buffer of plain tuples: a
``FieldData`` shared by many records (a memoised value, an empty field) is sent once and
rebuilt once. Anything that goes wrong in a worker — it cannot start, imports another copy of
dupguard, dies — and the caller extracts that part itself, after a ``RuntimeWarning``: the
result is the same, only slower.
"""

from __future__ import annotations

import marshal
import operator
import os
import pickle
import subprocess
import sys
from collections.abc import Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

from dupguard.index._features import Features, FieldData
from dupguard.index._schema import Schema

__all__ = ["Part", "available_cores", "decode", "encode", "start"]

#: What a worker sends back: its dupguard's path, then ``(row, id, blocks, fields)`` per
#: accepted record (each field a tuple of FieldData's attributes) and ``(row, id, field,
#: reason, message)`` per rejected row.
Part = tuple[list[tuple[int, Features]], list[tuple[int, str | None, str | None, str, str]]]

_FIELD_ATTRS = ("keys", "text", "alt", "aux", "shown", "blocks", "region", "industry", "trade", "generic")
_attrs = operator.attrgetter(*_FIELD_ATTRS)


def available_cores() -> int:
    """The CPU cores this process may run on (its affinity mask where the OS has one).

    Examples:
        >>> available_cores() >= 1
        True
    """
    affinity = getattr(os, "sched_getaffinity", None)
    if affinity is not None:
        return max(len(affinity(0)), 1)
    return max(os.cpu_count() or 1, 1)


def encode(accepted: Sequence[tuple[int, Features]], rejected: Sequence[tuple[Any, ...]], /) -> bytes:
    """One buffer of plain tuples for *accepted* ``(row, Features)`` and *rejected* rows.

    Examples:
        >>> from dupguard.index._features import EMPTY
        >>> f = Features("7", (EMPTY, EMPTY), ("email.email:a",))
        >>> [(r, x.id, x.blocks, x.fields[0] is x.fields[1]) for r, x in decode(encode([(3, f)], []))[0]]
        [(3, '7', ('email.email:a',), True)]
    """
    as_tuple: dict[int, tuple[Any, ...]] = {}
    keep: list[FieldData] = []  # ids stay unique while the FieldData objects are alive

    def plain(fd: FieldData) -> tuple[Any, ...]:
        got = as_tuple.get(id(fd))
        if got is None:
            got = as_tuple[id(fd)] = _attrs(fd)
            keep.append(fd)
        return got

    rows = [(row, f.id, f.blocks, tuple(map(plain, f.fields))) for row, f in accepted]
    return marshal.dumps((_package_path(), rows, list(rejected)))


def decode(buffer: bytes, /) -> Part:
    """The records and rejected rows of an :func:`encode` buffer (a field sent once is rebuilt
    once). Raises ``ValueError`` when the buffer came from another copy of dupguard."""
    path, rows, rejected = marshal.loads(buffer)
    if path != _package_path():
        raise ValueError(f"the worker imported dupguard from {path}, not {_package_path()}")
    built: dict[int, FieldData] = {}

    def field(t: tuple[Any, ...]) -> FieldData:
        fd = built.get(id(t))
        if fd is None:
            fd = built[id(t)] = FieldData(*t)
        return fd

    accepted = [(row, Features(rid, tuple(map(field, fields)), blocks)) for row, rid, blocks, fields in rows]
    return accepted, [(int(r[0]), r[1], r[2], str(r[3]), str(r[4])) for r in rejected]


def _package_path() -> str:
    import dupguard

    return os.path.dirname(os.path.abspath(dupguard.__file__ or ""))


def start(pool: ThreadPoolExecutor, schema: Schema, rows: list[Any], offset: int, directory: str) -> Future[bytes]:
    """Start a worker on *rows* (the list's rows from *offset* on), its input and output in
    files under *directory*; the future gives the :func:`encode` buffer, or raises when the
    worker failed.

    Files, not pipes: a pipe is fed and drained a few KiB at a time by a thread that needs the
    interpreter lock, which the caller holds while it extracts its own part — the worker would
    wait on it for seconds.
    """
    src = os.path.join(directory, f"rows-{offset}.pickle")
    with open(src, "wb") as fh:
        pickle.dump((schema, rows, offset), fh, protocol=pickle.HIGHEST_PROTOCOL)
    return pool.submit(_run_worker, src, os.path.join(directory, f"features-{offset}.marshal"))


def _run_worker(src: str, dst: str) -> bytes:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in sys.path if p)
    proc = subprocess.run(
        [sys.executable, "-m", "dupguard.index._workers", src, dst],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=env,
        check=False,
    )
    if proc.returncode != 0:
        tail = proc.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or ["no message"]
        raise RuntimeError(f"extraction worker exited with {proc.returncode}: {tail[0]}")
    with open(dst, "rb") as fh:
        return fh.read()


def _main(src: str, dst: str) -> None:
    """A worker: schema and rows pickled in *src* → the :func:`encode` buffer in *dst*."""
    import gc

    from dupguard.index._batch import extract_rows

    gc.disable()  # as the batch calls do: millions of acyclic objects, alive until the end
    with open(src, "rb") as fh:
        schema, rows, offset = pickle.load(fh)
    accepted, rejected = extract_rows(rows, schema, offset=offset)
    bad = [(r.row, r.id, r.field, r.reason, r.message) for r in rejected]
    with open(dst, "wb") as fh:
        fh.write(encode(accepted, bad))
    sys.stderr.flush()
    os._exit(0)  # the objects die with the process: no second spent freeing them one by one


if __name__ == "__main__":
    _main(sys.argv[1], sys.argv[2])
