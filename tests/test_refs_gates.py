"""The reference parser's gated patterns: each gate is checked against its pattern's parse tree
(essayconv/_gate_derive.py), and a gate only ever answers "no match" where the pattern would."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from essayconv import _gate_derive as gd
from essayconv.references import _re, crf, dates, fields, names, rules

MODULES = (crf, dates, fields, names, rules)


def _gated() -> list[tuple[str, _re.GatedPattern]]:
    """Every gated pattern of the reference modules, at module level or in a module-level tuple."""
    found = []
    for mod in MODULES:
        for name, value in vars(mod).items():
            if isinstance(value, _re.GatedPattern):
                found.append((f"{mod.__name__.rsplit('.', 1)[-1]}.{name}", value))
            elif isinstance(value, tuple):
                for i, item in enumerate(value):
                    if isinstance(item, tuple) and item and isinstance(item[-1], _re.GatedPattern):
                        found.append((f"{mod.__name__.rsplit('.', 1)[-1]}.{name}[{i}]", item[-1]))
    return found


GATED = _gated()


def test_the_modules_have_gated_patterns() -> None:
    names_ = {n for n, _ in GATED}
    assert {"names._ORG", "names._ROLE", "fields._THESIS", "dates._MONTH", "crf._URL_TOKEN"} <= names_
    assert len(GATED) >= 40


@pytest.mark.parametrize("name,pattern", GATED, ids=[n for n, _ in GATED])
def test_each_gate_is_implied_by_its_pattern(name: str, pattern: _re.GatedPattern) -> None:
    """Each group of keywords: every match of the pattern consumes one of them (case-folded if the
    pattern ignores case), so a string without any of them holds no match."""
    assert pattern.needs, f"{name}: no gate (run tools/gen_gates.py)"
    gd.check_gate(pattern.pattern, int(pattern._lazy._flags), "re", (), pattern.needs)


def test_the_derivation_rejects_wrong_gates() -> None:
    """The checker itself: it refuses keywords that a match can do without."""

    def ok(pattern: str, keys: tuple[str, ...], flags: int = 0) -> bool:
        items = gd.parse(pattern, flags, "re")
        assert items is not None
        return gd.covers(items, keys, gd.mode_of(flags, "re"))

    assert ok(r"\bfoo(?:bar)?", ("foo",)) and not ok(r"\bfoo(?:bar)?", ("bar",))
    assert ok(r"a|bc|[Dd]x", ("a", "c", "dx"), re.I) and not ok(r"a|bc|dx", ("a", "c"))
    assert ok(r"(?:x\s+)?[Ii]n\s", ("In", "in")) and not ok(r"(?:x\s+)?[Ii]n\s", ("in",))
    assert not ok(r"(?:ab)*c?", ("ab", "c")) and ok(r"(?:ab)+", ("ab",)) and not ok(r"x?", ("x",))
    assert ok(r"\s*pp?\.", ("p.",)) and ok(r"cent(?:re|er)", ("centre", "center")) and not ok(r"ab?c", ("abc",))
    assert ok(r"Foo", ("foo",), re.I) and not ok(r"Foo", ("foo",))
    # re's IGNORECASE takes "K" (Kelvin sign) for "k": in an ASCII string the keyword is "k"
    assert ok("\u212aelvin", ("kelvin",), re.I) and not ok("\u212aelvin", ("\u212aelvin",), re.I)


def test_derived_gates_of_reference_shapes() -> None:
    assert gd.derive(r"10\.\d{3,9}/", 0, "re") == ((), (("10.",), ("/",)))
    assert gd.derive(r"\b(?:accessed|retrieved)\b", re.I, "re") == ((), (("accessed", "retrieved"),))
    assert gd.derive(r"^(?:vol(?:ume)?s?|v)\b", re.I, "re") == ((), (("v",),))  # "vol..." holds "v"
    assert gd.derive(r"^pages?", 0, "re")[0] == ()  # the references' shim has no start strings


def test_case_insensitive_keywords_are_lower_case() -> None:
    with pytest.raises(ValueError):
        _re.GatedPattern(r"Abc", re.I, (("Abc",),))


# Strings near the keywords: pieces of references, the keywords themselves, and letters that re's
# IGNORECASE folds onto ASCII ones (dotless i, long s, Kelvin sign, dotted capital I).
_PIECES = [
    "Smith, J. A.",
    "(2020).",
    "In ",
    "in: ",
    "ed.",
    "(Eds.)",
    "Ed.",
    "Hrsg.",
    "vol. 3",
    "no. 2",
    "pp. 4-5",
    "p.",
    "S. 7",
    "10.1234/abc",
    "https://x.org",
    "www.",
    "Journal",
    "Press",
    "Thesis",
    "report",
    "March",
    "Spring",
    "trans.",
    "et al.",
    "…",
    "...",
    "(N.)",
    "[x]",
    "‐",
    "–",
    "—",
    "−",
    "2019-03-04",
    "12:3",
    "4/5",
    " ",
    ",",
    ".",
    ";",
    "(",
    ")",
    '"',
    "“",
    "ı",
    "ſ",
    "K",
    "İ",
    "é",
    "Lee",
    "World Health Organization",
    "Department",
    "presented at",
    "Retrieved from",
    "accessed",
    "original work published",
    "commerce",
    "Times",
    "Magazine",
    "2nd ed",
    "(3rd ed.)",
    "(Technical report)",
    ", PhD thesis",
    "\n",
]
_TEXT = st.lists(st.sampled_from(_PIECES) | st.text(max_size=3), max_size=8).map("".join)


@settings(max_examples=300, deadline=None)
@given(_TEXT)
def test_a_closed_gate_means_no_match(text: str) -> None:
    for name, pattern in GATED:
        if not pattern.open(text):
            compiled = re.compile(pattern.pattern, pattern.flags)
            assert compiled.search(text) is None, name
            assert pattern.search(text) is None and pattern.match(text) is None and pattern.fullmatch(text) is None
            assert pattern.sub("#", text) == text and pattern.split(text) == [text]


def test_gated_methods_answer_as_the_pattern_does() -> None:
    texts = [
        "Lee, A., & Park, B. (2020). A title. Journal of Examples, 1(2), 3-4.",
        "Doe, J. (Ed.). (2018). In K. Editor (Eds.), Big book (2nd ed., pp. 10–20). Wiley. https://doi.org/10.1/x",
        "Kım, Y. (2021, Spring). Thesis (Doctoral dissertation). Retrieved from http://www.x.edu",
    ]
    for name, pattern in GATED:
        compiled = re.compile(pattern.pattern, pattern.flags)
        for text in texts + [t[k:] for t in texts for k in range(0, len(t), 7)]:
            for fn in ("search", "match", "fullmatch"):
                a, b = getattr(pattern, fn)(text), getattr(compiled, fn)(text)
                assert (a and (a.span(), a.groups())) == (b and (b.span(), b.groups())), (name, fn, text)
            assert pattern.sub("<\\g<0>>", text) == compiled.sub("<\\g<0>>", text), name
            assert pattern.split(text, 1) == compiled.split(text, 1), name


def test_a_gated_pattern_compiles_only_when_its_gate_opens() -> None:
    p = _re.GatedPattern(r"\bzyxw-never-elsewhere\b", re.I, (("zyxw",),))
    assert p.search("Lee, A. (2020). Title.") is None and p._lazy._compiled is None
    assert p.search("a ZYXW-never-elsewhere b").span() == (2, 22)
    assert p._lazy._compiled is re.compile(r"\bzyxw-never-elsewhere\b", re.I)
    assert _re.search(p, "zyxw-never-elsewhere") is not None  # module-level calls take the pattern itself


def test_is_initial_answers_as_its_pattern_does() -> None:
    """Exhaustively over short strings of an alphabet that meets each branch of the fast path."""
    import itertools

    alphabet = ["A", "Ž", "Ÿ", "Þ", "×", "ſ", "a", "é", ".", "-", "\n"]
    pattern = re.compile(names._INITIAL.pattern)
    for n in range(6):
        for chars in itertools.product(alphabet, repeat=n):
            tok = "".join(chars)
            assert names._is_initial(tok) == bool(pattern.match(tok)), repr(tok)


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from(["A", "B", "Ā", "a", "z", ".", "-", "\n", " "]), min_size=5, max_size=10))
def test_is_initial_answers_as_its_pattern_does_on_longer_strings(tok: str) -> None:
    assert names._is_initial(tok) == bool(re.compile(names._INITIAL.pattern).match(tok))


def test_shape_answers_as_the_substitution_patterns_do() -> None:
    """Every code point, through the four substitutions the shape was once made of."""
    every = "".join(chr(c) for c in range(0x110000))
    steps = ((r"[A-ZÀ-ÖØ-Þ]", "X"), (r"[a-zß-öø-ÿ]", "x"), (r"\d", "d"), (r"[^Xxd]", "_"))
    expected = every
    for pattern, rep in steps:
        expected = re.sub(pattern, rep, expected)
    assert "".join(map(crf._shape_char, every)) == expected
    assert crf._shape("Smith-Jones,") == "Xxx_Xxx_" and crf._shape("2020a") == "ddx"


def test_shape_of_ascii_words_is_the_shape_of_their_characters() -> None:
    """The translate table of ASCII words gives what the character-by-character shape gives."""
    words = ["Smith-Jones,", "2020a", "McDonald's", "IEEE", "pp.", "(1999).", "x" * 12, "A_b~c"]
    for word in words + ["".join(chr(c) for c in range(i, i + 10)) for i in range(0, 128, 10)]:
        expected = re.sub(r"(.)\1{2,}", r"\1\1", "".join(map(crf._shape_char, word)))[:8]
        assert crf._shape(word) == expected, word


def test_word_core_answers_as_its_pattern_does() -> None:
    """_core skips _CORE when both ends are word characters: word_char must be re's \\w on every code point."""
    every = "".join(chr(c) for c in range(0x110000))
    assert "".join(filter(_re.word_char, every)) == "".join(re.findall(r"\w", every))
    for tok in ("(Smith,", "Smith", "“Title”.", "—", "_x_", "2020a)."):
        assert crf._core(tok) == crf._CORE.sub("", tok), tok


@settings(max_examples=500, deadline=None)
@given(
    st.text(alphabet=st.sampled_from(["i", "I", "j", "r", "s", "n", "d", "v", "2", "3", ".", "\n", "ſ"]), max_size=7)
)
def test_suffix_length_gate_answers_as_the_pattern_does(word: str) -> None:
    assert names._is_suffix(word) == bool(re.compile(names._SUFFIX_PATTERN.pattern, re.I).match(word))


@given(st.text(alphabet=st.sampled_from(["a", " ", "\t", "\n", "\u00a0", "\u2003", "\x1c", "\u3000", "\x85"])))
def test_normalise_spaces_as_the_pattern_does(text: str) -> None:
    from essayconv.references.parse import normalise

    assert normalise(text) == re.sub(r"\s+", " ", text).strip()
