"""The transforms stage: whole-document passes in one declared order, as each writer needs them."""

from __future__ import annotations

import json

import pytest

from essayconv import transforms
from essayconv.convert import convert
from essayconv.layouts import layout_for
from essayconv.model import Document, Footnote, Paragraph, Text
from essayconv.options import ConvertOptions
from essayconv.writers import writer_needs

ESSAY = (
    'Reading "Slow Rivers"\n\nThe report calls towns "river-made" (Ortiz, 2019), see https://example.org/rivers '
    "for the maps.\n\nReferences\n\nOrtiz, L. (2019). Towns and rivers. Journal of Water History, 4(2), "
    "10-20. https://doi.org/10.1234/jwh.4.2\n"
)


def _texts(node: object) -> list[str]:
    if isinstance(node, dict):
        return ([node["text"]] if node.get("type") == "Text" else []) + [t for v in node.values() for t in _texts(v)]
    if isinstance(node, list):
        return [t for v in node for t in _texts(v)]
    return []


def _types(node: object) -> list[str]:
    if isinstance(node, dict):
        return [str(node.get("type"))] + [t for v in node.values() for t in _types(v)]
    if isinstance(node, list):
        return [t for v in node for t in _types(v)]
    return []


def test_the_json_dump_is_the_document_the_page_writers_render() -> None:
    dump = json.loads(convert(ESSAY, ConvertOptions(to="json")).data)
    assert dump["transforms"] == ["smart-quotes", "orphan-notes", "links"]
    body = " ".join(_texts(dump["blocks"]))
    assert "\u201criver-made\u201d" in body and '"river-made"' not in body  # curled, as in the DOCX
    assert _types(dump["blocks"]).count("Link") == 1  # the bare URL, as in the DOCX
    assert "Link" in _types(dump["bibliography"])
    docx = convert(ESSAY, ConvertOptions(to="docx"))
    assert docx.document.transforms == ("smart-quotes", "title-block-warnings", "orphan-notes", "links")


def test_straight_quotes_leave_the_text_as_written() -> None:
    dump = json.loads(convert(ESSAY, ConvertOptions(to="json", straight_quotes=True)).data)
    assert '"river-made"' in " ".join(_texts(dump["blocks"]))


def test_passes_run_in_the_declared_order_once_each() -> None:
    layout = layout_for("apa", None)
    doc = Document(
        blocks=(Paragraph((Text("see https://example.org"),)),),
        footnotes=(Footnote("n1", (Text("A note with no mark."),), "*"),),
    )
    ctx = transforms.Context(ConvertOptions(), layout)
    once = transforms.apply(doc, ctx, ("links", "orphan-notes"))  # asked out of order
    assert once.transforms == ("orphan-notes", "links")
    assert transforms.apply(once, ctx, ("links", "orphan-notes")) == once  # nothing runs twice
    assert [type(n).__name__ for n in once.blocks[0].content] == ["Text", "Link", "NoteRef"]
    with pytest.raises(ValueError, match="unknown transforms: curl"):
        transforms.apply(doc, ctx, ("curl",))


def test_every_writer_names_only_known_passes_and_the_page_writers_the_essential_ones() -> None:
    for name in ("docx", "pdf", "json"):
        assert set(writer_needs(name)) <= transforms.NAMES
    for name in ("docx", "pdf"):
        assert set(transforms.ESSENTIAL) <= set(writer_needs(name))
    assert "font-warnings" in writer_needs("pdf") and "font-warnings" not in writer_needs("docx")
