"""Page parts written once as JSON text with slots, and the text answers are made of
(app/frozen.py): it must read as what Dash's own encoder writes, in ASCII."""

from __future__ import annotations

import json

import pytest
from dash import html
from plotly.io.json import to_json_plotly

from app.frozen import Raw, Template, frozen, json_text, slot, with_props

AWKWARD = [
    "plain",
    "</script><script>alert(1)</script>",
    "“quoted” — Kashin, fn. 12 · 3 %",
    "line\u2028and\u2029paragraph separators",
    "astral 😀 and 𝕏",
    "runs of widths: é€😀ü\u2028, then ASCII, and last ×",
    "é",
    'quote " and backslash \\ and tab \t',
    {"a/b": [1, 2.5, None, True], "nested": {"é": "ü"}},
    [],
    42,
]


@pytest.mark.parametrize("value", AWKWARD, ids=range(len(AWKWARD)))
def test_json_text_reads_as_plotly_writes_it_and_is_html_safe_ascii(value):
    text = json_text(value)
    assert json.loads(text) == json.loads(to_json_plotly(value, engine="orjson")) == value
    assert text.isascii() and not set("<>/") & set(text)
    plotly = to_json_plotly(value, engine="orjson")
    if plotly.isascii():  # then the very same text
        assert text == plotly


def test_json_text_writes_components_through_plotly():
    component = html.Div(["a </b> — “é” 😀"], id="x")
    text = json_text(component)
    assert json.loads(text) == json.loads(to_json_plotly(component, engine="orjson"))
    assert text.isascii() and not set("<>/") & set(text)


def test_json_text_escapes_outside_ascii_as_the_standard_encoder_does():
    """Every character outside ASCII as the JSON escape Python's own encoder writes (lower-case
    hex, a surrogate pair beyond the BMP), whatever runs they come in."""
    for value in ["é€😀ü\u2028", "a\u00a0b\u00ffc\U0010ffff", "".join(map(chr, range(0x80, 0x800, 7)))]:
        assert json_text(value) == json.dumps(value)


def test_a_template_filled_reads_as_the_part_made_with_its_values():
    part = frozen(html.Div(id="box", className="chart-box", children=[html.A("link", href="/x")]))

    def made(class_name, children, query):
        link = with_props(part["props"]["children"][0], href=f"/download/a.csv?{query}&size=16x9")
        return with_props(part, className=class_name, children=[link, children])

    template = Template.of(made(slot("class"), slot("children"), slot("query")))
    assert template.names == {"class", "children", "query"}
    for class_name, children, query in [
        (
            "chart-box is-empty",
            {"props": {"children": "ü </p>"}, "type": "P", "namespace": "x"},
            "years=2010-2018",
        ),
        ("c", ["a", 1, None], "category=arms&select=a%2Fb"),
        ("“x”", Raw('"kept as it is"'), 'quote " and <'),
    ]:
        filled = template.fill(**{"class": class_name, "children": children, "query": query})
        expected = made(class_name, "kept as it is" if isinstance(children, Raw) else children, query)
        assert json.loads(filled) == json.loads(to_json_plotly(expected, engine="orjson"))
        assert filled.isascii()


def test_a_slot_inside_a_string_takes_a_text_and_one_value_fills_every_slot_of_its_name():
    template = Template.of({"a": slot("a"), "b": [slot("b"), f"x{slot('c')}y", f"{slot('c')}/"]})
    assert template.names == {"a", "b", "c"}
    filled = template.fill(a="first", b=[1], c='m"d', unused=0)
    assert json.loads(filled) == {"a": "first", "b": [[1], 'xm"dy', 'm"d/']}


def test_a_template_refuses_what_it_cannot_write():
    template = Template.of({"a": slot("a"), "b": slot("b")})
    with pytest.raises(KeyError, match="b"):
        template.fill(a=1)
    with pytest.raises(ValueError, match="slot's name"):
        slot("no spaces")
    with pytest.raises(ValueError, match="no slot can be"):
        Template.of({slot("key"): 1})


def test_raw_text_goes_into_an_answer_as_it_is():
    import orjson

    raw = json_text({"a": "</x>"})
    assert orjson.dumps({"kept": raw.fragment}) == b'{"kept":' + raw.encode() + b"}"
