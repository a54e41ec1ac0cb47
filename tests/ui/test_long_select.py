"""ui.forms.LongSelect writes the same HTML as Django's Select, only faster."""

from __future__ import annotations

from typing import Any

from django import forms
from hypothesis import given
from hypothesis import strategies as st

from opvangregie.ui.forms import LongSelect


def parsed(html: str) -> tuple[dict[str, Any], list[tuple[dict[str, Any], str]]]:
    """The select's attributes and its options' attributes and text: what a browser reads of the HTML."""
    from lxml.html import fragment_fromstring

    select = fragment_fromstring(html)
    return dict(select.attrib), [(dict(option.attrib), option.text or "") for option in select.iter("option")]


LABELS = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=12)


@given(
    choices=st.lists(
        st.tuples(st.integers(min_value=1, max_value=10_000), LABELS), max_size=20, unique_by=lambda c: c[0]
    ),
    chosen=st.one_of(st.none(), st.integers(min_value=1, max_value=10_000)),
    described=st.booleans(),
)
def test_the_same_html_as_djangos_select(choices: list[tuple[int, str]], chosen: int | None, described: bool) -> None:
    options = [("", "–"), *choices]
    attrs = {"id": "id_locatie", "class": "utrecht-select", **({"aria-describedby": "hint"} if described else {})}
    expected = forms.Select(choices=options).render("locatie", chosen, attrs=attrs)
    assert parsed(LongSelect(choices=options).render("locatie", chosen, attrs=attrs)) == parsed(expected)


def test_a_chosen_option_is_selected_and_labels_are_escaped() -> None:
    html = LongSelect(choices=[(1, "A & B"), (2, "<b>")]).render("locatie", 2)
    assert '<option value="2" selected>&lt;b&gt;</option>' in html
    assert "A &amp; B" in html
