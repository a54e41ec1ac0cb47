"""A Cosmic Ray operator of our own, used by scripts/mutate.py: remove one entry from a table.

A *table* is a set, list or dict literal with at least two entries anywhere (the public holidays of a
year, the allowed lifecycle transitions), or a parenthesised tuple of at least two entries at module or
class level or after ``in`` (the offer kinds: ``self in (StepKind.PLACED, ...)``). One mutant per entry: the entry and its comma go. Comprehensions and
``**spread`` entries are left alone.
"""

from __future__ import annotations

from typing import Any

from cosmic_ray.operators.operator import Example, Operator
from parso.python.tree import Node, Operator as Punctuation

_CONTAINERS = {"testlist_comp", "dictorsetmaker"}
_COMPREHENSIONS = {"sync_comp_for", "comp_for"}


def _entries(node: Any) -> list[tuple[int, int]]:
    """The (start, stop) child indexes of each entry of a table literal, its trailing comma included."""
    if node.type != "atom" or len(node.children) != 3:
        return []
    opening, inner = node.children[0], node.children[1]
    if not isinstance(opening, Punctuation) or opening.value not in "{[(" or not isinstance(inner, Node):
        return []
    if inner.type not in _CONTAINERS or any(child.type in _COMPREHENSIONS for child in inner.children):
        return []
    if opening.value == "(" and _in_function(node) and not _after_in(node):
        return []
    spans, start = [], 0
    children = inner.children
    for index, child in enumerate(children):
        if _is_comma(child):
            spans.append((start, index + 1))
            start = index + 1
    if start < len(children):
        spans.append((start, len(children)))
    spans = [span for span in spans if not _is_spread(children[span[0]])]
    return spans if len(spans) >= 2 else []


def _is_comma(child: Any) -> bool:
    return isinstance(child, Punctuation) and child.value == ","


def _is_spread(child: Any) -> bool:
    return isinstance(child, Punctuation) and child.value in ("**", "*") or child.type == "star_expr"


def _after_in(node: Any) -> bool:
    previous = node.get_previous_sibling()
    return previous is not None and previous.type in ("keyword", "comp_op") and previous.get_code().split()[-1] == "in"


def _in_function(node: Any) -> bool:
    parent = node.parent
    while parent is not None:
        if parent.type in ("funcdef", "lambdef"):
            return True
        parent = parent.parent
    return False


class RemoveTableEntry(Operator):  # type: ignore[misc]
    """Remove one entry from a set, list or dict literal (or a module-level tuple)."""

    def mutation_positions(self, node: Any) -> list[tuple[tuple[int, int], tuple[int, int]]]:
        # a list, not a generator: the visitor mutates the node while it iterates over the positions
        spans = _entries(node)
        inner = node.children[1].children if spans else []
        return [(inner[start].start_pos, inner[stop - 1].end_pos) for start, stop in spans]

    def mutate(self, node: Any, index: int) -> Any:
        start, stop = _entries(node)[index]
        inner = node.children[1]
        del inner.children[start:stop]
        last = inner.children[-1]
        if node.children[0].value == "(" and not any(_is_comma(child) for child in inner.children):
            inner.children.append(Punctuation(",", last.end_pos))  # (1, 2) without 1 is (2,), not 2
        return node

    @classmethod
    def examples(cls) -> tuple[Example, ...]:
        return (
            Example("x = {1, 2, 3}", "x = { 2, 3}"),
            Example("x = {'a': 1, 'b': 2}", "x = {'a': 1,}", occurrence=1),
            Example("X = (1, 2)", "X = (1,)", occurrence=1),
            Example("X = (1, 2)", "X = ( 2,)"),
        )
