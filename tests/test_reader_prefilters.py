"""The readers' prefilters never change a match: each gate (a start string, a keyword, a digit that every
match of its pattern holds) is checked against the pattern's parse tree (essayconv/_gate_derive.py), the
folding it relies on is checked over all of Unicode, and gated patterns agree with plain ``regex`` on the
fixtures' lines."""

from __future__ import annotations

import importlib
import re
from pathlib import Path
from re._constants import BRANCH, LITERAL, MAX_REPEAT
from typing import Any

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from essayconv import _gate_derive as gd
from essayconv.readers import _rx, blocks, furniture, inline
from essayconv.readers._rx import DIGIT, GatedPattern, fold

READER_MODULES = [
    "blocks",
    "chunks",
    "furniture",
    "headings",
    "inline",
    "layout",
    "notes",
    "plaintext",
    "refsection",
    "titleblock",
]
CASES = Path(__file__).resolve().parent / "cases"
ALL_CHARS = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000)
FOLD = gd.Mode("regex", True)
EXACT = gd.Mode("regex", False)


def _items(pattern: str, flags: int = 0) -> Any:
    items = gd.parse(pattern, flags, "regex")
    assert items is not None, pattern
    return items


# ------------------------------------------------------------------------------------------------
# The analysis (essayconv/_gate_derive.py) on the readers' shapes
# ------------------------------------------------------------------------------------------------


def test_the_analysis_sees_through_common_shapes() -> None:
    assert gd.anchored(_items(r"^(?:this|the) x|y"), EXACT) is None
    assert gd.anchored(_items(r"^ab|^cd"), EXACT) == {"ab", "cd"}
    assert gd.leading(_items(r"(?:fig(?:ure)?\.?|table)\s", re.IGNORECASE), FOLD) == {
        "fig",
        "fig.",
        "figure",
        "figure.",
        "table",
    }
    t = _items(r"^(?:this|the) (?:essay|paper)", re.IGNORECASE)
    assert gd.anchored(t, FOLD) == {"this essay", "this paper", "the essay", "the paper"}
    assert gd.covers(t, {"essay", "paper"}, FOLD) and not gd.covers(t, {"essay"}, FOLD)
    assert gd.covers(_items(r"a\d|b[0-9]"), {DIGIT}, EXACT)
    assert not gd.covers(_items(r"a\d|b"), {DIGIT}, EXACT)
    assert not gd.covers(_items(r"(?:ab)?c"), {"ab"}, EXACT)
    assert gd.covers(_items(r"\p{Lu}+ about", re.IGNORECASE), {"about"}, FOLD)
    assert not gd.covers(_items(r"caf\u00e9", re.IGNORECASE), {"café"}, FOLD)  # é has other cases
    assert gd.covers(_items(r"_{5,}x"), {"_____x"}, EXACT) and not gd.covers(_items(r"_{5,}"), {"______"}, EXACT)
    assert gd.covers(_items(r"(?-i:Ed)s", re.IGNORECASE), {"eds"}, FOLD)  # a case-sensitive part folds too
    assert not gd.covers(_items(r"(?i:ed)s"), {"eds"}, EXACT)  # a case-insensitive part of an exact one


def test_derived_gates_of_common_shapes() -> None:
    assert gd.derive(r"^(?:figure|fig\.|table)\s*\d", re.IGNORECASE, "regex") == (
        ("fig.", "figure", "table"),
        ((DIGIT,),),
    )
    # a keyword holding another of its group is dropped; one group of few keywords before one of many
    assert gd.derive(r"\b(?:jan|january|feb)\b", re.IGNORECASE, "regex") == ((), (("jan", "feb"),))
    assert gd.derive(r"place (?:your|an) order", re.IGNORECASE, "regex") == ((), (("place ",), (" order",)))
    # an alternative asks what another already brings rather than keywords of its own
    assert gd.derive(r"\d\d|(?:biology|history) \d", re.IGNORECASE, "regex") == ((), ((DIGIT,),))
    # what the start strings ask is not asked again; a pattern read with MULTILINE or inline flags: no gate
    assert gd.derive(r"^notes?\s*:", re.IGNORECASE, "regex") == (("note",), ((":",),))
    assert gd.derive(r"^notes?:", re.IGNORECASE | re.MULTILINE, "regex")[0] == ()
    assert gd.derive(r"(?i)notes", 0, "regex") == ((), ())
    # a class of many characters, a backreference: nothing to ask
    assert gd.derive(r"(\w)\1", 0, "regex") == ((), ())


