"""Linked persons without contradictions: a person never holds two different BSNs, nor two
different initials (unless one BSN ties them: the BSN decides, as in `same_person`).

Linking is transitive, so a signal that fits two persons who are known apart would make them
one: twins J. and K. Appelman born the same day, and a signal without initials fitting both;
or two BSNs and a signal without BSN. Such a signal cannot say whom it is about, so it stays a
person of its own rather than join either: joining the wrong twin would send one twin a letter
naming the other's creditors. Only components holding a contradiction are split, in Python:
they are rare and hold a few signals of one melding each.
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl


@dataclass(frozen=True)
class _Node:
    """The signals of one BSN (always one person), or one signal without BSN."""

    ids: frozenset[int]
    bsn: str
    initials: frozenset[str]


def separate_known_apart(
    labels: pl.DataFrame, edges: pl.DataFrame, fields: pl.DataFrame
) -> pl.DataFrame:
    """`labels` (signal_id, label) with each component that holds signals known apart split
    into persons, each labelled with its lowest signal id. `edges` are the linked pairs (a, b),
    `fields` the signals' bsn and initial."""
    suspect = _components_with_two_identities(labels, fields)
    if suspect.is_empty():
        return labels
    members = labels.filter(pl.col("label").is_in(suspect.implode()))
    rows = members.join(fields.select("signal_id", "bsn", "initial"), on="signal_id")
    label_of = dict(members.iter_rows())
    components: dict[int, tuple[list[dict], list[tuple[int, int]]]] = {}
    for row in rows.iter_rows(named=True):
        components.setdefault(row["label"], ([], []))[0].append(row)
    within = edges.filter(pl.col("a").is_in(members["signal_id"].implode()))
    for a, b in within.iter_rows():
        components[label_of[a]][1].append((a, b))
    relabelled = {
        signal_id: min(signal for node in person for signal in node.ids)
        for component_rows, component_edges in components.values()
        for person in _persons(*_nodes(component_rows, component_edges))
        for node in person
        for signal_id in node.ids
    }
    new = pl.DataFrame(
        {"signal_id": list(relabelled), "label": list(relabelled.values())},
        schema=labels.schema,
    )
    return labels.update(new, on="signal_id")


def _components_with_two_identities(labels: pl.DataFrame, fields: pl.DataFrame) -> pl.Series:
    """The labels of components with two different BSNs or initials: a cheap, wider test than
    `_known_apart` (one BSN may tie two initials); the few it finds are looked at closely."""
    known = {name: pl.when(pl.col(name) != "").then(pl.col(name)) for name in ("bsn", "initial")}
    return (
        labels.lazy()
        .join(fields.lazy().select("signal_id", **known), on="signal_id")
        .group_by("label")
        .agg(conflict=pl.any_horizontal(pl.col(name).min() != pl.col(name).max() for name in known))
        .filter("conflict")
        .collect()["label"]
    )


def _nodes(
    rows: list[dict], edges: list[tuple[int, int]]
) -> tuple[set[_Node], dict[_Node, set[_Node]]]:
    """The nodes of one component and which nodes are linked."""
    by_bsn: dict[str, list[dict]] = {}
    nodes = set()
    for row in rows:
        if row["bsn"]:
            by_bsn.setdefault(row["bsn"], []).append(row)
        else:
            nodes.add(_node([row], ""))
    nodes |= {_node(same, bsn) for bsn, same in by_bsn.items()}
    node_of = {signal_id: node for node in nodes for signal_id in node.ids}
    links: dict[_Node, set[_Node]] = {node: set() for node in nodes}
    for a, b in edges:
        if node_of[a] != node_of[b]:
            links[node_of[a]].add(node_of[b])
            links[node_of[b]].add(node_of[a])
    return nodes, links


def _node(rows: list[dict], bsn: str) -> _Node:
    initials = frozenset(row["initial"] for row in rows if row["initial"])
    return _Node(frozenset(row["signal_id"] for row in rows), bsn, initials)


def _known_apart(a: _Node, b: _Node) -> bool:
    if a.bsn and b.bsn:
        return a.bsn != b.bsn
    return bool(a.initials and b.initials and a.initials.isdisjoint(b.initials))


def _persons(nodes: set[_Node], links: dict[_Node, set[_Node]]) -> list[set[_Node]]:
    """The persons of linked `nodes`: none holds two nodes known apart.

    The nodes known apart from another are split first (their linked parts, again by this
    rule); each linked part of the other nodes, which fit anyone, then joins the one person it
    is linked to, or stays a person of its own when it is linked to several (ambiguous). When
    every node is known apart from another, nobody is merged on uncertain grounds.
    """
    apart = {node for node in nodes if any(_known_apart(node, other) for other in nodes)}
    if not apart:
        return [nodes]
    fitting = nodes - apart
    if not fitting:
        return [{node} for node in nodes]
    persons = [person for part in _parts(apart, links) for person in _persons(part, links)]
    # Parts of `fitting` are not linked to each other, so the order they join in is immaterial.
    for part in _parts(fitting, links):
        linked = [person for person in persons if any(links[node] & person for node in part)]
        if len(linked) == 1:
            linked[0] |= part
        else:
            persons.append(part)
    return persons


def _parts(nodes: set[_Node], links: dict[_Node, set[_Node]]) -> list[set[_Node]]:
    """The connected parts of `nodes`, through links between them only."""
    parts, seen = [], set()
    for start in nodes:
        if start in seen:
            continue
        part, todo = set(), [start]
        while todo:
            node = todo.pop()
            if node not in part:
                part.add(node)
                todo.extend(links[node] & nodes - part)
        seen |= part
        parts.append(part)
    return parts
