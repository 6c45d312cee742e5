"""The citation pass's caches: memoised citations, reused styles, lazily rendered sort keys."""

from __future__ import annotations

from typing import Any

from citeproc import model as cm

from essayconv.citations import compat, csl
from essayconv.citations.csl import Session
from essayconv.citations.styles import resolve_style
from essayconv.model import Cite, CiteItem, Document, Paragraph, Reference, Text

SMITH = {
    "id": "smith",
    "type": "book",
    "title": "Rivers of the North",
    "publisher": "Lakeside Press",
    "author": [{"family": "Smith", "given": "Anna"}],
    "issued": {"date-parts": [[2001]]},
}
JONES = {
    "id": "jones",
    "type": "book",
    "title": "Stone Bridges",
    "publisher": "Hill",
    "author": [{"family": "Jones", "given": "Bo"}],
    "issued": {"date-parts": [[1999]]},
}
SMITH_B = {
    "id": "smithb",
    "type": "book",
    "title": "Lakes and Fens",
    "publisher": "Lakeside Press",
    "author": [{"family": "Smith", "given": "Anna"}],
    "issued": {"date-parts": [[2001]]},
}

# (key, locator) of each citation, in order: repeats, a locator, another work, back again
SEQUENCE = [
    ("smith", None),
    ("smith", None),
    ("smith", "4"),
    ("smith", "4"),
    ("jones", None),
    ("smith", None),
    ("smith", None),
]


def _cites(
    style: str, items: list[dict[str, Any]], sequence: list[tuple[str, str | None]], memo: bool = True
) -> tuple[list[str | None], Session]:
    session = Session(resolve_style(style), items)
    citations = [
        session.citation((CiteItem(key=k, locator=loc, label="page" if loc else None),)) for k, loc in sequence
    ]
    if not memo:
        session._signatures.clear()  # no signature: every citation is rendered
    session.sort()
    session.disambiguate()
    try:
        return [session.cite(c) for c in citations], session
    finally:
        session.close()


def test_ibid_style_gives_ibid_and_full_forms_with_the_memo() -> None:
    out, session = _cites("oscola", [SMITH, JONES], SEQUENCE)
    assert out == [
        "Anna Smith, \ue000Rivers of the North\ue001 (Lakeside Press 2001).",
        "ibid.",
        "ibid 4.",
        "ibid.",  # the same pinpoint again: ibid, not ibid-with-locator (CSL; citeproc-js)
        "Bo Jones, \ue000Stone Bridges\ue001 (Hill 1999).",
        "Smith.",  # subsequent, not ibid: another work came between
        "ibid.",
    ]
    assert len(session._cite_memo) < len(SEQUENCE)  # the last "ibid." was a memo hit
    assert out == _cites("oscola", [SMITH, JONES], SEQUENCE, memo=False)[0]


def test_position_free_style_renders_each_distinct_citation_once() -> None:
    out, session = _cites("apa", [SMITH, JONES], SEQUENCE)
    assert out == [
        "(Smith, 2001)",
        "(Smith, 2001)",
        "(Smith, 2001, p. 4)",
        "(Smith, 2001, p. 4)",
        "(Jones, 1999)",
        "(Smith, 2001)",
        "(Smith, 2001)",
    ]
    assert len(session._cite_memo) == 3
    assert out == _cites("apa", [SMITH, JONES], SEQUENCE, memo=False)[0]


def test_colliding_cites_still_disambiguate_when_memoised() -> None:
    sequence = [("smith", None), ("smithb", None), ("smith", None), ("smithb", "7")]
    out, _session = _cites("apa", [SMITH, SMITH_B], sequence)
    assert out == ["(Smith, 2001b)", "(Smith, 2001a)", "(Smith, 2001b)", "(Smith, 2001a, p. 7)"]
    out, _session = _cites("modern-language-association", [SMITH, SMITH_B, JONES], sequence)
    # MLA adds the title only where two works share an author
    assert out == [
        "(Smith, \ue000Rivers of the North\ue001)",
        "(Smith, \ue000Lakes and Fens\ue001)",
        "(Smith, \ue000Rivers of the North\ue001)",
        "(Smith, \ue000Lakes and Fens\ue001 7)",
    ]


