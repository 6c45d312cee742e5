"""The generated gate table (essayconv/_gates.py) is what tools/gen_gates.py makes of the patterns, and a
gate derived from any pattern only answers "no match" where the pattern would."""

from __future__ import annotations

import re

import regex
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from essayconv import _gate_derive as gd
from essayconv import _gates
from essayconv.readers import _rx
from essayconv.references import _re


def test_the_table_is_current() -> None:
    entries = gd.collect()
    assert gd.render(entries) == gd.TABLE.read_text(encoding="utf-8"), (
        "essayconv/_gates.py is not what the gated patterns give: run tools/gen_gates.py"
    )
    assert len(entries) >= 150
    assert not [e for e in entries if any("(unnamed)" in n for n in e.names)], "gated=True outside module level"


def test_every_gated_pattern_has_its_gate() -> None:
    gd.collect()  # (every reader and reference module imported)
    for module, g in _rx.GATED:
        if module.startswith("essayconv."):
            assert (g._lazy._pattern, int(g._lazy._flags)) in _gates.READERS
    for module, h in _re.GATED:
        if module.startswith("essayconv."):
            assert (h._lazy._pattern, int(h._lazy._flags)) in _gates.REFERENCES


def test_a_pattern_not_in_the_table_runs_ungated() -> None:
    try:
        g = _rx.compile(r"^zz(?:top|bottom)\d", _rx.IGNORECASE, gated=True)
        h = _re.compile(r"zz(?:top|bottom)\d", _re.I, gated=True)
    finally:
        del _rx.GATED[-1:], _re.GATED[-1:]  # (not a pattern of the readers)
    assert (g.starts, g.needs, h.needs) == ((), (), ())
    assert g.match("ZZTop1").span() == (0, 6) and g.search("x zztop1") is None
    assert h.search("x ZZbottom2").span() == (2, 11)


def test_collect_names_where_each_pattern_is_defined() -> None:
    names = {n for e in gd.collect() for n in e.names}
    assert {"readers.titleblock.DATE_LINE", "references.names._ORG", "readers.furniture._STRONG_RE[0]"} <= names
    assert "references.crf._STYLE_CUES[0][1]" in names


# ------------------------------------------------------------------------------------------------
# Any pattern: its derived gate never hides a match
# ------------------------------------------------------------------------------------------------

_ATOMS = st.sampled_from(
    ["a", "b", "A", "k", "s", "i", "1", "2", ".", " ", "-", r"\(", r"\)", "é", "…", "—"]
    + [r"\.", r"\d", r"\s", r"\w", r"[ab]", r"[0-9]", r"[A-Z]", r"[a-c]", r"\b", "^", "$", r"[^a]"]
)


def _pattern(depth: int) -> st.SearchStrategy[str]:
    piece = _ATOMS if depth == 0 else st.one_of(_ATOMS, _pattern(depth - 1).map(lambda p: f"(?:{p})"))
    quantified = st.tuples(piece, st.sampled_from(["", "", "", "?", "*", "+", "{2}", "{1,3}", "{2,}"])).map(
        lambda t: t[0] + t[1] if t[0] not in ("^", "$", r"\b") else t[0]
    )
    seq = st.lists(quantified, min_size=1, max_size=5).map("".join)
    return st.lists(seq, min_size=1, max_size=3).map("|".join)


_TEXTS = st.lists(
    st.text(alphabet="abAkKsSiI12. -()é…—\u212a\u017f\u0130\u0131\n", max_size=12), min_size=1, max_size=6
)


@settings(max_examples=200, deadline=None)
@given(_pattern(2), st.booleans(), _TEXTS)
def test_a_derived_readers_gate_never_hides_a_match(pattern: str, ci: bool, texts: list[str]) -> None:
    flags = regex.IGNORECASE if ci else 0
    try:
        plain = regex.compile(pattern, flags)
    except regex.error:
        assume(False)  # ("(?:^)+": nothing to repeat)
    starts, needs = gd.derive(pattern, int(flags), "regex")
    gated = _rx.GatedPattern(pattern, flags, starts, needs)
    for text in texts:
        for method in ("match", "fullmatch", "search"):
            a, b = getattr(gated, method)(text), getattr(plain, method)(text)
            assert (a and a.span()) == (b and b.span()), (pattern, starts, needs, method, text)


@settings(max_examples=200, deadline=None)
@given(_pattern(2), st.booleans(), _TEXTS)
def test_a_derived_references_gate_never_hides_a_match(pattern: str, ci: bool, texts: list[str]) -> None:
    flags = re.IGNORECASE if ci else 0
    try:
        plain = re.compile(pattern, flags)
    except re.error:
        assume(False)
    _, needs = gd.derive(pattern, flags, "re")
    gated = _re.GatedPattern(pattern, flags, needs)
    for text in texts:
        assert (gated.search(text) and gated.search(text).span()) == (plain.search(text) and plain.search(text).span())
        assert gated.sub("#", text) == plain.sub("#", text), (pattern, needs, text)