def test_the_checker_rejects_wrong_gates() -> None:
    with pytest.raises(AssertionError):
        gd.check_gate(r"^(?:this|the) x", re.IGNORECASE, "regex", ("this",), ())
    with pytest.raises(AssertionError):
        gd.check_gate(r"ab|cd", 0, "regex", (), (("ab",),))
    with pytest.raises(AssertionError):
        gd.check_gate(r"abc", 0, "regex", ("ab",), ())  # not anchored: search may find it anywhere
    with pytest.raises(AssertionError):
        gd.check_gate(r"Abc", 0, "regex", (), (("abc",),))  # case matters
    gd.check_gate(r"^(?:this|the) x", re.IGNORECASE, "regex", ("th",), ((" x",),))


def test_a_derived_gate_is_at_least_as_selective_as_what_it_implies() -> None:
    assert gd.at_least_as_selective((("fig.", "table"), ()), (("fig", "table"), ()))
    assert not gd.at_least_as_selective((("fig", "table"), ()), (("fig.", "table"), ()))
    assert gd.at_least_as_selective(((), (("place an", "place your"),)), ((), (("place ",),)))
    assert gd.at_least_as_selective((("subject",), ()), ((), (("sub",),)))
    assert not gd.at_least_as_selective(((), ((DIGIT,),)), ((), (("1",),)))


# ------------------------------------------------------------------------------------------------
# The gates hold
# ------------------------------------------------------------------------------------------------


def _gated() -> list[tuple[str, GatedPattern]]:
    """Every gated pattern of the readers (module-level, or in the phrase table)."""
    for name in READER_MODULES:
        importlib.import_module(f"essayconv.readers.{name}")
    return [(f"{module}:{g._lazy._pattern[:40]}", g) for module, g in _rx.GATED if module.startswith("essayconv.")]


def test_every_gate_is_implied_by_its_pattern() -> None:
    gated = _gated()
    assert len(gated) >= 100
    assert sum(1 for _, g in gated if g.starts or g.needs) >= 100  # (the table's gates are in use)
    for _name, g in gated:
        gd.check_gate(g._lazy._pattern, int(g._lazy._flags), "regex", g.starts, g.needs)


def test_furniture_phrase_patterns_are_found_through_their_keywords() -> None:
    assert len(furniture._STRONG) == len(furniture._STRONG_RE) >= 70
    for k, rx in enumerate(furniture._STRONG_RE):
        assert rx.starts or rx.needs, rx.pattern
        if rx.starts:
            assert rx in furniture._ANCHORED and rx.pattern.startswith("^")
        elif rx not in furniture._UNINDEXED:
            # under each keyword of its index group, which holds no DIGIT (looked for as a string)
            group = furniture._index_group(rx)
            assert group and DIGIT not in group and all(k in furniture._BY_KEYWORD[key] for key in group)


def test_weak_words_are_the_first_words_of_the_weak_pattern() -> None:
    # Every string the alternation matches, cut at its first non-letter: exactly _WEAK_WORDS.
    tree = _items(furniture._WEAK_RE.pattern)
    [(_, (_, alternatives))] = [x for x in tree if x[0] is BRANCH]  # the parser drops the (?:...)
    words: set[str] = set()
    for alt in alternatives:
        strings = {""}
        for op, av in alt.data:
            if op is LITERAL:
                strings = {s + chr(av) for s in strings}
            else:
                assert op is MAX_REPEAT and av[0] == 0 and av[1] == 1 and av[2].data[0][0] is LITERAL
                strings |= {s + chr(av[2].data[0][1]) for s in strings}
        words |= {re.match(r"[a-z]*", s).group(0) for s in strings}  # type: ignore[union-attr]
    assert words == set(furniture._WEAK_WORDS)


# ------------------------------------------------------------------------------------------------
# What the gates rely on, over all of Unicode
# ------------------------------------------------------------------------------------------------