def test_affixes_are_part_of_the_memo_key() -> None:
    session = Session(resolve_style("apa"), [SMITH])
    plain = session.citation((CiteItem(key="smith"),))
    see = session.citation((CiteItem(key="smith", prefix="see"),))
    session.sort()
    session.disambiguate()
    assert [session.cite(plain), session.cite(see), session.cite(plain)] == [
        "(Smith, 2001)",
        "(see Smith, 2001)",
        "(Smith, 2001)",
    ]
    session.close()


def _doc(locale_word: str) -> Document:
    pair = dict(JONES, author=[{"family": "Jones", "given": "Bo"}, {"family": "Berg", "given": "Ida"}])
    refs = tuple(Reference(r["id"], raw=str(r["title"]), csl=r) for r in (SMITH, pair))
    cites = [Cite((CiteItem(key=k),), text=f"({k})") for k in ("smith", "jones", "smith")]
    return Document(
        blocks=(Paragraph((Text(locale_word), cites[0], Text(" and "), cites[1], cites[2])),), references=refs
    )


def test_a_reused_style_renders_like_a_fresh_one() -> None:
    first = csl.render(_doc("a"), "chicago-author-date")
    german = csl.render(_doc("b"), "chicago-author-date", locale="de-DE")
    again = csl.render(_doc("a"), "chicago-author-date")  # the style of the first render, reused
    assert again == first
    assert german.bibliography != first.bibliography  # the locale is part of the reuse key
    assert "Jones, Bo, und Ida Berg. 1999. " in [e.content[0].text for e in german.bibliography.entries]
    assert [e.content for e in again.bibliography.entries] == [e.content for e in first.bibliography.entries]


def test_lazy_sort_keys_give_citeprocs_order() -> None:
    # ties on the author key are broken by the date and then the title keys
    items = [
        dict(SMITH_B, id="c"),
        dict(JONES, id="b"),
        dict(SMITH, id="a"),
        dict(SMITH, id="d", title="Aardvarks", issued={"date-parts": [[1990]]}),
    ]
    session = Session(resolve_style("apa"), items)
    session.bib.register(csl_citation([it["id"] for it in items]))
    sort_el = session.style.root.bibliography.find("cs:sort", cm.SomewhatObjectifiedElement.nsmap)
    layout = session.style.root.bibliography.layout
    assert isinstance(sort_el, compat.Sort)
    ours = [it.key for it in sort_el.sort(list(session.bib.items), layout)]
    theirs = [it.key for it in cm.Sort.sort(sort_el, list(session.bib.items), layout)]
    session.close()
    assert ours == theirs == ["b", "d", "c", "a"]


def csl_citation(keys: list[str]) -> Any:
    from citeproc import Citation, CitationItem

    return Citation([CitationItem(k) for k in keys])


def test_numeric_styles_skip_the_collision_search(monkeypatch: Any) -> None:
    calls: list[list[str]] = []
    original = Session._plain_cites

    def counting(self: Session, keys: list[str], *args: Any) -> dict[str, str]:
        calls.append(list(keys))
        return original(self, keys, *args)

    monkeypatch.setattr(Session, "_plain_cites", counting)
    out, _session = _cites("ieee", [SMITH, SMITH_B], [("smith", None), ("smithb", None), ("smith", "4")])
    assert out == ["[1]", "[2]", "[1, p. 4]"]
    assert calls == []  # ieee has no disambiguation to do: no cite was rendered to look for collisions
    rendered: list[Any] = []
    original_cite = Session._cite
    monkeypatch.setattr(Session, "_cite", lambda self, c: rendered.append(c) or original_cite(self, c))
    out, _session = _cites("apa", [SMITH, JONES], [("smith", None), ("jones", None), ("smith", "4")])
    assert out == ["(Smith, 2001)", "(Jones, 1999)", "(Smith, 2001, p. 4)"]
    assert calls == [["jones", "smith"]]  # each work's cite rendered once, in bibliography order...
    assert len(rendered) == 1  # ...and those renderings served the plain cites in the text too
