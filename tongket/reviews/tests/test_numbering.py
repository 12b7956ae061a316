"""Outline numbering and cycle detection (pure, no database)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tongket.reviews.numbering import (
    Node,
    depth_first,
    label,
    number_outline,
    to_roman,
    would_create_cycle,
)


def test_roman_numerals_follow_the_usual_rules():
    assert [to_roman(n) for n in (1, 4, 9, 14, 40, 90, 2018)] == [
        "I",
        "IV",
        "IX",
        "XIV",
        "XL",
        "XC",
        "MMXVIII",
    ]


def test_it_refuses_a_roman_numeral_for_zero():
    with pytest.raises(ValueError):
        to_roman(0)


def test_labels_are_roman_then_arabic_then_dotted():
    assert label((2,)) == "II"
    assert label((2, 3)) == "3"
    assert label((2, 3, 1)) == "3.1"
    assert label((1, 1, 2, 4)) == "1.2.4"


def test_the_outline_is_numbered_by_order_and_restarts_in_each_part():
    nodes = [
        Node("b", None, 2), Node("a", None, 1),
        Node("a2", "a", 2), Node("a1", "a", 1), Node("b1", "b", 1), Node("a11", "a1", 1),
    ]  # fmt: skip
    assert number_outline(nodes) == {
        "a": "I",
        "b": "II",
        "a1": "1",
        "a2": "2",
        "b1": "1",
        "a11": "1.1",
    }


def test_nodes_on_a_cycle_get_no_number_and_do_not_hang():
    nodes = [Node("a", None, 1), Node("x", "y", 1), Node("y", "x", 1)]
    assert number_outline(nodes) == {"a": "I"}


def test_depth_first_gives_reading_order_with_depths():
    nodes = [Node(1, None, 1), Node(2, None, 2), Node(3, 1, 1)]
    assert [(n.key, d) for n, d in depth_first(nodes)] == [(1, 0), (3, 1), (2, 0)]


def test_moving_a_node_under_its_descendant_is_a_cycle():
    parents = {"a": None, "b": "a", "c": "b"}
    assert would_create_cycle(parents, "a", "c")
    assert would_create_cycle(parents, "a", "a")
    assert not would_create_cycle(parents, "c", "a")
    assert not would_create_cycle(parents, "b", None)


@given(st.lists(st.integers(min_value=0, max_value=5), min_size=1, max_size=30))
def test_every_node_of_a_tree_gets_a_unique_label(orders):
    # Node i hangs under node i // 3 (a tree by construction); labels are unique within a parent.
    nodes = [Node(i, None if i == 0 else (i - 1) // 3, order) for i, order in enumerate(orders)]
    labels = number_outline(nodes)
    assert set(labels) == set(range(len(orders)))
    by_parent: dict = {}
    for node in nodes:
        by_parent.setdefault(node.parent, []).append(labels[node.key])
    for siblings in by_parent.values():
        assert len(siblings) == len(set(siblings))
