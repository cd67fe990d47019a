"""The knowledge graph as a NetworkX MultiDiGraph, built from the store, and its views.

Node key = entity id (attributes name, kind, aliases, properties); edge key = relation type
(attributes relation, properties, evidence). Deal parties become PARTY_TO edges party -> deal.

    >>> with Store.open("kg-data") as store:
    ...     g = build_graph(store)
    >>> flt = GraphFilter(focus="Mistral AI", depth=2, relations=["INVESTS_IN"])
    >>> ego = subgraph(g, flt)             # or subgraph(g, focus="Mistral AI", ...)
    >>> with Store.open("kg-data") as store:   # the same ego graph, without the whole graph
    ...     ego = focus_graph(store, flt)

One filter model, `GraphFilter`, is what the CLI builds from its options, what `kg.export` and
the explorer page receive (the page starts with it and writes it into its reopen link).
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import chain
from typing import TYPE_CHECKING, Any

import networkx as nx
from pydantic import BaseModel, ConfigDict, field_validator

from kg.dates import check_bound, in_range
from kg.errors import InputError
from kg.schema import Entity, EntityKind, Relation, RelationType, deal_parties

if TYPE_CHECKING:
    from kg.store import Store

__all__ = ["GraphFilter", "as_filter", "build_graph", "find_node", "focus_graph", "in_range",
           "subgraph"]

PARTY_TO = RelationType.PARTY_TO.value
ACQUIRES = RelationType.ACQUIRES.value


class GraphFilter(BaseModel):
    """Which part of the graph to keep: the neighbourhood of `focus` up to `depth` hops, only
    these relation types and entity kinds, only evidence or deals dated within [since, until].

    Values are checked and normalised on creation (relation types upper case, kinds as spelled
    in the schema); a bad one raises `InputError` naming it. Empty lists mean "no filter".
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    focus: str | None = None
    depth: int = 2
    relations: tuple[str, ...] | None = None
    kinds: tuple[str, ...] | None = None
    since: str | None = None
    until: str | None = None

    @field_validator("depth")
    @classmethod
    def _check_depth(cls, value: int) -> int:
        if value < 0:
            raise InputError(f"bad depth {value} (want 0 or more)")
        return value

    @field_validator("relations", mode="before")
    @classmethod
    def _check_relations(cls, values: Iterable[str] | None) -> tuple[str, ...] | None:
        found = _relation_types(None if values is None else list(values))
        return tuple(sorted(found)) if found else None

    @field_validator("kinds", mode="before")
    @classmethod
    def _check_kinds(cls, values: Iterable[str] | None) -> tuple[str, ...] | None:
        found = _kinds(None if values is None else list(values))
        return tuple(sorted(found)) if found else None

    @field_validator("since", "until")
    @classmethod
    def _check_date(cls, value: str | None) -> str | None:
        return check_bound(value) if value else None

    @property
    def dated(self) -> bool:
        return bool(self.since or self.until)

    @property
    def narrows(self) -> bool:
        """True when anything but the focus/depth is filtered."""
        return any(x is not None for x in (self.relations, self.kinds, self.since, self.until))


def as_filter(flt: GraphFilter | None = None, **fields: Any) -> GraphFilter:
    """`flt` itself, or a GraphFilter of `fields` (the keyword form of subgraph and focus_graph);
    `flt` with `fields` gives a copy of `flt` with those fields changed (and checked)."""
    if flt is None:
        return GraphFilter(**fields)
    return GraphFilter(**{**flt.model_dump(), **fields}) if fields else flt


def build_graph(store: Store) -> nx.MultiDiGraph:
    """Every merged entity as a node, every relation as an edge keyed by its type, plus
    PARTY_TO edges (party -> deal, `role`) from each Deal's `parties`."""
    g = nx.MultiDiGraph()
    _add_entities(g, store.entities())
    _add_relations(g, store.relations())
    _add_party_edges(g)
    return g


