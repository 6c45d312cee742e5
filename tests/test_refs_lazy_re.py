"""The references' lazy ``re`` shim gives what the standard ``re`` module gives, and compiles on first use."""

from __future__ import annotations

import re

import pytest

from essayconv.references import _re
from essayconv.references.crf import _token_info, features, tokenize


def test_shim_functions_agree_with_re() -> None:
    text = "Smith, J. A. (2020). Title of\u00a0the work: a study. Journal, 4(2), 10–20. K\u0131m \u212a\x1c."
    cases = [r"\w+", r"\s+", r"\b[A-Z]\.", r"(\d+)\((\d+)\)", r"(?<=\.)\s+(?=[A-Z])", r"[a-z]+", r"^\W*", r"k"]
    for pat in cases:
        for flags in (0, re.I):
            assert _re.findall(pat, text, flags) == re.findall(pat, text, flags)
            assert _re.sub(pat, r"<\g<0>>", text, 2, flags) == re.sub(pat, r"<\g<0>>", text, 2, flags)
            assert _re.split(pat, text, 1, flags) == re.split(pat, text, 1, flags)
            assert [m.span() for m in _re.finditer(pat, text, flags)] == [
                m.span() for m in re.finditer(pat, text, flags)
            ]
            for fn in ("search", "match", "fullmatch"):
                a, b = getattr(_re, fn)(pat, text, flags), getattr(re, fn)(pat, text, flags)
                assert (a and a.span()) == (b and b.span())
            lazy = _re.compile(pat, flags)
            assert [m.span() for m in lazy.finditer(text)] == [m.span() for m in re.finditer(pat, text, flags)]
            assert lazy.sub("#", text) == re.sub(pat, "#", text, flags=flags)
            assert _re.search(lazy, text) is not None or re.search(pat, text, flags) is None
    assert _re.sub(r"x", "y", "axbx", flags=re.I) == "ayby"
    assert _re.split(r",", "a,b,c", maxsplit=1) == ["a", "b,c"]


def test_patterns_compile_on_first_use() -> None:
    p = _re.compile(r"(?P<n>\d+)-never-used-elsewhere")
    assert p._compiled is None
    assert p.search("x 12-never-used-elsewhere").group("n") == "12"
    assert p.groupindex == {"n": 1} and p.pattern == r"(?P<n>\d+)-never-used-elsewhere"
    assert p._compiled is re.compile(r"(?P<n>\d+)-never-used-elsewhere")


def test_features_take_neighbour_strings_from_the_token_cache() -> None:
    text = "Smith, J. (2020). A title. Journal, 4(2), 10-20."
    spans = tokenize(text)
    raw = features(text, spans)
    # the tagger takes UTF-8 bytes (a str attribute python-crfsuite would encode again for each token)
    assert all(isinstance(f, bytes) for item in raw for f in item)
    fs = [[f.decode() for f in item] for item in raw]
    words = [_token_info(text[a:b])[0][0] for a, b in spans]
    # token 3 sees token 0 three back and token 6 three on; bigrams join neighbouring words
    assert "-3:" + words[0] in fs[3] and "3:" + words[6] in fs[3]
    assert f"bi={words[2][2:]}|{words[3][2:]}" in fs[3] and f"bn={words[3][2:]}|{words[4][2:]}" in fs[3]
    assert "-2:none" in fs[0] and "-1:none" in fs[0] and "2:none" in fs[-1] and "1:none" in fs[-1]
    assert not any(f.startswith(("-3:", "bi=")) for f in fs[0])


@pytest.mark.parametrize("engine", ["re", "regex"])
def test_cache_of_module_level_calls_is_bounded(engine: str) -> None:
    # the references' re shim and the readers' regex shim share one cache class (essayconv/_patterns.py)
    from essayconv.readers import _rx

    shim = _re if engine == "re" else _rx
    cache, limit = shim.PATTERNS.cache, shim.PATTERNS.MAX
    saved = dict(cache)
    try:
        cache.clear()
        for i in range(limit + 5):
            assert shim.search(f"\\b{1000 + i}([a-z])", f"({1000 + i}b)") is not None
        assert len(cache) == limit
        assert ("\\b1000([a-z])", 0) not in cache and (f"\\b{1000 + limit + 4}([a-z])", 0) in cache
    finally:
        cache.clear()
        cache.update(saved)


def test_space_separated_pairs_never_have_a_comma_after_a_full_stop() -> None:
    from essayconv.references.names import _SPACE_PAIRS, parse_names

    assert _SPACE_PAIRS.fullmatch("Modahl, C. Green, L. Fein, D.")
    for seg in ["Smith, J. A., & Jones, B.", "Modahl, C., Green, L.", "Smith, J., Jones, K., Lee, M."]:
        assert ".," in seg and not _SPACE_PAIRS.fullmatch(seg)
    names, _ = parse_names("Modahl, C. Green, L. Fein, D.")
    assert [n["family"] for n in names] == ["Modahl", "Green", "Fein"]
    names, _ = parse_names("Smith, J. A., & Jones, B.")
    assert [(n["family"], n["given"]) for n in names] == [("Smith", "J. A."), ("Jones", "B.")]


def test_quoted_title_patterns_need_a_quotation_mark() -> None:
    from essayconv.references import fields

    for rx in (fields._QUOTED, fields._OPEN_ONLY, fields._CLOSE_ONLY):
        # every character class that a match must use holds only quotation marks
        for chars in re.findall(r"(?<!\^)\[([^\]^]+)\]", rx.pattern):
            assert set(chars) <= fields._QUOTE_MARKS | {"\\"}, (rx.pattern, chars)
    assert fields.to_csl([("title", "In: “Growing up in large cities”")], "x")["title"] == "Growing up in large cities"
    assert fields.to_csl([("title", "Growing up in cities")], "x")["title"] == "Growing up in cities"
