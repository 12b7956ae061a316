"""Outline numbering, pure: I, II … at the top, then 1, 2 …, then 1.1, 1.2 …, then 1.1.1 ….

This is how Vietnamese schemes (đề án) and reports number their parts: Roman numerals for the parts,
Arabic numbers restarting in each part, and dotted numbers below them. Nothing here imports Django, so
the outline page, the report and the bundle can share it and it is tested without a database.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass

_ROMAN = (
    (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
    (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
)  # fmt: skip


def to_roman(number: int) -> str:
    """The Roman numeral of a positive integer (1 → "I", 14 → "XIV")."""
    if number < 1:
        raise ValueError("Roman numerals start at 1")
    parts: list[str] = []
    for value, letters in _ROMAN:
        count, number = divmod(number, value)
        parts.append(letters * count)
    return "".join(parts)


def label(path: tuple[int, ...]) -> str:
    """The label of a node from its 1-based positions from the root: (2,) → "II", (2, 3) → "3", (2, 3, 1) → "3.1"."""
    if not path:
        raise ValueError("an empty path has no label")
    if len(path) == 1:
        return to_roman(path[0])
    return ".".join(str(position) for position in path[1:])


@dataclass(frozen=True)
class Node:
    """One section as the numbering sees it: its key, its parent's key (None at the top), its order."""

    key: Hashable
    parent: Hashable | None
    order: int = 0


def ordered_children(nodes: Iterable[Node]) -> dict[Hashable | None, list[Node]]:
    """Children per parent key, each list sorted by order: the outline's reading order."""
    children: dict[Hashable | None, list[Node]] = {}
    for node in nodes:
        children.setdefault(node.parent, []).append(node)
    for siblings in children.values():
        # A stable sort: siblings with equal orders keep the caller's order.
        siblings.sort(key=lambda node: node.order)
    return children


def number_outline(nodes: Iterable[Node]) -> dict[Hashable, str]:
    """Every reachable node's label. Nodes whose parent is missing, or that sit on a cycle, get none."""
    children = ordered_children(list(nodes))
    labels: dict[Hashable, str] = {}
    stack: list[tuple[Node, tuple[int, ...]]] = [
        (node, (position,)) for position, node in enumerate(children.get(None, []), start=1)
    ]
    stack.reverse()
    while stack:
        node, path = stack.pop()
        if node.key in labels:  # a cycle or a duplicate key: never loop forever
            continue
        labels[node.key] = label(path)
        below = children.get(node.key, [])
        stack.extend(
            (child, (*path, position))
            for position, child in reversed(list(enumerate(below, start=1)))
        )
    return labels


def depth_first(nodes: Iterable[Node]) -> list[tuple[Node, int]]:
    """The nodes in reading order with their depth (0 at the top), for indented lists."""
    children = ordered_children(list(nodes))
    result: list[tuple[Node, int]] = []
    seen: set[Hashable] = set()
    stack: list[tuple[Node, int]] = [(node, 0) for node in reversed(children.get(None, []))]
    while stack:
        node, depth = stack.pop()
        if node.key in seen:
            continue
        seen.add(node.key)
        result.append((node, depth))
        stack.extend((child, depth + 1) for child in reversed(children.get(node.key, [])))
    return result


def would_create_cycle(
    parents: Mapping[Hashable, Hashable | None], key: Hashable, new_parent: Hashable | None
) -> bool:
    """Whether putting `key` under `new_parent` makes a cycle (itself, or one of its descendants)."""
    seen: set[Hashable] = set()
    current = new_parent
    while current is not None:
        if current == key or current in seen:
            return True
        seen.add(current)
        current = parents.get(current)
    return False
