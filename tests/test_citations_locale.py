"""--locale: terms, dates and quotation marks of another language, as citeproc-js renders them."""

from __future__ import annotations

import pytest

from essayconv.citations import csl
from essayconv.convert import convert
from essayconv.diagnostics import ConversionError
from essayconv.model import Cite, CiteItem, Document, Paragraph, Reference, Text, plain_text
from essayconv.options import ConvertOptions

ESSAY = """Hotels and Trafficking

Hotels have become central to trafficking networks (Jeng et al., 2022). Staff training improved (Price & Bentele, 2023).

References

Jeng, C. C., Huang, E., Meo, S., & Shelley, L. (2022). Combating sex trafficking: The role of the hotel. Religions, 13(2), 138.
Price, K., & Bentele, K. G. (2023, March 4). Defining worthy victims. The Daily News. https://example.org/news/victims
"""
NBSP = "\u00a0"


def _convert(style: str, locale: str | None) -> tuple[str, list[str]]:
    doc = convert(ESSAY, ConvertOptions(to="json", style=style, locale=locale)).document
    body = next(plain_text(b.content) for b in doc.blocks if isinstance(b, Paragraph))
    assert doc.bibliography is not None
    return body, [plain_text(e.content) for e in doc.bibliography.entries]


def test_apa_in_german() -> None:
    body, entries = _convert("apa", "de-DE")
    # APA's own locale section keeps "et al." in German; "&" is the style's symbol, not a term
    assert (
        body == "Hotels have become central to trafficking networks (Jeng et al., 2022). "
        "Staff training improved (Price & Bentele, 2023)."
    )
    assert entries[1] == (
        "Price, K., & Bentele, K. G. (2023, März 4). Defining worthy victims. The Daily News. "
        "https://example.org/news/victims"
    )


def test_apa_default_locale_is_english() -> None:
    _body, entries = _convert("apa", None)
    assert "(2023, March 4)" in entries[1]


def test_chicago_in_german_and_french() -> None:
    body, entries = _convert("chicago", "de-DE")
    assert body == (
        f"Hotels have become central to trafficking networks (Jeng u.{NBSP}a. 2022). "
        "Staff training improved (Price und Bentele 2023)."
    )
    assert entries[0] == (
        "Jeng, C. C., E. Huang, S. Meo, und L. Shelley. 2022. „Combating Sex Trafficking: "
        "The Role of the Hotel“. Religions 13 (2): 138."
    )
    body, entries = _convert("chicago", "fr-FR")
    assert body == (
        "Hotels have become central to trafficking networks (Jeng et al. 2022). "
        "Staff training improved (Price et Bentele 2023)."
    )
    # French quotation marks with no-break spaces inside (the fr-FR locale's terms)
    assert entries[1].startswith(f"Price, K., et K. G. Bentele. 2023. «{NBSP}Defining Worthy Victims{NBSP}». ")


def test_no_date_term_in_german() -> None:
    ref = Reference(
        "ortiz",
        raw="Ortiz",
        csl={
            "id": "ortiz",
            "type": "webpage",
            "title": "Hotel staff guidance",
            "author": [{"family": "Ortiz", "given": "M."}],
        },
    )
    doc = Document(
        blocks=(Paragraph((Text("Rules changed "), Cite((CiteItem(key="ortiz"),), text="(Ortiz, n.d.)"), Text("."))),),
        references=(ref,),
    )
    out = csl.render(doc, "apa", locale="de-DE")
    assert plain_text(out.blocks[0].content) == f"Rules changed (Ortiz, o.{NBSP}J.)."  # type: ignore[union-attr]


@pytest.mark.parametrize("locale", ["xx-YY", "klingon"])
def test_unknown_locale_is_one_line_error(locale: str) -> None:
    with pytest.raises(ConversionError) as err:
        convert(ESSAY, ConvertOptions(to="json", style="apa", locale=locale))
    assert str(err.value) == f"unknown locale '{locale}'"