def test_fold_maps_every_case_insensitive_match_of_an_ascii_letter_to_it() -> None:
    matches = set(regex.findall("[a-z]", ALL_CHARS, regex.IGNORECASE))
    assert len(matches) == 26 * 2 + 3  # and the Kelvin sign, long s, dotted capital I
    for c in matches:
        letter = fold(c)
        assert len(letter) == 1 and letter.isascii() and regex.fullmatch(letter, c, regex.IGNORECASE), c
        assert fold(f"x{c}{c}y") == f"x{letter}{letter}y"  # in context the neighbours stay


def test_keyword_signs_match_only_themselves_case_insensitively() -> None:
    signs = gd.CASELESS + "0123456789 !\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"
    found = regex.findall("[" + regex.escape(signs) + "]", ALL_CHARS, regex.IGNORECASE)
    assert sorted(found) == sorted(signs)
    assert fold(signs) == signs


def test_no_non_word_character_folds_to_a_letter() -> None:
    # _weak_count: a match of \b(?:word)\b is a whole run of ASCII letters in the fold.
    non_word = "".join(regex.findall(r"\W", ALL_CHARS))
    assert not re.search("[A-Za-z]", fold(non_word))
    assert all(regex.match(r"\w", c) for c in "İſK")


def test_regex_digits_and_spaces_in_ascii() -> None:
    ascii_chars = "".join(chr(c) for c in range(128))
    assert "".join(regex.findall(r"\d", ascii_chars)) == "0123456789"
    # inline._YEAR_IN_PARENS uses the stdlib's \s for regex's: it takes every character regex's does.
    assert set(regex.findall(r"\s", ALL_CHARS)) <= set(re.findall(r"\s", ALL_CHARS))


# ------------------------------------------------------------------------------------------------
# Gated patterns agree with regex on real lines
# ------------------------------------------------------------------------------------------------


def _lines() -> list[str]:
    lines: set[str] = set()
    for path in sorted(CASES.glob("*.txt")):
        for ln in path.read_text(encoding="utf-8").splitlines():
            t = ln.strip()
            if t:
                lines.update({t, t.upper(), t.lower(), t.title()})
    lines.update(
        {
            "TAKE 50% OFF with code ESSAY",
            "ſample essays | free essays",
            "İNTRODUCTİON",
            "Place an ORDER now",
            "Copyright © 2020 StudyMoose",
            "march 3, 2021",
            "1 March 2019",
            "spring 2020",
            "Prof. Jane Smith",
            "ENGL 101",
            "Written by Ann Lee",
            "Running head: MIGRATION",
            "Table of Contents",
            "CONTENTS",
            "Figure 3. Heat.",
            "Fig. 2",
            "Heading: Results",
            "# Title",
            "## Part",
            "References",
            "Works Cited",
            "Appendix A",
            "Notes",
            "[Footnote 1: text]",
            "_____",
            "Chapter 3",
            "Essay Sample: Gardens",
            "*** START OF THE PROJECT GUTENBERG EBOOK X ***",
            "End of the Project Gutenberg EBook",
            "Smith 45",
            "Smith, 2020, p. 4",
            "Jones et al. 2019",
            "Introduction: This study measures",
            "Abstract— We find that the ones",
            "Department of Energy",
            "Kelvin: \u212aelvin",
            "ⅰ. item",
            "(1) one",
            "٣ March ٢٠٢٠",
            "İNTRODUCTİON",
            "İntroductİon: İİİİİİİİİİİİİ sİgns",
            "Ii\u0307ntroduction",
            "ABSTRACT: " + "İ" * 30,
            "Reſults: ſeveral",
            "Appendix \u212a",
            "PROFESSOR Kİm",
            "Resultsİ: x",
            # where re and regex differ (a twin hands these to regex): dotless i, separators, new digits
            "\u0131ntroduction",
            "REFERENCES\x1c",
            "Works\x1fCited",
            "March\x1c3, 2020",
            "Bıbliography",
            "\U00010d41 March 2020",
            "Spring \U00010d42\U00010d40\U00010d42\U00010d45",
            "Chapter \U00010d43",
            "12 March 2020",
            "Spring\u00a02020",
            "2020-01-02",
            "3.1",
            "IV. Results",
        }
    )
    return sorted(lines)


