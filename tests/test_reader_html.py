"""Web pages in (issue 21): the page's main text by trafilatura, the site's furniture listed as removed."""

from __future__ import annotations

from pathlib import Path

import pytest

from essayconv.convert import convert, input_format, read
from essayconv.diagnostics import ConversionError
from essayconv.model import Heading, Paragraph, all_cites, plain_text
from essayconv.options import ConvertOptions

PAGES = sorted((Path(__file__).parent / "fixtures" / "html").glob("*.html"))


def _essay(doc) -> dict:
    return {
        "title": doc.meta.title,
        "headings": [plain_text(h.content) for h in doc.blocks if isinstance(h, Heading)],
        "paragraphs": [plain_text(b.content) for b in doc.blocks if isinstance(b, Paragraph)],
        "references": [r.raw for r in doc.references],
        "citations": [(c.text, [i.key for i in c.items]) for c in all_cites(doc)],
    }


@pytest.mark.parametrize("page", PAGES, ids=[p.stem for p in PAGES])
def test_a_page_of_an_essay_site_gives_the_essay_of_its_text_copy(page: Path) -> None:
    """Navigation, ads, "Cite This Work", share buttons, related essays, comments and the footer around the
    essay leave it as the essay's own text gives it."""
    from_page = read(page.read_bytes(), ConvertOptions(), source_name=page.name)
    from_text = read(page.with_suffix(".txt").read_bytes(), ConvertOptions(), source_name=page.stem + ".txt")
    assert _essay(from_page) == _essay(from_text)
    from essayconv.citations.resolve import resolve

    linked = [i.key for c in all_cites(resolve(from_page)) for i in c.items]
    assert len(from_page.references) == 4 and len(linked) == 4 and all(linked)


def test_the_site_is_listed_as_removed_with_its_reason() -> None:
    page = next(p for p in PAGES if "gardens" in p.name)
    doc = read(page.read_bytes(), ConvertOptions(), source_name=page.name)
    removed = {r.text: r.reason for r in doc.removed}
    assert removed["Need a perfect paper? Place your first order and save 10% with code GARDEN10"].startswith(
        "web page"
    )
    assert "Stuck on your essay? Our writers can help 24/7." in removed
    assert any("Cite This Work" in t for t in removed)
    kept = " ".join(_essay(doc)["paragraphs"])
    assert "Our writers" not in kept and "Related Essays" not in kept


def test_the_page_converts_with_its_italics() -> None:
    import io

    import docx

    page = next(p for p in PAGES if "gardens" in p.name)
    data = convert(page.read_bytes(), ConvertOptions(to="docx"), source_name=page.name).data
    runs = [(r.text, r.italic) for p in docx.Document(io.BytesIO(data)).paragraphs for r in p.runs]
    assert ("Growing Cities", True) in runs


def test_the_format_of_a_page() -> None:
    assert input_format("<p>x</p>", None, "essay.html") == "html"
    assert input_format("<!DOCTYPE html><html><body><p>x</p></body></html>", None, "<stdin>") == "html"
    assert input_format("An essay about <html> tags.\n", None, "<stdin>") == "text"


def test_a_page_with_no_main_text_is_one_line() -> None:
    with pytest.raises(ConversionError, match="no main text"):
        read(
            b"<html><head><title>Essays</title></head><body><script>x()</script></body></html>",
            ConvertOptions(),
            source_name="e.html",
        )
