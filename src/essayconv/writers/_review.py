"""Where ``--review`` puts the check's findings (issue 20): one comment per finding, on the citation or the
reference entry it names, else on the title (or the first paragraph when there is no title).

Both document writers place the same comments: the DOCX as Word comments, the PDF as text annotations.
Deciding *which* comment goes *where* lives here once; the writers only draw them.
"""

from __future__ import annotations

from collections.abc import Iterable

from msgspec import Struct

from ..check import Finding
from ..model import Cite, Document, all_cites

AUTHOR = "essayconv"  # the comments' author, as Word and PDF viewers show it
INITIALS = "ec"


class Comment(Struct, frozen=True):
    id: int  # 0-based, in the order of the findings (sorted by line)
    text: str  # "warning: the reference 'X' is never cited [listed-not-cited]"
    finding: Finding


def comment_text(f: Finding) -> str:
    """What the reader of the document sees: the level, the finding's sentence and its code."""
    return f"{f.level}: {f.message} [{f.code}]"


class Review:
    """The comments of a document and their anchors. A finding whose anchor is not written (a citation in
    a run-in heading, an entry the style's bibliography leaves out) or that has none (a document-wide
    finding such as mixed citation systems) goes on the title: ``unplaced`` gives them once the rest is written."""

    __slots__ = ("comments", "_by_cite", "_by_ref")

    def __init__(self, doc: Document, findings: Iterable[Finding]) -> None:
        from ._plan import reference_entries

        self.comments = [Comment(i, comment_text(f), f) for i, f in enumerate(findings)]
        cites = all_cites(doc)
        written = {e.ref_id for e in reference_entries(doc)}  # the entries the writers print
        self._by_cite: dict[int, list[Comment]] = {}  # id() of a Cite node of ``doc`` -> its comments
        self._by_ref: dict[str, list[Comment]] = {}
        for c in self.comments:
            f = c.finding
            if f.cite is not None and 0 <= f.cite < len(cites):
                self._by_cite.setdefault(id(cites[f.cite]), []).append(c)
            elif f.reference is not None and f.reference in written:
                self._by_ref.setdefault(f.reference, []).append(c)

    def __bool__(self) -> bool:
        return bool(self.comments)

    def on_cite(self, cite: Cite) -> list[Comment]:
        """The comments anchored on this citation node (the writer gets the nodes of the same document)."""
        return self._by_cite.get(id(cite), [])

    def on_reference(self, ref_id: str | None) -> list[Comment]:
        return self._by_ref.get(ref_id, []) if ref_id is not None else []

    def unplaced(self, placed: Iterable[int]) -> list[Comment]:
        """The document-wide comments and those whose anchor the writer did not meet, in order."""
        done = set(placed)
        return [c for c in self.comments if c.id not in done]