def _assert_answers_as_regex(name: str, p: Any, lines: list[str]) -> None:
    """``p`` (a gated pattern or a twin) finds what regex's own compile of its pattern finds, on every line."""
    plain = regex.compile(p.pattern, p.flags)
    for method in ("match", "fullmatch", "search"):
        for t in lines:
            a, b = getattr(p, method)(t), getattr(plain, method)(t)
            assert (a and (a.span(), a.groups())) == (b and (b.span(), b.groups())), (name, method, t)


def test_gated_patterns_agree_with_regex() -> None:
    lines = _lines()
    for name, g in _gated():
        _assert_answers_as_regex(name, g, lines)


def test_boilerplate_score_agrees_with_every_phrase_pattern() -> None:
    patterns = [regex.compile(p, regex.IGNORECASE) for p in furniture._STRONG]
    for t in _lines():
        want = sum(3 for rx in patterns if rx.search(t))
        words = len(t.split())
        if want and words > 40:
            want -= 3 * (words // 40)
        assert furniture.boilerplate_score(t) == max(want, 0), t
        assert furniture._weak_count(t) == len(furniture._WEAK_RE.findall(t)), t


def test_token_bounds_agree_with_counting_each_token() -> None:
    for t in _lines() + ["12 3.4 5% = 6 7 8", "− 3 ± 4 −5 ٣ 2 1", "a b c d e f 1 2 3 4 5 6", "x1 y2 z3 4 5 6"]:
        tokens = t.split()
        if not tokens:
            continue
        numeric = sum(1 for tok in tokens if blocks._NUMERIC_TOKEN.fullmatch(tok))
        assert blocks._maybe_numeric(tokens) >= numeric, t
        plain = sum(1 for tok in tokens if blocks._PLAIN_WORD.fullmatch(tok))
        assert sum(map(str.isascii, filter(str.isalpha, tokens))) <= plain, t


def test_narrative_prefilter_keeps_every_narrative_citation() -> None:
    for t in _lines() + ["Smith (2020) said", "Smith (\u00a02020)", "Smith ( n.d.) and", "Lee ([1890] 2004)"]:
        if inline._narrative_hits(t, 1, None):
            assert inline._YEAR_IN_PARENS.search(t), t


def test_lazy_patterns_compile_on_first_use() -> None:
    p = _rx.compile(r"(?P<x>\p{Lu})x-never-used")
    assert p._compiled is None
    assert p.groupindex == {"x": 1}
    assert p.search("Ax-never-used").group("x") == "A"
    g = _rx.GatedPattern(r"^ab(?P<x>\d)", 0, ("ab",), ())
    assert g.search("xab1") is None and g._lazy._compiled is None  # the gate answered
    assert g.match("ab1").group("x") == "1" and g.groupindex == {"x": 1}


def test_known_words_are_worked_out_at_the_first_lookup() -> None:
    from essayconv.readers.layout import KnownWords, Unit, join_lines, words_of

    units = [Unit(1, "Ground-water and infor-", "blank", 0), Unit(2, "mation flow", "none", 0)]
    known = KnownWords(units)
    assert known._words is None
    assert join_lines(["the infor-", "mation age"], known) == "the information age"
    assert known._words == words_of(units) and "ground" in known and "groundwater" not in known
    assert join_lines(["ground-", "water"], KnownWords(units)) == "ground-water"  # "ground-water" is used


def test_year_letter_is_found_only_where_a_letter_follows_the_year() -> None:
    from essayconv.readers.refsection import _year_letter, fold

    assert _year_letter("Smith, J. (2004b). Title.", "2004").group(1) == "b"  # type: ignore[union-attr]
    assert _year_letter("Smith, J. (2004). Title 2004.", "2004") is None
    assert _year_letter("x2004a and (2004c).", "2004").group(1) == "c"  # type: ignore[union-attr]
    assert fold("Müller-Lüdenscheidt") == "mullerludenscheidt" and fold("O'Neil 2") == "oneil"


def test_author_page_items_end_with_their_page() -> None:
    plain = regex.compile(inline._MLA_ITEM.pattern)
    for t in _lines() + [
        "Smith 45 ",
        "Smith 45\u2003",
        "Smith 4\x1c",
        "Smith and Jones 45–47",
        "Smith ٤٥",
        "see Smith 4",
    ]:
        end = t.rstrip()[-1:]
        if plain.match(t):
            assert end and ("0" <= end <= "9" or not end.isascii()), t
    [item] = inline._parse_item("Smith and Jones 45 ", None)  # type: ignore[misc]
    assert (item.author, item.locator, item.label) == ("Smith and Jones", "45", "page")


# ------------------------------------------------------------------------------------------------
# Twins: the standard re where it agrees with regex
# ------------------------------------------------------------------------------------------------


def _twins() -> list[tuple[str, Any]]:
    out = []
    for name in READER_MODULES:
        mod = importlib.import_module(f"essayconv.readers.{name}")
        for k, v in vars(mod).items():
            behind = getattr(v, "_behind", v) if isinstance(v, GatedPattern) else v
            if isinstance(behind, _rx.TwinPattern):
                out.append((f"{name}.{k}", behind))
    return out


def test_the_engines_differ_only_on_the_characters_twins_leave_to_regex() -> None:
    # A twin is ASCII without word classes or Unicode properties: it is built of ASCII literals and
    # ranges (case-insensitive or not), \d, \s, their negations and ".". Each of those takes the same
    # characters in re and in regex, over all of Unicode, but for the characters of ENGINES_DIFFER.
    # (A character's class membership is all that decides a match: neither engine folds case over
    # more than one character in these modes.)
    def differ(p: str, flags: int, chars: str) -> set[str]:
        return set(re.findall(p, chars, flags)) ^ set(regex.findall(p, chars, flags))

    for p in (r"\s", r"\d", r".", r"[a-z]", r"[A-Z]", r"(?i)[a-z]"):  # (negations: the complements)
        bad = differ(p, 0, ALL_CHARS)
        assert all(re.match(_rx.ENGINES_DIFFER, c) for c in bad), (p, sorted(bad)[:5])
    # A case-insensitive ASCII letter or range only takes characters that (?i)[a-z] takes in one engine.
    letters = "".join(set(re.findall(r"(?i)[a-z]", ALL_CHARS)) | set(regex.findall(r"(?i)[a-z]", ALL_CHARS)))
    assert len(letters) < 80
    for p in [*"abcdefghijklmnopqrstuvwxyz", r"[A-Z]", r"[IVXLC]", r"[a-h]", r"[ivxlc]"]:
        bad = differ(p, re.IGNORECASE, letters)
        assert all(re.match(_rx.ENGINES_DIFFER, c) for c in bad), (p, sorted(bad)[:5])


def test_twins_are_in_use_and_answer_as_regex() -> None:
    twins = _twins()
    names = {n for n, _ in twins}
    assert {"titleblock.DATE_LINE", "refsection.REF_HEADING", "headings.NUMBER_ONLY"} <= names
    lines = _lines()
    for name, t in twins:
        _assert_answers_as_regex(name, t, lines)


def test_a_twin_takes_re_only_where_it_agrees_with_regex() -> None:
    t = _rx.TwinPattern(r"^(?:spring|fall)\s+\d{4}$", regex.IGNORECASE)
    assert type(t.match("Spring 2020")) is re.Match  # re answered
    assert type(t.match("Spr\u0131ng 2020")) is not re.Match and t.match("Spr\u0131ng 2020") is None  # regex
    assert t.match("Fall \U00010d41\U00010d42\U00010d40\U00010d42") is not None  # regex's newer digits
    assert t.match("Fall\x1c2020") is None  # re's \s would take U+001C
    for bad in (r"\bword\b", r"\p{Lu}", r"(?<=a)b", r"caf\u00e9", r"[[:alpha:]]", r"(?>a)", "café"):
        with pytest.raises(ValueError):
            _rx.TwinPattern(bad, 0).match("x")
    with pytest.raises(ValueError):
        _rx.TwinPattern("a b", regex.VERBOSE).match("x")
    # every twin in the readers passes the check (its re side compiles)
    for _name, twin in _twins():
        assert twin._std.compiled is not None


def test_entry_forms_tried_in_turn_answer_as_one_alternation() -> None:
    from essayconv.readers import refsection

    whole = regex.compile("^(?:" + "|".join(refsection.ENTRY_FORMS) + ")")
    lines = _lines() + [
        "Smith, J. (2020). Title.",
        "van der Berg, A., & Lee, B. (2019).",
        "J. R. Tolkien, The Hobbit.",
        "World Health Organization (2021). Report.",
        "World Health Organization. 2021. Report.",
        "Unesco (n.d.). Page.",
        "Lee, K. (in press).",
        "———. 2004. Another.",
        "⸺. 2004.",
        "-- 2004",
        "the end (2020)",
        "Smith and Jones 2020",
        "Ärzte, Ö. (1999)",
        "İstanbul Ü. (2001) x",
    ]
    hits = [bool(whole.match(t)) for t in lines]
    assert [refsection._entry_start(t) for t in lines] == hits
    assert sum(hits) >= 10 and not all(hits)


def test_engines_differ_finds_what_the_class_finds() -> None:
    bmp = [chr(c) for c in range(0x10000) if not 0xD800 <= c < 0xE000]
    assert [_rx.engines_differ(c) for c in bmp] == [bool(re.match(_rx.ENGINES_DIFFER, c)) for c in bmp]
    for c in ("\U00010000", "\U00010d41", "\U0001d7ce", "\U0010ffff"):
        assert _rx.engines_differ(c) and _rx.engines_differ("Spring “" + c + "” 2020")
    assert not _rx.engines_differ("Spring “2020” — İx".replace("İ", "I")) and _rx.engines_differ("a\x1fb")


def test_control_character_tests_cover_the_classes_they_stand_for() -> None:
    from essayconv.readers import decode

    for chars, cls in ((decode._BAD_CHARS, decode._BAD_CONTROLS), (decode._C1_CHARS, decode._C1_CONTROLS)):
        assert set(chars) == set(cls.findall(ALL_CHARS))
    diags: list = []
    assert decode._clean_controls("a\x1b[1mb\x0bc\x00d\x85e\u200bf", diags) == "ab\ncdef"
    assert decode._clean_controls("plain “text”\n", diags) == "plain “text”\n" and len(diags) == 1


def test_a_citation_after_the_stop_ends_the_text() -> None:
    # blocks._is_quote only searches texts ending in ")" or ")." (before one final line feed)
    lines = _lines() + [
        "It was expected. (Greene 22)",
        "It was expected. (Greene 22).",
        "It was expected. (Greene 22)\n",
        "It was expected. (Greene 22).\n",
        "It was expected. (Greene 22)\n\n",
        "Done! “(Smith 2020)”",
        "Done!\u2019 (Lee, 2004, p. 3)",
        "Done? (A)x",
        "x. (Ab)",
    ]
    found = 0
    for t in lines:
        if blocks._CITE_AFTER_STOP.search(t):
            found += 1
            assert t.rstrip("\n").endswith((")", ").")), t
    assert found >= 5


# ------------------------------------------------------------------------------------------------
# The plain-item fast path answers as _AUTHOR_DATE_ITEM
# ------------------------------------------------------------------------------------------------

_AD_GROUPS = ("prefix", "comm", "bare", "suffix")


def _assert_simple_item_as_regex(part: str) -> None:
    fast = inline._SIMPLE_ITEM.fullmatch(part)
    if fast is None:
        return
    full = regex.compile(inline._AUTHOR_DATE_ITEM.pattern, inline._AUTHOR_DATE_ITEM.flags).match(part)
    assert full is not None, part
    assert full.group("author").strip().rstrip(",").strip() == fast.group("author"), part
    assert full.group("years") == fast.group("years"), part
    assert (full.group("label"), full.group("loc")) == (fast.group("label"), fast.group("loc")), part
    assert all(full.group(g) is None for g in _AD_GROUPS), part


@given(
    st.lists(
        st.sampled_from(["Smith", "Lee", "Van", "De", "Case", "Al", "In", "Ng", "McDo", "See", "A", "Ab"]),
        min_size=1,
        max_size=4,
    ),
    st.lists(st.sampled_from([", ", " & ", ", & ", " and ", ",", " ", "-"]), min_size=3, max_size=3),
    st.sampled_from(["", " et al.", " et al", "et al."]),
    st.sampled_from([", ", ",", " ", ", ,"]),
    st.sampled_from(["2020", "1999", "1500", "1499", "2099", "2100", "2020a", "2020ab", "202", "20201"]),
    st.sampled_from(
        [
            "",
            ".",
            ", p. 4",
            ", pp. 4-15",
            ", pp. 4–5",
            ", pp. 4—5",
            ", p.4",
            ", p. iv",
            ", p. 4, 6",
            ", p. 4 ",
            ", para. 4",
            ", pp. 4-",
            ", p 4",
            ": 4",
            ", 4",
            " ",
            "a",
            ", 2021",
            ":",
        ]
    ),
    st.sampled_from(["", " ", "see ", "e.g., ", "Smith - "]),
)
@settings(max_examples=600, deadline=None)
def test_simple_item_groups_are_the_full_patterns(
    names: list[str], seps: list[str], etal: str, gap: str, year: str, tail: str, head: str
) -> None:
    author = names[0] + "".join(sep + name for sep, name in zip(seps, names[1:]))
    _assert_simple_item_as_regex(f"{head}{author}{etal}{gap}{year}{tail}")


@given(st.text(alphabet="AZaz &,.-12059 etal\u00e9\u0130\u212a", max_size=30))
@settings(max_examples=600, deadline=None)
def test_simple_item_groups_on_any_string(part: str) -> None:
    _assert_simple_item_as_regex(part)


def test_simple_item_takes_the_common_forms() -> None:
    for part in (
        "Smith, 2020",
        "Moreau & Yilmaz, 1990",
        "Smith, Lee, & Jones, 2020b",
        "Smith et al., 2020",
        "Lee & Park, 2020, p. 3",
        "Smith, 2020, pp. 12-15",
    ):
        assert inline._SIMPLE_ITEM.fullmatch(part), part
        _assert_simple_item_as_regex(part)
    for part in ("Smith 2020", "see Smith, 2020", "Smith, 2020, para. 4", "Smíth, 2020", "Smith, 1499"):
        assert inline._SIMPLE_ITEM.fullmatch(part) is None, part


def test_ascii_capitals_are_what_the_capital_patterns_take_in_ascii() -> None:
    # _plausible_author answers for an ASCII first character without _CAPITALISED_NAME and _UPPER
    for c in map(chr, range(128)):
        assert bool(regex.match(r"[\p{Lu}]", c)) == ("A" <= c <= "Z"), c
        if "A" <= c <= "Z":
            assert regex.compile(inline._CAPITALISED_NAME.pattern).match(c + "ab de"), c
    assert inline._plausible_author("Moreau & Yilmaz") and inline._plausible_author("van der Berg")
    assert inline._plausible_author("Émile Zola") and not inline._plausible_author("Smith and others")


@given(st.lists(st.text(alphabet="aAΣσ'.İiſ\u0307 Ωb\r\f\x1c\u2028", max_size=6), min_size=1, max_size=6))
@settings(max_examples=600, deadline=None)
def test_the_fold_of_joined_lines_is_the_fold_of_each(lines: list[str]) -> None:
    # find_furniture folds the whole text once and splits it at its line feeds
    assert fold("\n".join(lines)).split("\n") == [fold(line) for line in lines]


def test_a_final_sigma_does_not_reach_across_a_line_feed() -> None:
    assert fold("ΑΣ\nΒ").split("\n") == [fold("ΑΣ"), fold("Β")] == ["ας", "β"]


def test_ascii_name_separators_are_the_name_separators_in_ascii() -> None:
    ascii_chars = "".join(chr(c) for c in range(128))
    assert regex.findall(r"[\s,&]", ascii_chars) == [
        c for c in ascii_chars if inline._ASCII_NAME_SEPARATORS.fullmatch(c)
    ]
    for a in ("Moreau & Yilmaz", "Smith,  Lee,\t& Jones", "A\x1cB", " & Lee ,", "van der Berg et al."):
        assert inline._ASCII_NAME_SEPARATORS.split(a) == regex.split(r"[\s,&]+", a), a


def test_maybe_numeric_counts_first_characters_a_number_may_start_with() -> None:
    # ASCII ones of _NUMERIC_FIRST and every non-ASCII one ("−", "±", other scripts' digits)
    assert blocks._maybe_numeric(["1a", "-", "x", "−3", "é", "<5", "%", "Z"]) == 6
