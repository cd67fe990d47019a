"""Node positions computed in Python, so the browser draws at once instead of simulating.

Small graphs get NetworkX's spring layout (good-looking, fast below a few hundred nodes). Large
graphs get a particle-mesh force layout: springs along edges plus a repulsion field computed from
a density grid by FFT, so each step costs O(nodes + edges + grid) instead of O(nodes²) — a 10,000
node, 30,000 edge graph lays out in about a second where spring_layout takes minutes. Nothing is
clipped to a box (clipping piled nodes up along its sides, a visible square frame): the grid
follows the nodes' bounding box, and isolated nodes and tiny components are packed in rows
under the rest instead of being pushed out by it.
"""

from __future__ import annotations

from collections.abc import Hashable

import networkx as nx
import numpy as np

SPRING_MAX_NODES = 400  # above this, spring_layout's dense O(n²) steps get slow
SCALE = 1000.0  # vis-network canvas units; spacing tuned for default node sizes


def compute_layout(graph: nx.Graph, *, seed: int = 7) -> dict[Hashable, tuple[float, float]]:
    """Positions in canvas units for every node; deterministic for a given graph and seed."""
    nodes = list(graph.nodes)
    if not nodes:
        return {}
    if len(nodes) <= SPRING_MAX_NODES:
        simple = nx.Graph(graph.to_undirected(as_view=True))
        raw = nx.spring_layout(simple, seed=seed, iterations=80)
        xy = np.array([raw[n] for n in nodes], dtype=float)
        spread = SCALE * max(1.0, np.sqrt(len(nodes)) / 6)
        pairs = zip(nodes, _normalise(xy) * spread, strict=True)
        return {n: (round(float(x), 1), round(float(y), 1)) for n, (x, y) in pairs}
    main, small = _split_components(graph)
    xy = _separate(_normalise(mesh_layout(graph, main, seed=seed)) * SCALE * np.sqrt(len(main)) / 8)
    out = {n: (round(float(x), 1), round(float(y), 1)) for n, (x, y) in zip(main, xy, strict=True)}
    out.update(_pack_rows(small, left=float(xy[:, 0].min()), width=float(np.ptp(xy[:, 0])),
                          top=float(xy[:, 1].max()) + SCALE * 0.3))
    return out


def _separate(xy: np.ndarray, cell: float = 24.0) -> np.ndarray:
    """Nodes the grid could not tell apart (same neighbours, same cell) land on one point: put
    those sharing a cell on a small circle around it."""
    keys = np.floor(xy / cell).astype(np.int64)
    _, group, counts = np.unique(keys, axis=0, return_inverse=True, return_counts=True)
    group = group.ravel()
    out = xy.copy()
    seen: dict[int, int] = {}
    for i in np.flatnonzero(counts[group] > 1):
        k = seen[group[i]] = seen.get(group[i], -1) + 1
        angle = 2 * np.pi * k / counts[group[i]]
        out[i] += cell * 0.6 * np.array([np.cos(angle), np.sin(angle)])
    return out


TINY_COMPONENT = 3  # components this small are packed in rows under the main layout
CELL = 90.0  # canvas units between packed nodes


def _split_components(graph: nx.Graph) -> tuple[list[Hashable], list[list[Hashable]]]:
    """Nodes of the components bigger than TINY_COMPONENT; the tiny components, biggest first."""
    found = (nx.weakly_connected_components(graph) if graph.is_directed()
             else nx.connected_components(graph))
    parts = sorted((sorted(c, key=str) for c in found), key=lambda c: (-len(c), str(c[0])))
    main = [n for c in parts if len(c) > TINY_COMPONENT for n in c]
    small = [c for c in parts if len(c) <= TINY_COMPONENT]
    if not main:  # nothing but tiny components: the first half is the main part
        half = len(small) // 2 + 1
        main, small = [n for c in small[:half] for n in c], small[half:]
    return main, small


def _pack_rows(
    parts: list[list[Hashable]], *, left: float, width: float, top: float
) -> dict[Hashable, tuple[float, float]]:
    """Tiny components side by side in rows as wide as the main layout, nodes CELL apart."""
    out: dict[Hashable, tuple[float, float]] = {}
    x, y = left, top
    for part in parts:
        if x + CELL * len(part) > left + max(width, CELL * 8):
            x, y = left, y + CELL
        for node in part:
            out[node] = (round(x, 1), round(y, 1))
            x += CELL * 0.8
        x += CELL * 0.5
    return out


