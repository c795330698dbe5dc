"""Page parts as the JSON Dash sends for them: made once, then given a view's values.

Making a Dash component costs about 50 µs and serialising it as much again; the overview holds
some 500, nearly all the same under every view. Its parts are therefore made once with Dash's
own components and frozen into the plain dicts Dash would send for them (``frozen``); a view's
values go into shallow copies (``with_props``). Frozen parts are shared between answers: never
change one in place.

A part sent in every visit goes further: it is written once as JSON text with a place
(``slot``) for each value a view changes (``Template``), and a visit joins that text with its
values' JSON. Text in an answer (``json_text``) is what plotly.io's encoder writes, HTML-safe
escapes and all, with every character outside ASCII escaped too: an answer made only of such
text needs no escaping at send time and is encoded to bytes at memory speed.
"""

from __future__ import annotations

import codecs
import json
import re
from dataclasses import dataclass
from json.encoder import encode_basestring_ascii

import orjson
from plotly.io.json import to_json_plotly
from plotly.utils import PlotlyJSONEncoder

SLOT = re.compile(r'"SRI-SLOT\[([\w-]+)\]"|SRI-SLOT\[([\w-]+)\]')  # a whole value, or a place in a string
# What plotly.io's orjson engine does for Dash (tests hold json_text to it): its options, and its
# escapes that keep JSON safe inside HTML (U+2028 and U+2029 are escaped with all non-ASCII here).
ORJSON_OPTIONS = orjson.OPT_NON_STR_KEYS | orjson.OPT_SERIALIZE_NUMPY
HTML_SAFE = ((b"<", b"\\u003c"), (b">", b"\\u003e"), (b"/", b"\\u002f"))


def frozen(value):
    """``value`` (components, or dicts and lists holding them) as the JSON Dash sends for it."""
    return json.loads(json.dumps(value, cls=PlotlyJSONEncoder))


def with_props(node: dict, **props) -> dict:
    """A copy of the frozen component ``node`` with ``props`` set (the rest shared)."""
    return {**node, "props": {**node["props"], **props}}


class Raw(str):
    """JSON text, put into a template or an answer as it is."""

    @property
    def fragment(self) -> orjson.Fragment:
        return orjson.Fragment(str(self))  # orjson takes a str, not a subclass


def json_text(value) -> Raw:
    """``value`` as plotly.io's orjson engine writes it for Dash (HTML-safe: <, > and / escaped),
    every character outside ASCII written as its JSON escape (U+2028 and U+2029 with them)."""
    try:
        data = orjson.dumps(value, option=ORJSON_OPTIONS)
    except TypeError:  # what orjson cannot write as it is (a component, a timestamp): plotly.io cleans it
        data = to_json_plotly(value, engine="orjson").encode()
    else:
        for char, escape in HTML_SAFE:
            if char in data:
                data = data.replace(char, escape)
    # Read as ASCII at memory speed; each run of other characters is escaped where it stands.
    return Raw(data.decode("ascii", ESCAPE_OUTSIDE_ASCII))


def _escape_outside_ascii(error: UnicodeDecodeError) -> tuple[str, int]:
    """The codec error handler ``json_text`` reads with: the run of UTF-8 bytes outside ASCII at
    the error, as JSON escapes (a surrogate pair beyond the BMP, as JSON writes it)."""
    end = _NON_ASCII_BYTES.match(error.object, error.start).end()
    return encode_basestring_ascii(error.object[error.start : end].decode())[1:-1], end


ESCAPE_OUTSIDE_ASCII = "sri-json-escape"
_NON_ASCII_BYTES = re.compile(rb"[\x80-\xff]+")
codecs.register_error(ESCAPE_OUTSIDE_ASCII, _escape_outside_ascii)


def slot(name: str) -> str:
    """A place for a view's value in a part a ``Template`` is made of: a prop set to it takes a
    whole value; inside a longer string it takes a text."""
    if not re.fullmatch(r"[\w-]+", name):
        raise ValueError(f"a slot's name is letters, digits, '_' and '-': {name!r}")
    return f"SRI-SLOT[{name}]"


@dataclass(frozen=True)
class Template:
    """A frozen part as JSON text, split at its slots: filling it joins strings."""

    pieces: tuple[str, ...]
    slots: tuple[tuple[str, bool], ...]  # (name, whether it is a whole value), one per gap
    names: frozenset[str]

    @classmethod
    def of(cls, part) -> Template:
        """``part`` (frozen, with ``slot(name)`` wherever a view's value goes)."""
        text = json_text(part)
        pieces, slots, start = [], [], 0
        for match in SLOT.finditer(text):
            if text.startswith(":", match.end()):
                raise ValueError("a slot was written where no slot can be (a key)")
            pieces.append(text[start : match.start()])
            slots.append((match.group(1) or match.group(2), match.group(1) is not None))
            start = match.end()
        pieces.append(text[start:])
        if any("SRI-SLOT[" in piece for piece in pieces):
            raise ValueError("a slot was written where no slot can be (escaped)")
        return cls(tuple(pieces), tuple(slots), frozenset(name for name, _ in slots))

    def fill(self, **values) -> Raw:
        """The part's JSON with each slot's value: a ``Raw`` as it is, anything else as
        ``json_text`` writes it (inside a string, a text without its quotes). Values no slot
        takes are left out."""
        missing = self.names - values.keys()
        if missing:
            raise KeyError(f"no value for {sorted(missing)}")
        written = {
            name: value if isinstance(value, Raw) else json_text(value)
            for name, value in values.items()
            if name in self.names
        }
        out = [self.pieces[0]]
        for (name, whole), piece in zip(self.slots, self.pieces[1:], strict=True):
            out.append(written[name] if whole else written[name][1:-1])
            out.append(piece)
        return Raw("".join(out))
