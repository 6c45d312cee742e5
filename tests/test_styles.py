"""Finding and describing CSL styles; the `styles` command."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from essayconv.citations.styles import list_styles, resolve_style
from essayconv.cli_styles import styles
from essayconv.diagnostics import ConversionError


@pytest.mark.parametrize(
    ("spec", "sid", "family", "heading", "klass"),
    [
        ("apa", "apa", "apa", "References", "in-text"),
        ("MLA", "modern-language-association", "mla", "Works Cited", "in-text"),
        ("chicago", "chicago-author-date", "chicago", "References", "in-text"),
        ("chicago-notes-bibliography", "chicago-notes-bibliography", "chicago", "Bibliography", "note"),
        ("ieee", "ieee", "numeric", "References", "in-text"),
        ("harvard", "harvard-cite-them-right", "author-date", "Reference List", "in-text"),
        ("vancouver", "vancouver-nlm", "numeric", "References", "in-text"),
    ],
)
def test_aliases_and_families(spec: str, sid: str, family: str, heading: str, klass: str) -> None:
    info = resolve_style(spec)
    assert (info.id, info.family, info.bib_heading, info.style_class) == (sid, family, heading, klass)
    assert info.path.is_file()


def test_dependent_style_resolves_to_parent() -> None:
    info = resolve_style("vancouver-nlm")
    assert info.parent_id == "nlm-citation-sequence" and info.path.name == "nlm-citation-sequence.csl"
    assert info.title.startswith("Vancouver")


def test_unknown_style() -> None:
    with pytest.raises(ConversionError) as err:
        resolve_style("xyz-no-such")
    assert (
        str(err.value)
        == "unknown style 'xyz-no-such' (search the styles by a word of their title with `essayconv styles WORD`)"
    )


def test_bad_csl_file_names_file_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.csl"
    bad.write_text('<?xml version="1.0"?>\n<style xmlns="http://purl.org/net/xbiblio/csl">\n<info>\n</style>\n')
    with pytest.raises(ConversionError) as err:
        resolve_style(str(bad))
    assert str(bad) in str(err.value) and "line 4" in str(err.value)


def test_entities_are_not_expanded(tmp_path: Path) -> None:
    src = Path(resolve_style("apa").path).read_text(encoding="utf-8")
    evil = src.replace(
        '<?xml version="1.0" encoding="utf-8"?>',
        '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE style [<!ENTITY x SYSTEM "file:///etc/passwd">]>',
    ).replace("<title>APA Style 7th edition</title>", "<title>&x;</title>")
    p = tmp_path / "evil.csl"
    p.write_text(evil, encoding="utf-8")
    info = resolve_style(str(p))
    assert "root:" not in info.title


def test_local_csl_file_renders(tmp_path: Path) -> None:
    from essayconv.citations.csl import format_bibliography

    p = tmp_path / "mine.csl"
    p.write_text(Path(resolve_style("ieee").path).read_text(encoding="utf-8"), encoding="utf-8")
    out = format_bibliography(
        [{"id": "a", "type": "book", "title": "Only", "author": [{"family": "Doe", "given": "Jo"}]}], str(p)
    )
    assert out.startswith("[1] J. Doe, Only.")


def test_list_styles_search() -> None:
    found = list_styles("cite them right")
    assert ("harvard-cite-them-right", "Cite Them Right 12th edition (author-date/Harvard)") in found
    assert all("cite them right" in (i + " " + t).lower() for i, t in found)
    assert len(list_styles()) > 1000


def test_styles_command() -> None:
    res = CliRunner().invoke(styles, ["vancouver-nlm"])
    assert res.exit_code == 0 and "Vancouver - NLM (citation-sequence)" in res.output
    res = CliRunner().invoke(styles, ["zzzz-nothing"])
    assert res.exit_code != 0 and "no style matches 'zzzz-nothing'" in res.output