def _normalise(xy: np.ndarray) -> np.ndarray:
    centred = xy - xy.mean(axis=0)
    extent = float(np.abs(centred).max()) or 1.0
    return centred / extent


def _edge_index(graph: nx.Graph, nodes: list[Hashable]) -> tuple[np.ndarray, np.ndarray]:
    index = {n: i for i, n in enumerate(nodes)}
    pairs = {(index[u], index[v]) for u, v in graph.edges() if u != v and u in index
             and v in index}
    if not pairs:
        return np.zeros(0, dtype=int), np.zeros(0, dtype=int)
    arr = np.array(sorted(pairs), dtype=int)
    return arr[:, 0], arr[:, 1]


def mesh_layout(
    graph: nx.Graph, nodes: list[Hashable], *, seed: int = 7, iterations: int = 120,
    grid: int = 128,
) -> np.ndarray:
    """Fruchterman-Reingold-style layout, about the unit square, with grid-based repulsion."""
    rng = np.random.default_rng(seed)
    n = len(nodes)
    src, dst = _edge_index(graph, nodes)
    xy = rng.random((n, 2))
    k = 1.0 / np.sqrt(n)  # ideal edge length for n nodes in the unit square
    kernel = _repulsion_kernel(grid)
    temperature = 0.1
    for _ in range(iterations):
        low = xy.min(axis=0)
        size = float((xy.max(axis=0) - low).max()) or 1.0
        # The density grid spans the bounding box, so forces are scaled back from its units.
        force = _mesh_repulsion((xy - low) / size, kernel, grid) * k * k / size
        force += _spring_attraction(xy, src, dst, k, n)
        force += (xy.mean(axis=0) - xy) * 0.05  # weak gravity keeps components together
        length = np.linalg.norm(force, axis=1, keepdims=True) + 1e-12
        xy += force / length * np.minimum(length, temperature)
        temperature *= 0.97
    return xy


def _repulsion_kernel(grid: int) -> np.ndarray:
    """FFT of an r/(r²+ε) kernel on a doubled grid (so the convolution does not wrap around)."""
    size = 2 * grid
    coords = np.fft.fftfreq(size, 1.0) * size  # signed offsets in cells: 0, 1, ..., -1
    dx, dy = np.meshgrid(coords, coords, indexing="ij")
    r2 = dx * dx + dy * dy + 0.5
    return np.stack([np.fft.rfft2(dx / r2), np.fft.rfft2(dy / r2)])


def _mesh_repulsion(xy: np.ndarray, kernel: np.ndarray, grid: int) -> np.ndarray:
    """Repulsive force on each node from the density of all nodes, by convolution on a grid."""
    cells = np.minimum((xy * grid).astype(int), grid - 1)
    density = np.zeros((2 * grid, 2 * grid))
    np.add.at(density, (cells[:, 0], cells[:, 1]), 1.0)
    spectrum = np.fft.rfft2(density)
    fx = np.fft.irfft2(spectrum * kernel[0], s=density.shape)[:grid, :grid]
    fy = np.fft.irfft2(spectrum * kernel[1], s=density.shape)[:grid, :grid]
    field = np.stack([fx[cells[:, 0], cells[:, 1]], fy[cells[:, 0], cells[:, 1]]], axis=1)
    return field * grid  # kernel is in cell units; forces in unit-square units


def _spring_attraction(
    xy: np.ndarray, src: np.ndarray, dst: np.ndarray, k: float, n: int
) -> np.ndarray:
    if src.size == 0:
        return np.zeros_like(xy)
    delta = xy[dst] - xy[src]
    dist = np.linalg.norm(delta, axis=1, keepdims=True)
    pull = delta * dist / k  # FR attraction d²/k along the edge
    force = np.zeros_like(xy)
    for axis in (0, 1):
        force[:, axis] += np.bincount(src, weights=pull[:, axis], minlength=n)
        force[:, axis] -= np.bincount(dst, weights=pull[:, axis], minlength=n)
    return force
