"""Reference lists as PDF copies print them (hanging indents lost, lines wrapped at the margin): each
test is one kind of list seen across many unseen papers, in our own words."""

from __future__ import annotations

from essayconv.readers.plaintext import read

_BODY = (
    "Tide Pools and Their Keepers\n\n"
    + "The shore changes every hour, and the animals that live between the tides must change with it. "
    "Some close their shells, some hide under stones, and some simply wait for the water to return.\n\n" * 3
)


def _wrap(entries: list[str], width: int = 72) -> str:
    """Hard-wrap each entry at ``width`` as a PDF copy does, no indent and no blank line between."""
    lines: list[str] = []
    for e in entries:
        line = ""
        for w in e.split():
            if line and len(line) + 1 + len(w) > width:
                lines.append(line)
                line = w
            else:
                line = f"{line} {w}" if line else w
        lines.append(line)
    return "\n".join(lines)


def _refs(text: str) -> list[str]:
    return [r.raw for r in read(text).references]


def _body_wrapped() -> str:
    # The body is hard-wrapped at the same width, so the reader knows the margin.
    paras = [
        "The shore changes every hour, and the animals that live between the tides must change with it. "
        "Some close their shells, some hide under stones, and some simply wait for the water to return "
        "while the sun dries the rocks around them."
    ] * 4
    return "Tide Pools and Their Keepers\n\n" + "\n\n".join(_wrap([p]) for p in paras) + "\n\n"


def test_entry_whose_last_line_has_no_full_stop() -> None:
    entries = [
        "Abel, K. (1998) Crabs of the Northern Shore and Their Habits Through the Seasons. Halifax: Harbour Books",
        "Brandt, L. M. (2004). Barnacles at low water. Journal of Shore Studies 12(3): 45-61.",
        "Costa, R. and P. Lind (2010). Snails that climb: height and drying on a rocky coast. Marine Notes 8: 1-9.",
    ]
    assert _refs(_body_wrapped() + "References\n" + _wrap(entries) + "\n") == entries


def test_entry_without_author_opens_with_its_quoted_title() -> None:
    entries = [
        "Dunn, Mara. “Starfish.” Shore Life Online. 2005. 4 March 2008 <http://shore.example.org/starfish.html>.",
        "“Kelp forests.” The Open Sea Encyclopedia. 12 Jan 2007. 3 March 2008 <http://sea.example.org/kelp>.",
        "Ortega, Luis. The Rock Pool Year. Boston: Tidewater Press, 2001.",
    ]
    assert _refs(_body_wrapped() + "Works Cited\n" + _wrap(entries) + "\n") == entries


def test_mla_entry_after_a_page_break_with_its_year_lines_below() -> None:
    text = _body_wrapped() + (
        "Works Cited\n"
        "“Beaches Close for the Season.” County Parks Office. 3 Oct 2006.\n"
        "\n12\n\f"
        "Keller, Anna Marie. “The Long Summer of the Hermit Crab: What the Shore Keeps Secret.”\n"
        "<http://crabs.example.org/summer.html>.\n"
        "14 May 2004.\n"
        "Lund, Peter. Tides. New York: Harbor, 1999.\n"
    )
    assert _refs(text) == [
        "“Beaches Close for the Season.” County Parks Office. 3 Oct 2006.",
        "Keller, Anna Marie. “The Long Summer of the Hermit Crab: What the Shore Keeps Secret.” "
        "<http://crabs.example.org/summer.html>. 14 May 2004.",
        "Lund, Peter. Tides. New York: Harbor, 1999.",
    ]


def test_author_on_its_own_line_and_the_year_opening_the_next() -> None:
    text = _body_wrapped() + (
        "Bibliography\n"
        "Ames, Ruth\n"
        "1997 Living on the Edge: Shore Towns and Their People. London:\n"
        "Coastline.\n"
        "Birch, Tomas Jon\n"
        "2003 The Salt Marsh. Shore Review, 12(1). Pp. 20-41.\n"
    )
    assert _refs(text) == [
        "Ames, Ruth 1997 Living on the Edge: Shore Towns and Their People. London: Coastline.",
        "Birch, Tomas Jon 2003 The Salt Marsh. Shore Review, 12(1). Pp. 20-41.",
    ]


def test_numbers_in_parentheses_and_with_a_colon() -> None:
    paren = _body_wrapped() + (
        "References\n"
        "(1) - http://tides.example.org/tables.htm, Tide Tables for the Northern\n"
        "Coast\n"
        "(2) - http://shore.example.org/rules.htm, Shore Rules\n"
        "(3) - http://sea.example.org/kelp.htm, Kelp Beds, Sea Office\n"
    )
    assert _refs(paren) == [
        "(1) - http://tides.example.org/tables.htm, Tide Tables for the Northern Coast",
        "(2) - http://shore.example.org/rules.htm, Shore Rules",
        "(3) - http://sea.example.org/kelp.htm, Kelp Beds, Sea Office",
    ]
    colon = _body_wrapped() + (
        "References:\n"
        "1: Avery, John; Burke, Ann. “Piers on Soft Ground,” Coastal Engineering, v. 12, n. 3, May,\n"
        "1999, p. 10-20.\n"
        "2: Cole, Dana. “Sea Walls,” Harbour Journal, v. 4, 2001, p. 5-9.\n"
    )
    assert _refs(colon) == [
        "1: Avery, John; Burke, Ann. “Piers on Soft Ground,” Coastal Engineering, v. 12, n. 3, May, 1999, p. 10-20.",
        "2: Cole, Dana. “Sea Walls,” Harbour Journal, v. 4, 2001, p. 5-9.",
    ]


