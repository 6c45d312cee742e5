"""Live Zotero citation fields for the DOCX writer (``--zotero``).

Zotero's Word plugin keeps each citation as a field, ``ADDIN ZOTERO_ITEM CSL_CITATION {json}``, whose
JSON holds every cited item's CSL-JSON (``itemData``), and the reference list as ``ADDIN ZOTERO_BIBL``.
A DOCX written with these opens in Word with the plugin as if Zotero had inserted the citations: the
student can refresh, change the style, add citations. The items need not be in the student's library:
the plugin uses the embedded data (and offers to link them). The field's text is the rendering essayconv
made, so the document reads the same before any refresh.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from ..model import Cite, Document
from ._docx_parts import text as escape

SCHEMA = "https://github.com/citation-style-language/schema/raw/master/csl-citation.json"
BIBLIOGRAPHY = 'ADDIN ZOTERO_BIBL {"uncited":[],"omitted":[],"custom":[]} CSL_BIBLIOGRAPHY'


class Fields:
    """The citation fields of one document: the items by reference id, numbered as Zotero numbers items."""

    def __init__(self, doc: Document) -> None:
        self.items: dict[str, dict[str, Any]] = {}
        for n, ref in enumerate(doc.references, start=1):
            self.items[ref.id] = {**_csl(ref.csl), "id": n}

    def covers(self, cite: Cite) -> bool:
        """Whether every work of the citation is a reference of the list (else it stays plain text)."""
        return bool(cite.items) and all(it.key in self.items for it in cite.items)

    def instruction(self, cite: Cite, shown: str, note_index: int = 0, suppress_author: bool = False) -> str:
        """The field instruction of a citation, ``shown`` being its text as rendered (with
        ``suppress_author``, the part after the names a narrative citation keeps in the sentence)."""
        items = []
        for it in cite.items:
            data = self.items[str(it.key)]
            entry: dict[str, Any] = {"id": data["id"], "uris": [], "itemData": data}
            if it.locator:
                entry["locator"] = it.locator
                entry["label"] = it.label or "page"
            if it.prefix.strip():
                entry["prefix"] = it.prefix.strip()
            if it.suffix.strip():
                entry["suffix"] = it.suffix.strip()
            if suppress_author:
                entry["suppress-author"] = True
            items.append(entry)
        payload = {
            "citationID": _citation_id(cite, shown),
            "properties": {"formattedCitation": shown, "plainCitation": shown, "noteIndex": note_index},
            "citationItems": items,
            "schema": SCHEMA,
        }
        return "ADDIN ZOTERO_ITEM CSL_CITATION " + json.dumps(payload, ensure_ascii=False)


def _csl(csl: Mapping[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in csl.items() if k != "id" and not k.startswith("_")}


def _citation_id(cite: Cite, shown: str) -> str:
    """A stable 8-letter id, as Zotero's (the same citation text at the same line gives the same id)."""
    import hashlib  # (here: only --zotero needs it, and it costs a conversion's start-up 4 ms)

    digest = hashlib.sha1(f"{cite.line}|{cite.text}|{shown}".encode()).hexdigest()
    return "".join(chr(ord("a") + int(c, 16)) for c in digest[:8])


def begin(instruction: str) -> str:
    """The runs that open a complex field and give its instruction; the field's result runs follow.
    (Escaped as the writer escapes all text, not with xml.sax.saxutils, whose import drags in
    urllib.request and http.client, ~20 ms of a cold start; the two differ only on a carriage return,
    which an instruction never holds: its JSON escapes every control character.)"""
    return (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        f'<w:r><w:instrText xml:space="preserve"> {escape(instruction)} </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
    )


END = '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
