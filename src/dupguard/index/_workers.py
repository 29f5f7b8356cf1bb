"""Feature extraction of a big batch in worker processes, one part of the list each.

Normalizing every field of every record is about half of a batch call, and it is per-record
Python work: the list is cut into contiguous parts, the calling process extracts the first and
one fresh interpreter per other part extracts the rest (``python -m dupguard.index._workers``:
no fork of a process that may hold other threads' locks, and no re-import of the caller's
``__main__``, which a ``multiprocessing`` spawn does). A worker reads its schema and rows from a
pickle file and extracts them in pieces of :data:`PIECE` rows; it writes each piece as one
``marshal`` buffer of plain tuples to a file of its own — a ``FieldData`` shared by many records
of the piece (a memoised value, an empty field) is sent once and rebuilt once — and then names
the piece on its standard output. So the caller decodes the pieces done while the worker is
still extracting the rest, instead of the whole part after it. Anything that goes wrong in a
worker — it cannot start, imports another copy of dupguard, dies — and the caller extracts the
rows the worker did not deliver itself, after a ``RuntimeWarning``: the result is the same,
only slower.
"""

from __future__ import annotations

import marshal
import operator
import os
import pickle
import subprocess
import sys
from collections.abc import Iterator, Sequence
from typing import Any

from dupguard.index._features import Features, FieldData
from dupguard.index._schema import Schema

__all__ = ["PIECE", "Part", "Worker", "available_cores", "decode", "encode"]

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


#: Rows a worker extracts, encodes and hands over at a time.
PIECE = 25_000


class Worker:
    """A worker process extracting ``rows`` (the list's rows from *offset* on) in pieces; its
    input, output and error stream are files under *directory*.

    Files for the data, not pipes: a pipe is fed and drained a few KiB at a time by a thread
    that needs the interpreter lock, which the caller holds while it extracts its own part — the
    worker would wait on it for seconds. Only the pieces' numbers, a few bytes each, go through
    the worker's standard output, which the caller reads once its own part is done.
    """

    __slots__ = ("_err", "_prefix", "_proc", "offset", "piece", "stop")

    def __init__(
        self, schema: Schema, rows: list[Any], offset: int, directory: str, *, piece: int | None = None
    ) -> None:
        piece = piece or PIECE
        src = os.path.join(directory, f"rows-{offset}.pickle")
        with open(src, "wb") as fh:
            pickle.dump((schema, rows, offset, piece), fh, protocol=pickle.HIGHEST_PROTOCOL)
        self.offset, self.stop, self.piece = offset, offset + len(rows), piece
        self._prefix = os.path.join(directory, f"features-{offset}")
        self._err = os.path.join(directory, f"stderr-{offset}.txt")
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(p for p in sys.path if p)
        with open(self._err, "wb") as err:
            self._proc = subprocess.Popen(
                [sys.executable, "-m", "dupguard.index._workers", src, self._prefix],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=err,
                env=env,
            )

    def pieces(self) -> Iterator[tuple[int, int, Part]]:
        """``(start, stop, part)`` for each piece, in order, as the worker finishes it; raises
        :class:`RuntimeError` after the last piece delivered when the worker did not deliver
        them all (whatever the reason: the rows from the last *stop* on are left undone)."""
        assert self._proc.stdout is not None
        done = self.offset
        for line in self._proc.stdout:  # blocks until the worker names its next piece
            if line.strip() != str(done).encode():
                continue  # not the protocol: something else wrote to the worker's stdout
            with open(_piece_path(self._prefix, done), "rb") as fh:
                part = decode(fh.read())
            stop = min(done + self.piece, self.stop)
            yield done, stop, part
            done = stop
        code = self._proc.wait()
        if code != 0 or done != self.stop:
            with open(self._err, "rb") as fh:
                tail = fh.read().decode("utf-8", "replace").strip().splitlines()[-1:] or ["no message"]
            raise RuntimeError(f"extraction worker exited with {code}: {tail[0]}")

    def kill(self) -> None:
        """Stop the worker if it still runs (after a failure: its remaining rows are redone)."""
        if self._proc.poll() is None:
            self._proc.kill()
        self._proc.wait()
        if self._proc.stdout is not None:
            self._proc.stdout.close()


def _piece_path(prefix: str, start: int) -> str:
    """The file of the piece starting at row *start*: what the worker writes, the caller reads."""
    return f"{prefix}-{start}.marshal"


def _main(src: str, prefix: str) -> None:
    """A worker: schema, rows, offset and piece size pickled in *src* → one :func:`encode`
    buffer per piece in ``{prefix}-{start}.marshal``, each piece's start row printed once the
    file is complete."""
    import gc

    from dupguard.index._batch import extract_rows
    from dupguard.index._features import Extractor

    gc.disable()  # as the batch calls do: millions of acyclic objects, alive until the end
    with open(src, "rb") as fh:
        schema, rows, offset, piece = pickle.load(fh)
    extractor = Extractor(schema)  # one memo for every piece
    for a in range(0, len(rows), piece):
        start = offset + a
        accepted, rejected = extract_rows(rows[a : a + piece], extractor, offset=start)
        bad = [(r.row, r.id, r.field, r.reason, r.message) for r in rejected]
        path = _piece_path(prefix, start)
        with open(path + ".part", "wb") as fh:
            fh.write(encode(accepted, bad))
        os.replace(path + ".part", path)
        sys.stdout.write(f"{start}\n")
        sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)  # the objects die with the process: no second spent freeing them one by one


if __name__ == "__main__":
    _main(sys.argv[1], sys.argv[2])
