"""Hostile styles, locales and style names (issue 15): bounded rendering work, one-line errors."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import deadline

from essayconv import ConversionError, ConvertOptions, convert
from essayconv.cli import main

ESSAY = (
    "T\n\nText (Price & Bentele, 2023).\n\nReferences\n\nPrice, K., & Bentele, K. G. (2023). "
    "Defining worthy victims. Victims & Offenders, 18(3), 512-542.\n"
)


def _style(macros: list[str], top: str, default_locale: str | None = None) -> str:
    locale = f' default-locale="{default_locale}"' if default_locale is not None else ""
    return f"""<?xml version="1.0" encoding="utf-8"?>
<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0"{locale}>
  <info><title>Hostile</title><id>hostile</id><updated>2020-01-01T00:00:00+00:00</updated></info>
  {"".join(macros)}
  <citation><layout prefix="(" suffix=")"><text macro="{top}"/></layout></citation>
  <bibliography><layout><text macro="{top}"/></layout></bibliography>
</style>"""


def _doubling(depth: int) -> str:
    """Macro i calls macro i-1 twice: 2^depth titles per rendering."""
    macros = ['<macro name="m0"><text variable="title"/></macro>']
    macros += [
        f'<macro name="m{i}"><group delimiter=" "><text macro="m{i - 1}"/><text macro="m{i - 1}"/></group></macro>'
        for i in range(1, depth + 1)
    ]
    return _style(macros, f"m{depth}")


def _chain(depth: int) -> str:
    """Macro i calls macro i-1 once (inside a group and a choose): no blow-up, only depth."""
    macros = ['<macro name="m0"><text variable="title"/></macro>']
    macros += [
        f'<macro name="m{i}"><group><choose><if variable="title"><text macro="m{i - 1}"/></if></choose></group></macro>'
        for i in range(1, depth + 1)
    ]
    return _style(macros, f"m{depth}")


def _write(tmp_path: Path, name: str, text: str) -> Path:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def _convert(style: str | Path, locale: str | None = None) -> str:
    doc = convert(ESSAY, ConvertOptions(to="json", style=str(style), locale=locale)).document
    assert doc.bibliography is not None
    return "".join(str(e.content) for e in doc.bibliography.entries)


def _cli(tmp_path: Path, *args: str) -> object:
    essay = tmp_path / "essay.txt"
    essay.write_text(ESSAY, encoding="utf-8")
    return CliRunner().invoke(main, ["convert", str(essay), "--to", "json", "-o", str(tmp_path / "out.json"), *args])


def _one_line_error(r: object) -> str:
    assert r.exit_code in (1, 2), (r.exit_code, r.stderr)  # type: ignore[attr-defined]
    err: str = r.stderr  # type: ignore[attr-defined]
    assert err.count("\n") == 1 and err.endswith("\n"), err
    assert "Traceback" not in err and "internal error" not in err
    return err


# ---------------------------------------------------------------------------------------------
# 1. rendering work per style is bounded; macro recursion is an error
# ---------------------------------------------------------------------------------------------


def test_exponential_macro_style_is_refused_quickly_naming_it(tmp_path: Path) -> None:
    csl = _write(tmp_path, "doubling.csl", _doubling(30))  # (today: 2^30 titles, never finishes)
    t0 = time.perf_counter()
    with deadline(10), pytest.raises(ConversionError) as err:
        _convert(csl)
    assert time.perf_counter() - t0 < 3
    msg = str(err.value)
    assert "doubling.csl" in msg and "steps" in msg and "\n" not in msg


def test_exponential_macro_style_through_the_cli_is_one_line(tmp_path: Path) -> None:
    csl = _write(tmp_path, "doubling.csl", _doubling(20))
    with deadline(10):
        r = _cli(tmp_path, "--style", str(csl))
    err = _one_line_error(r)
    assert "doubling.csl" in err and "exponentially" in err
    assert not (tmp_path / "out.json").exists()


def test_small_doubling_and_a_deep_chain_still_render(tmp_path: Path) -> None:
    # 2^8 titles and 40 macros nested (Chicago's deepest is 12): within the bounds
    assert _convert(_write(tmp_path, "d8.csl", _doubling(8))).count("Defining worthy victims") == 2**8
    assert "Defining worthy victims" in _convert(_write(tmp_path, "c40.csl", _chain(40)))


def test_self_recursive_macro_is_refused(tmp_path: Path) -> None:
    csl = _write(tmp_path, "selfish.csl", _style(['<macro name="r"><group><text macro="r"/></group></macro>'], "r"))
    with deadline(10), pytest.raises(ConversionError) as err:
        _convert(csl)
    assert str(err.value).endswith("selfish.csl: macro 'r' calls itself")


def test_macro_cycle_is_refused_through_the_cli(tmp_path: Path) -> None:
    macros = [
        '<macro name="a"><text macro="b"/></macro>',
        '<macro name="b"><text variable="title"/><text macro="c"/></macro>',
        '<macro name="c"><choose><if type="book"><text macro="a"/></if></choose></macro>',
    ]
    csl = _write(tmp_path, "cycle.csl", _style(macros, "a"))
    with deadline(10):
        r = _cli(tmp_path, "--style", str(csl))
    err = _one_line_error(r)
    assert "cycle.csl" in err and "'a' -> 'b' -> 'c' -> 'a'" in err


def test_macro_nesting_too_deep_for_the_stack_is_refused(tmp_path: Path) -> None:
    # (today: a RecursionError inside citeproc, reported as a reference that could not render)
    csl = _write(tmp_path, "deep.csl", _chain(400))
    with deadline(10), pytest.raises(ConversionError) as err:
        _convert(csl)
    assert "deep.csl" in str(err.value) and "nest more than" in str(err.value)


# ---------------------------------------------------------------------------------------------
# 2. locales are checked against the known ones before they reach anything
# ---------------------------------------------------------------------------------------------


def test_locale_with_quotes_is_a_clean_error() -> None:
    with pytest.raises(ConversionError) as err:
        _convert("apa", locale='x" onload=')
    assert str(err.value) == "unknown locale 'x\" onload='"


def test_locale_with_quotes_through_the_cli_is_one_line(tmp_path: Path) -> None:
    r = _cli(tmp_path, "--locale", 'x" onload=')
    err = _one_line_error(r)
    assert "unknown locale 'x\" onload='" in err and "XPath" not in err


def test_locale_injection_after_a_known_language_suggests_its_locales() -> None:
    # (today the language "de" lets it through to the xpath query)
    with pytest.raises(ConversionError) as err:
        _convert("apa", locale='de" or "1')
    assert "XPath" not in str(err.value)
    assert str(err.value) == "unknown locale 'de\" or \"1' (did you mean de-AT, de-CH, de-DE?)"


@pytest.mark.parametrize(("asked", "suggested"), [("german", "de-DE"), ("jp", "ja-JP"), ("en-", "en-US")])
def test_unknown_locale_suggests_close_ones(asked: str, suggested: str) -> None:
    with pytest.raises(ConversionError) as err:
        _convert("apa", locale=asked)
    assert str(err.value).startswith(f"unknown locale '{asked}' (did you mean ")
    assert suggested in str(err.value)


def test_locale_spellings_that_name_a_known_locale_are_accepted() -> None:
    from essayconv.citations.csl import known_locale

    assert [known_locale(n) for n in ("de", "de-DE", "de_at", "DE-ch", "sr-latn-rs", "de-LU")] == [
        "de",
        "de-DE",
        "de-AT",
        "de-CH",
        "sr-Latn-RS",
        "de-LU",
    ]
    assert "Price" in _convert("apa", locale="de_de")


def test_style_default_locale_with_quotes_does_not_reach_xpath(tmp_path: Path) -> None:
    # a style's own default-locale is untrusted too: not a known locale, so the terms are en-US's
    macros = ['<macro name="t"><text variable="title"/></macro>']
    csl = _write(tmp_path, "loc.csl", _style(macros, "t", default_locale="x&quot; onload="))
    assert "Defining worthy victims" in _convert(csl)


# ---------------------------------------------------------------------------------------------
# 3. an unknown style name gets the closest styles, not a search that finds nothing
# ---------------------------------------------------------------------------------------------


def test_unknown_style_suggests_the_closest() -> None:
    with pytest.raises(ConversionError) as err:
        _convert("apa7")
    assert str(err.value).startswith("unknown style 'apa7' (did you mean apa, ")
    assert "essayconv styles" not in str(err.value)


@pytest.mark.parametrize(
    ("asked", "suggested"),
    [
        ("mla9", "mla"),
        ("chicago-author-date-17", "chicago-author-date-17th-edition"),
        ("vancover", "vancouver"),
        ("turabian", "turabian-author-date"),
    ],
)
def test_unknown_style_suggestions(asked: str, suggested: str) -> None:
    with pytest.raises(ConversionError) as err:
        _convert(asked)
    assert f" {suggested}," in str(err.value) or f" {suggested}?" in str(err.value)


def test_unknown_style_through_the_cli_is_one_line(tmp_path: Path) -> None:
    err = _one_line_error(_cli(tmp_path, "--style", "apa7"))
    assert "unknown style 'apa7' (did you mean apa" in err


def test_overlong_style_name_is_a_clean_error(tmp_path: Path) -> None:
    # (today: OSError "File name too long" from the style lookup)
    err = _one_line_error(_cli(tmp_path, "--style", "x" * 300))
    assert "unknown style 'xxx" in err
