"""Clustering: connected components of accepted pairs, with a guard against chaining.

Rule (documented in docs/matching.md): records linked by pairs at or above the threshold form
connected components. Inside a component of four or more records, a *bridge* — a link whose
removal splits the component — is cut when its weight is below ``strong`` bits (default 10,
i.e. probability ≈ 0.999) and each side keeps at least two records. Two well-supported groups held
together by one doubtful link (A ≈ B strongly, C ≈ D strongly, B ~ C weakly) thus stay apart,
while a single record joining a group, or any strongly supported bridge, is kept.

Then *contradictions*: pairs the caller knows are two customers (for ``dedupe``: two company names
in one script compared as different, e.g. 韵达 / 运达, which share a pinyin). A cluster holding
both records of a contradiction is rebuilt from its own links, strongest first (ties by the two
ids), merging two groups only by a link of at least ``strong`` bits or when no contradiction
spans them. So weak links through an ambiguous record (``YUNDA Holding`` fits both) no longer
chain two companies, while a strong link (a shared mailbox) still wins.

Cluster ids are the smallest record id (as text) in each cluster: deterministic and independent
of row order.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

__all__ = ["STRONG_WEIGHT", "clusters"]

#: Bridges at or above this match weight (bits) are never cut.
STRONG_WEIGHT = 10.0


def _find(parent: list[int], x: int) -> int:
    root = x
    while parent[root] != root:
        root = parent[root]
    while parent[x] != root:
        parent[x], x = root, parent[x]
    return root


def _components(n: int, edges: Sequence[tuple[int, int]]) -> list[int]:
    parent = list(range(n))
    for a, b in edges:
        ra, rb = _find(parent, a), _find(parent, b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    return [_find(parent, x) for x in range(n)]


def _bridges(nodes: list[int], adj: dict[int, list[tuple[int, int]]]) -> set[int]:
    """Edge indices that are bridges of the graph on *nodes* (iterative Tarjan)."""
    disc: dict[int, int] = {}
    low: dict[int, int] = {}
    out: set[int] = set()
    timer = 0
    for start in nodes:
        if start in disc:
            continue
        disc[start] = low[start] = timer
        timer += 1
        stack: list[tuple[int, int, int]] = [(start, -1, 0)]
        while stack:
            v, via, k = stack[-1]
            if k < len(adj[v]):
                stack[-1] = (v, via, k + 1)
                w, e = adj[v][k]
                if e == via:
                    continue
                if w in disc:
                    low[v] = min(low[v], disc[w])
                else:
                    disc[w] = low[w] = timer
                    timer += 1
                    stack.append((w, e, 0))
            else:
                stack.pop()
                if stack:
                    parent = stack[-1][0]
                    low[parent] = min(low[parent], low[v])
                    if low[v] > disc[parent]:
                        out.add(via)
    return out


def _reach(start: int, adj: dict[int, list[tuple[int, int]]], skip: int) -> int:
    """How many nodes *start* reaches without crossing edge *skip*."""
    seen = {start}
    todo = [start]
    while todo:
        v = todo.pop()
        for w, e in adj[v]:
            if e != skip and w not in seen:
                seen.add(w)
                todo.append(w)
    return len(seen)


def clusters(
    ids: Sequence[str],
    i: npt.NDArray[np.int64],
    j: npt.NDArray[np.int64],
    weight: npt.NDArray[np.float64],
    *,
    threshold: float,
    strong: float = STRONG_WEIGHT,
    apart: tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]] | None = None,
) -> list[str]:
    """Cluster id (smallest member id) for every record, from accepted pairs ``(i, j)``.

    *apart* lists contradictions ``(a[t], b[t])``: pairs known to be two customers, kept apart
    unless a strong link joins their groups (see the module docstring).

    Examples:
        >>> import numpy as np
        >>> ids = ["a", "b", "c", "d", "e"]
        >>> i, j = np.array([0, 2, 1]), np.array([1, 3, 2])
        >>> clusters(ids, i, j, np.array([20.0, 20.0, 4.0]), threshold=0.9)   # b–c is weak
        ['a', 'a', 'c', 'c', 'e']
        >>> clusters(ids, i, j, np.array([20.0, 20.0, 15.0]), threshold=0.9)
        ['a', 'a', 'a', 'a', 'e']

        A record fitting two others that contradict each other joins the stronger link only:

        >>> i, j = np.array([0, 1]), np.array([1, 2])           # a ~ b (5 bits), b ~ c (4 bits)
        >>> clusters(ids[:3], i, j, np.array([5.0, 4.0]), threshold=0.9,
        ...          apart=(np.array([0]), np.array([2])))      # a and c are two customers
        ['a', 'a', 'c']
    """
    n = len(ids)
    edges = list(zip(i.tolist(), j.tolist(), strict=True))
    roots = _components(n, edges)
    sizes: dict[int, int] = {}
    for r in roots:
        sizes[r] = sizes.get(r, 0) + 1
    big = {r for r, s in sizes.items() if s >= 4}
    cut: set[int] = set()
    if big:
        adj: dict[int, list[tuple[int, int]]] = {}
        for e, (a, b) in enumerate(edges):
            if roots[a] in big:
                adj.setdefault(a, []).append((b, e))
                adj.setdefault(b, []).append((a, e))
        for e in _bridges(sorted(adj), adj):
            if weight[e] >= strong:
                continue
            a, _ = edges[e]
            side_a = _reach(a, adj, e)
            if side_a >= 2 and sizes[roots[a]] - side_a >= 2:
                cut.add(e)
        if cut:
            roots = _components(n, [x for k, x in enumerate(edges) if k not in cut])
    if apart is not None and len(apart[0]):
        roots = _keep_apart(ids, roots, edges, weight, cut, apart, strong)
    smallest: dict[int, str] = {}
    for x, r in enumerate(roots):
        cur = smallest.get(r)
        if cur is None or ids[x] < cur:
            smallest[r] = ids[x]
    return [smallest[r] for r in roots]


def _keep_apart(
    ids: Sequence[str],
    roots: list[int],
    edges: list[tuple[int, int]],
    weight: npt.NDArray[np.float64],
    cut: set[int],
    apart: tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]],
    strong: float,
) -> list[int]:
    """Rebuild the clusters that hold both records of a contradiction (see the module docstring)."""
    partners: dict[int, set[int]] = {}
    hit: set[int] = set()
    for a, b in zip(apart[0].tolist(), apart[1].tolist(), strict=True):
        if roots[a] == roots[b] and a != b:
            hit.add(roots[a])
            partners.setdefault(a, set()).add(b)
            partners.setdefault(b, set()).add(a)
    if not hit:
        return roots
    out = list(roots)
    parent: dict[int, int] = {}
    members: dict[int, list[int]] = {}
    own: list[tuple[float, str, str, int, int]] = []
    for e, (a, b) in enumerate(edges):
        if e not in cut and roots[a] in hit:
            x, y = sorted((a, b), key=lambda v: ids[v])
            own.append((-float(weight[e]), ids[x], ids[y], x, y))
    for x, r in enumerate(roots):
        if r in hit:
            parent[x] = x
            members[x] = [x]

    def find(v: int) -> int:
        while parent[v] != v:
            parent[v] = parent[parent[v]]
            v = parent[v]
        return v

    for neg_w, _, _, a, b in sorted(own):
        ra, rb = find(a), find(b)
        if ra == rb:
            continue
        if -neg_w < strong:
            small, other = (ra, rb) if len(members[ra]) <= len(members[rb]) else (rb, ra)
            if any(find(p) == other for v in members[small] for p in partners.get(v, ())):
                continue
        keep, gone = (ra, rb) if ids[ra] <= ids[rb] else (rb, ra)
        parent[gone] = keep
        members[keep] += members.pop(gone)
    for x in parent:
        out[x] = find(x)
    return out
