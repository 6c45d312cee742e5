"""Conversion options as one frozen value (black's ``Mode``): what the CLI and the library pass around."""

from __future__ import annotations

from msgspec import Struct

from .model import Meta

FORMATS = ("docx", "pdf", "json", "md")


class MetaOverrides(Struct, frozen=True):
    """Title-block fields given on the command line; they win over what the reader found."""

    title: str | None = None
    author: str | None = None
    instructor: str | None = None
    course: str | None = None
    affiliation: str | None = None
    date: str | None = None

    def apply(self, meta: Meta) -> Meta:
        from msgspec.structs import asdict, replace

        given = {k: v for k, v in asdict(self).items() if v}
        return replace(meta, **given) if given else meta


class ConvertOptions(Struct, frozen=True):
    to: str = "docx"
    style: str = "apa"  # a style id, an alias (apa, mla, chicago, ieee, harvard, vancouver) or a .csl path
    locale: str | None = None  # "de-DE"; None: the style's default, else en-US
    layout: str | None = None  # "apa" | "mla" | "chicago" | "plain"; None: from the style's family
    paper: str | None = None  # "letter" | "a4"; None: the layout's default (US Letter)
    font: str | None = None  # body font family; None: the layout's default (Times New Roman)
    meta: MetaOverrides = MetaOverrides()
    encoding: str | None = None  # force the input encoding
    input_format: str | None = None  # "text" | "md" (convert.INPUT_FORMATS); None: from the extension, else the content
    max_bytes: int = 10_000_000  # larger inputs are refused (an essay is rarely over 1 MB)
    straight_quotes: bool = False  # keep the text's straight quotes in DOCX/PDF (default: curly, in English)
    bibliography: str | None = None  # a CSL-JSON file of the user's own items for the reference list
    review: bool = False  # DOCX/PDF: the check's findings as comments in the document (issue 20)
    zotero: bool = False  # DOCX: citations and the reference list as Zotero's live fields
