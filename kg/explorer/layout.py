"""Node positions computed in Python, so the browser draws at once instead of simulating.

Small graphs get NetworkX's spring layout (good-looking, fast below a few hundred nodes). Large
graphs get a particle-mesh force layout: springs along edges plus a repulsion field computed from
a density grid by FFT, so each step costs O(nodes + edges + grid) instead of O(nodes²) — a 10,000
node, 30,000 edge graph lays out in about a second where spring_layout takes minutes.
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
    else:
        xy = mesh_layout(graph, nodes, seed=seed)
        spread = SCALE * np.sqrt(len(nodes)) / 8
    xy = _normalise(xy) * spread
    pairs = zip(nodes, xy, strict=True)
    return {n: (round(float(x), 1), round(float(y), 1)) for n, (x, y) in pairs}


def _normalise(xy: np.ndarray) -> np.ndarray:
    centred = xy - xy.mean(axis=0)
    extent = float(np.abs(centred).max()) or 1.0
    return centred / extent


def _edge_index(graph: nx.Graph, nodes: list[Hashable]) -> tuple[np.ndarray, np.ndarray]:
    index = {n: i for i, n in enumerate(nodes)}
    pairs = {(index[u], index[v]) for u, v in graph.edges() if u != v}
    if not pairs:
        return np.zeros(0, dtype=int), np.zeros(0, dtype=int)
    arr = np.array(sorted(pairs), dtype=int)
    return arr[:, 0], arr[:, 1]


def mesh_layout(
    graph: nx.Graph, nodes: list[Hashable], *, seed: int = 7, iterations: int = 120,
    grid: int = 128,
) -> np.ndarray:
    """Fruchterman-Reingold-style layout in the unit square with grid-based repulsion."""
    rng = np.random.default_rng(seed)
    n = len(nodes)
    src, dst = _edge_index(graph, nodes)
    xy = rng.random((n, 2))
    k = 1.0 / np.sqrt(n)  # ideal edge length for n nodes in the unit square
    kernel = _repulsion_kernel(grid)
    temperature = 0.1
    for _ in range(iterations):
        force = _mesh_repulsion(xy, kernel, grid) * k * k
        force += _spring_attraction(xy, src, dst, k, n)
        force += (0.5 - xy) * 0.05  # weak gravity keeps small components from drifting off
        length = np.linalg.norm(force, axis=1, keepdims=True) + 1e-12
        xy += force / length * np.minimum(length, temperature)
        np.clip(xy, 0.0, 1.0, out=xy)
        temperature *= 0.97
    return xy


def _repulsion_kernel(grid: int) -> np.ndarray:
    """FFT of an r/(r²+ε) kernel on a doubled grid (so the convolution does not wrap around)."""
    size = 2 * grid
    coords = np.fft.fftfreq(size) * size  # signed offsets in cells: 0, 1, ..., -1
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
