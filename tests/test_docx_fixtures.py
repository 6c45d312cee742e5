"""Hand-built documents shared by the writer tests (our own text, not the shared corpus); no tests here."""

from __future__ import annotations

from essayconv.model import (
    BibEntry,
    Bibliography,
    BlockQuote,
    Cite,
    CiteItem,
    Document,
    Emph,
    Footnote,
    Heading,
    Link,
    ListBlock,
    ListItem,
    Meta,
    NoteRef,
    Paragraph,
    Preformatted,
    Reference,
    SmallCaps,
    Strong,
    Sub,
    Sup,
    Text,
)

META = Meta(
    title="Tidal Gardens and the Economics of Kelp",
    author="Ana Rivera",
    instructor="Dr. Malik Osei",
    course="ENV 210: Coastal Systems",
    affiliation="Department of Marine Science, Harbor State University",
    date="24 November 2026",
    language="en-US",
)

CITE_APA = Cite(
    items=(CiteItem(author="Lindqvist", year="2019", key="lindqvist2019"),),
    text="(Lindqvist 2019)",
    rendered=(Text("(Lindqvist, 2019)"),),
)
CITE_RAW = Cite(items=(CiteItem(author="Okafor", year="2021"),), text="(Okafor, 2021)")


def essay(family: str = "apa", *, labels: bool = False, heading: str = "References") -> Document:
    """A short essay touching every block and inline type of the model."""
    blocks = (
        Paragraph(
            (Text("Kelp farms are spreading along cold coasts; this paper weighs their costs."),), role="abstract"
        ),
        Paragraph(
            (
                Text("Growers in the north report yields that surprised even them "),
                CITE_APA,
                Text(". A second claim rests on older data "),
                CITE_RAW,
                Text(", and a third on a ministry note."),
                NoteRef("fn1", "1"),
                Text(" Words like "),
                Emph((Text("aquaculture"),)),
                Text(", "),
                Strong((Text("yield"),)),
                Text(", "),
                SmallCaps((Text("noaa"),)),
                Text(", m"),
                Sup((Text("2"),)),
                Text(" and CO"),
                Sub((Text("2"),)),
                Text(" survive. See "),
                Link((Text("the survey site"),), "https://example.org/kelp?a=1&b=<2>"),
                Text('. Tricky text: Things & <Stuff> <img src="x.png"/> \x0b\x07ok.'),
            ),
        ),
        Paragraph((Text("A second body paragraph follows the first without a heading between."),)),
        Heading(1, (Text("Methods of the Survey"),)),
        Paragraph((Text("We visited eleven farms between March and June."),)),
        Heading(2, (Text("Sampling Frames"),)),
        Paragraph((Text("Each farm was sampled at three depths."),)),
        Heading(3, (Text("Depth Bands"),)),
        Paragraph((Text("Bands were shallow, middle and deep."),)),
        Heading(4, (Text("Shallow Band"),)),
        Paragraph((Text("The shallow band lay within two metres of the surface."),)),
        Heading(5, (Text("Storm Damage"),)),
        Paragraph((Text("Storms tore lines twice in April."),)),
        BlockQuote((Paragraph((Text("The sea gives nothing for free, and kelp is no exception to that rule."),)),)),
        ListBlock((ListItem((Text("first point"),), "1."), ListItem((Text("second point"),), "2.")), ordered=True),
        Preformatted("Depth   Yield\nshallow  4.2\ndeep     1.9"),
        Paragraph((Text("Figure 1. Yield by depth band."),), role="caption"),
        Paragraph(
            (Text("Greek \u03b1\u03b2\u03b3, arrows \u2192 \u21d2, Polish \u0142\u00f3d\u017a, maths \u2211\u222b."),)
        ),
    )
    entries = (
        BibEntry(
            "lindqvist2019",
            (
                Text("Lindqvist, M. (2019). "),
                Emph((Text("Kelp and coastal incomes"),)),
                Text(". Fjord Press. https://doi.org/10.1234/kelp.2019"),
            ),
            label="[1]" if labels else None,
        ),
        BibEntry(
            "okafor2021",
            (
                Text("Okafor, C. (2021). Harvest cycles in the North Sea. "),
                Emph((Text("Marine Policy Review"),)),
                Text(", "),
                Emph((Text("12"),)),
                Text("(3), 45\u201367. doi:10.5555/mpr.12.3"),
            ),
            label="[2]" if labels else None,
        ),
    )
    bib = Bibliography(
        heading=heading,
        entries=entries,
        style_id="test",
        family=family,
        hanging_indent=not labels,
        second_field_align="flush" if labels else None,
    )
    return Document(
        meta=META,
        blocks=blocks,
        footnotes=(Footnote("fn1", (Text("Ministry of Fisheries, internal note, 2020."),), "1"),),
        references=(
            Reference("lindqvist2019", "Lindqvist, M. (2019). Kelp and coastal incomes.", {"id": "lindqvist2019"}),
        ),
        bibliography=bib,
        source_name="/home/someone/secret/essay.txt",
    )