def focus_graph(store: Store, focus: str | GraphFilter, **fields: Any) -> nx.MultiDiGraph:
    """`subgraph(build_graph(store), flt)`, reading only the neighbourhood of `flt.focus`.

    `focus` is a GraphFilter with a focus, or the focus itself with the other GraphFilter
    fields as keywords (`focus_graph(store, "Mistral AI", depth=1)`).

    Walks `depth` hops in the store (relations both ways, deal parties) and builds the graph of
    those nodes, the relations between them and every relation of their deals (with a date
    filter: one hop more, and every relation touching them), with evidence merged from every
    article, as in the whole graph. The focus
    is resolved like `find_node` (a node only named as a relation end, never described by an
    article, is found by its id only).
    """
    flt = as_filter(focus, **fields) if isinstance(focus, GraphFilter) else as_filter(
        focus=focus, **fields)
    if flt.focus is None:
        raise InputError("focus_graph needs a focus entity")
    focus_id = _find_in_store(store, flt.focus)
    inner, frontier = {focus_id}, {focus_id}
    for _ in range(flt.depth):
        frontier = store.neighbour_ids(frontier) - inner
        inner |= frontier
    # With a date filter a node stays only if it keeps an edge, to any node: then one hop more
    # is needed, the far ends of inner's edges. Only their kind counts, and for deals their
    # properties (dates, parties), so the rest are not merged (hubs are costly).
    dated = flt.dated
    outer = store.kinds_of(store.neighbour_ids(frontier) - inner) if dated else {}
    deals = {n for n, kind in outer.items() if kind == EntityKind.DEAL.value}
    g = nx.MultiDiGraph()
    g.add_nodes_from(((n, {"name": n, "kind": kind, "aliases": [], "properties": {}})
                      for n, kind in outer.items() if n not in deals))
    entities = store.entities_of(inner | deals)
    _add_entities(g, entities)
    for node in inner:  # a relation end no article describes, even when no edge of it is read
        _ensure_node(g, node)
    # A PARTY_TO edge borrows evidence from every relation of its deal, so deals get all theirs.
    deals.update(e.id for e in entities if e.kind is EntityKind.DEAL)

    def needed(source: str, target: str) -> bool:
        return dated or (source in inner and target in inner) or source in deals or target in deals

    _add_relations(g, store.relations_touching(inner | deals, needed))
    _add_party_edges(g)
    return subgraph(g, flt.model_copy(update={"focus": focus_id}))


def _find_in_store(store: Store, name: str) -> str:
    if store.node_exists(name):
        return name
    candidates = nx.MultiDiGraph()
    _add_entities(candidates, store.entities_of(store.ids_named(name)))
    return find_node(candidates, name)


def _add_entities(g: nx.MultiDiGraph, entities: Iterable[Entity]) -> None:
    for e in entities:
        g.add_node(e.id, name=e.name, kind=e.kind.value, aliases=list(e.aliases),
                   properties=dict(e.properties))


def _add_relations(g: nx.MultiDiGraph, relations: Iterable[Relation]) -> None:
    for r in relations:
        for node in (r.source, r.target):
            _ensure_node(g, node)
        g.add_edge(r.source, r.target, key=r.relation.value, relation=r.relation.value,
                   properties=dict(r.properties),
                   evidence=[ev.model_dump(mode="json") for ev in r.evidence])


def _ensure_node(g: nx.MultiDiGraph, node_id: str) -> None:
    """A relation endpoint no entity row describes still gets a usable node."""
    if node_id in g:
        return
    prefix, _, rest = node_id.partition(":")
    kinds = {k.value.lower(): k.value for k in EntityKind}
    g.add_node(node_id, name=rest or node_id, kind=kinds.get(prefix, "Company"), aliases=[],
               properties={})


def _add_party_edges(g: nx.MultiDiGraph) -> None:
    deals = [(n, d) for n, d in g.nodes(data=True) if d.get("kind") == EntityKind.DEAL.value]
    for deal, data in deals:
        roles: dict[str, list[str]] = {}
        for party in deal_parties(data["properties"]):
            roles.setdefault(party.id, []).append(party.role)
        for party_id, party_roles in roles.items():
            if party_id == deal or g.has_edge(party_id, deal, key=PARTY_TO):
                continue
            _ensure_node(g, party_id)
            g.add_edge(party_id, deal, key=PARTY_TO, relation=PARTY_TO,
                       properties={"role": party_roles[0], "roles": party_roles},
                       evidence=_deal_evidence(g, deal, party_id))


def _deal_evidence(g: nx.MultiDiGraph, deal: str, party: str) -> list[dict[str, Any]]:
    """The sentences between the party and the deal, else every sentence stating the deal."""
    edges = [(u, v, d) for u, v, d in chain(g.in_edges(deal, data=True),
                                            g.out_edges(deal, data=True))
             if d.get("relation") != PARTY_TO]
    if not edges:  # a takeover no sentence names as a deal: the parties' own relation tells it
        edges = _stating_edges(g, deal)
    direct = [ev for u, v, d in edges if party in (u, v) for ev in d["evidence"]]
    pool = direct or [ev for _, _, d in edges for ev in d["evidence"]]
    seen: set[tuple[str, str]] = set()
    out = []
    for ev in pool:
        key = (ev.get("article", ""), ev.get("sentence", ""))
        if key not in seen:
            seen.add(key)
            out.append(ev)
    return out


_STATED_BY = {"acquisition": ACQUIRES, "acqui_hire": ACQUIRES, "merger": ACQUIRES}