def test_words_on_lines_of_their_own_stay_in_their_entry() -> None:
    # Justified lines broken at wide gaps: one word a line, capitals included.
    text = _body_wrapped() + (
        "References\n"
        "Harbour News. (2002). “The storm of the century.” Retrieved\n"
        "from\n"
        "the\n"
        "World\n"
        "Wide\n"
        "Web:\n"
        "http://news.example.org/storm.htm on April 1, 2005.\n"
        "Ivers, Paul. (1993). Waves and walls. Coast Review 58: 6-9.\n"
    )
    assert _refs(text) == [
        "Harbour News. (2002). “The storm of the century.” Retrieved from the World Wide Web: "
        "http://news.example.org/storm.htm on April 1, 2005.",
        "Ivers, Paul. (1993). Waves and walls. Coast Review 58: 6-9.",
    ]


def test_address_line_after_a_short_line_continues_the_entry() -> None:
    text = _body_wrapped() + (
        "References\n"
        "Moss, Helen. 2005. “The Harbour Papers.” Port Ministries.\n"
        "http://port.example.org/history/harbour-papers.html (accessed December 4,\n"
        "2007)\n"
        'Nolan, Ray. 1998. "The Great Tide Debate." Public Shore.\n'
        "http://shore.example.org/debate.html (accessed October 13, 2007).\n"
    )
    assert _refs(text) == [
        "Moss, Helen. 2005. “The Harbour Papers.” Port Ministries. "
        "http://port.example.org/history/harbour-papers.html (accessed December 4, 2007)",
        'Nolan, Ray. 1998. "The Great Tide Debate." Public Shore. http://shore.example.org/debate.html (accessed October 13, 2007).',
    ]


def test_place_after_an_abbreviation_stays_in_the_entry() -> None:
    text = _body_wrapped() + (
        "References\n"
        "Institute of Tides. (2002). The future of the harbour in the next century (pp.190).\n"
        "Washington, D.C.: Shore Academies Press.\n"
        "Lamb, G. (1972). Hedges and walls: a study of sea defences in small towns. In P.\n"
        "Perry, J. Lewis, and G. Pharr (Eds.), Papers from the Eighth Meeting, 8, 138-228.\n"
    )
    assert _refs(text) == [
        "Institute of Tides. (2002). The future of the harbour in the next century (pp.190). Washington, D.C.: Shore Academies Press.",
        "Lamb, G. (1972). Hedges and walls: a study of sea defences in small towns. In P. Perry, J. Lewis, "
        "and G. Pharr (Eds.), Papers from the Eighth Meeting, 8, 138-228.",
    ]


def test_address_in_angle_brackets_broken_over_two_lines() -> None:
    text = _body_wrapped() + (
        "Works Cited\n"
        "“Harbour Law.” Shore Court Centre. <http://court.example.org/us/482/\n"
        "578/case.html>.\n"
        "“Sea Walls.” The Open Shore Encyclopedia. <http://shore.example.org/wiki/\n"
        "Sea_walls>.\n"
    )
    assert _refs(text) == [
        "“Harbour Law.” Shore Court Centre. <http://court.example.org/us/482/578/case.html>.",
        "“Sea Walls.” The Open Shore Encyclopedia. <http://shore.example.org/wiki/Sea_walls>.",
    ]


def test_list_run_together_in_mixed_styles_is_split_at_each_first_author() -> None:
    # Lab reports pasted from forms: every entry on one line, each after the full stop of the one before,
    # in whatever style the student used; "Dept. Biology, Harbour College" and "J. Shore Sci. 12" are
    # not entries.
    entries = [
        "Okafor, T. N., and R. Vail. 2011. Climbing and drying in rocky-shore snails. J. Shore Sci. 14:22–31.",
        "Lindqvist AB. Field Methods. Introductory Biology Laboratory Manual. Dept. Biology, Harbour College, "
        "Portsmouth. Vers. 16.2 (updated May 3, 2016), pp. 4–9.",
        "Pereira, Marta L. “Heat and Shell Colour.” Coastal Notes, vol. 3, 2009, pp. 1–8.",
        "2. Brandt KL, Moss T. 2004. Barnacles at low water. Shore Life 12:45–61. https://doi.org/10.1000/sl.12",
        "Quist, R. 2015. Tides and the small harbour. Harbour Press.",
        "Lin, Mei-Ling. Shore crabs at dusk. Harbour Press, 2013. Web. Mar 2 2018.",
        "Ortega L.M., Dunn K. 2012. Kelp and the tide. Marine Notes 8: 1-9",
        "4. Ruiz A.B. 2001. Sand fleas. Coastal Notes 3: 10-19.",
    ]
    assert _refs(_BODY + "Literature Cited:\n" + " ".join(entries) + "\n") == entries


def test_a_number_written_twice_opens_an_entry_when_the_one_before_is_finished() -> None:
    # "[2] ... 2020." then "[2] Suzuki ...": the student's slip (check reports it) must not merge two works;
    # a line starting with the same number inside an unfinished entry still continues it
    doc = read(
        "Sensors\n\nDrift [1], humidity [2], open data [3].\n\nReferences\n\n"
        '[1] G. Haddad, "Dense sensing of urban air," Atmos. Environ., vol. 200, pp. 10-20, 2019.\n'
        '[2] H. Lindahl, "Humidity effects on optical particle counters," Sensors, pp. 33-45, 2020.\n'
        '[2] I. Suzuki, "Open air data in cities," Environ. Sci. Policy, vol. 98, pp. 1-8, 2019.\n'
        '[3] J. Achebe, "Learning to calibrate the sensors of a city network in the field," IEEE Sensors J., vol.\n'
        "3 (special issue), pp. 500-510, 2021.\n"
    )
    assert [r.raw[:12] for r in doc.references] == ["[1] G. Hadda", "[2] H. Linda", "[2] I. Suzuk", "[3] J. Acheb"]