def _stating_edges(g: nx.MultiDiGraph, deal: str) -> list[tuple[str, str, dict[str, Any]]]:
    """The relations between a deal's parties that state it (an acquisition: ACQUIRES)."""
    relation = _STATED_BY.get(str(g.nodes[deal]["properties"].get("deal_type")))
    ids = {p.id for p in deal_parties(g.nodes[deal]["properties"])}
    return [(u, v, d) for u in ids if u in g for v in ids
            if v != u and relation is not None and g.has_edge(u, v, key=relation)
            for d in [g.edges[u, v, relation]]]


# --- views ----------------------------------------------------------------------------------


def subgraph(g: nx.MultiDiGraph, flt: GraphFilter | None = None, **fields: Any) -> nx.MultiDiGraph:
    """A filtered copy of `g` (`flt`, or GraphFilter fields as keywords): relation types, node
    kinds, evidence/deal dates, then the neighbourhood of `focus` (id, name or alias,
    case-insensitive) up to `depth` hops."""
    flt = as_filter(flt, **fields)
    focus_id = find_node(g, flt.focus) if flt.focus is not None else None
    rel_set = set(flt.relations) if flt.relations else None
    kind_set = set(flt.kinds) if flt.kinds else None
    since, until, depth = flt.since, flt.until, flt.depth

    def node_ok(n: str) -> bool:
        return kind_set is None or n == focus_id or g.nodes[n].get("kind") in kind_set

    def edge_ok(u: str, v: str, k: str) -> bool:
        d = g.edges[u, v, k]
        return ((rel_set is None or d.get("relation") in rel_set)
                and _edge_in_range(g, u, v, d, since, until))

    # Views, not copies: only the part that survives the filters is copied at the end.
    view = nx.subgraph_view(g, filter_node=node_ok, filter_edge=edge_ok)
    nodes = _reach(view, focus_id, depth) if focus_id is not None else set(view)
    if since or until:
        nodes = {n for n in nodes if n == focus_id or view.degree(n) > 0
                 or _node_in_range(g.nodes[n], since, until)}
    return nx.MultiDiGraph(view.subgraph(nodes))


def _reach(g: nx.MultiDiGraph, start: str, depth: int) -> set[str]:
    """Nodes within `depth` hops of `start`, edges followed both ways."""
    seen, frontier = {start}, [start]
    for _ in range(depth):
        step = {m for n in frontier for m in chain(g.successors(n), g.predecessors(n))}
        frontier = [m for m in step if m not in seen]
        seen.update(frontier)
    return seen


def find_node(g: nx.MultiDiGraph, name: str) -> str:
    """Entity id for an id, name or alias (case-insensitive); exact ids and names win."""
    if name in g:
        return name
    wanted = name.strip().casefold()
    by_name = sorted(n for n, d in g.nodes(data=True)
                     if str(d.get("name", "")).casefold() == wanted or n.casefold() == wanted)
    if by_name:
        return by_name[0]
    by_alias = sorted(n for n, d in g.nodes(data=True)
                      if wanted in {a.casefold() for a in d.get("aliases", [])})
    if by_alias:
        return by_alias[0]
    raise InputError(f"unknown entity {name!r}")


def _relation_types(values: Iterable[str] | None) -> set[str] | None:
    if values is None:
        return None
    known = {r.value for r in RelationType}
    out = {v.strip().upper() for v in values}
    unknown = sorted(out - known)
    if unknown:
        names = ", ".join(sorted(known))
        raise InputError(f"unknown relation type {unknown[0]!r} (known: {names})")
    return out or None


def _kinds(values: Iterable[str] | None) -> set[str] | None:
    if values is None:
        return None
    known = {k.value.casefold(): k.value for k in EntityKind}
    out = set()
    for v in values:
        if v.strip().casefold() not in known:
            names = ", ".join(sorted(known.values()))
            raise InputError(f"unknown entity kind {v!r} (known: {names})")
        out.add(known[v.strip().casefold()])
    return out or None


def _edge_in_range(
    g: nx.MultiDiGraph, u: str, v: str, data: dict[str, Any], since: str | None, until: str | None
) -> bool:
    if not since and not until:
        return True
    if any(in_range(ev.get("published"), since, until) for ev in data.get("evidence", [])):
        return True
    return any(_node_in_range(g.nodes[n], since, until) for n in (u, v)
               if g.nodes[n].get("kind") == EntityKind.DEAL.value)


def _node_in_range(data: dict[str, Any], since: str | None, until: str | None) -> bool:
    return data.get("kind") == EntityKind.DEAL.value and in_range(
        data.get("properties", {}).get("date"), since, until)
