"""Heading rules for kinds seen in unseen papers (issue 16). Fixtures are written for these tests."""

from __future__ import annotations

from essayconv.model import Heading, Paragraph, plain_text
from essayconv.readers.plaintext import read

PROSE = (
    "The orchard survey counted every tree in the lower field and noted its height, its girth and the\n"
    "state of its bark, so that the later visits could compare like with like across the seasons.\n"
)


def headings(text: str) -> list[str]:
    doc = read(text)
    return [
        (f"{b.numbering} " if b.numbering else "") + plain_text(b.content) for b in doc.blocks if isinstance(b, Heading)
    ]


def test_appendix_names_after_the_reference_list_are_headings() -> None:
    # rule appendix-heading
    text = (
        "Pear Blight in Small Orchards\n\nIntroduction\n\n" + PROSE + "\nReferences\n\n"
        "Okafor, N. (2004) Fire blight in pears. Orchard Science 7: 11-19.\n\n"
        "Appendix A: Tree counts by row\n\nThe counts are kept with the lab notebooks.\n\n"
        "Appendix B: Bark Samples\n\nSamples were dried before weighing.\n"
    )
    assert headings(text)[-2:] == ["Appendix A: Tree counts by row", "Appendix B: Bark Samples"]


def test_a_sentence_mentioning_an_appendix_is_not_a_heading() -> None:
    from essayconv.readers.chunks import Chunk
    from essayconv.readers.headings import appendix_heading
    from essayconv.readers.layout import Unit

    def one(s: str) -> bool:
        return appendix_heading(Chunk([Unit(1, s, "blank", 0)]), s)

    assert one("Appendix C") and one("APPENDIX 2: INTERVIEW GUIDE") and one("Appendices")
    assert not one("Appendix A shows the raw counts for each row")
    assert not one("Appendix A holds the counts.")


def test_a_line_ending_a_sentence_with_a_note_mark_is_prose() -> None:
    # rule sentence-with-note-mark: a short last line of a paragraph, cut off by the page, with its note number
    text = (
        "Early Grafting\n\n" + PROSE + "\nThe growers of the valley kept their own records of the grafts.12\n\n" + PROSE
    )
    assert headings(text) == []


def test_two_sentences_on_one_line_are_not_a_heading() -> None:
    # rule two-sentences: a line of verse or dialogue that holds a sentence's end and the next one's start
    text = "Night Songs\n\n" + PROSE + "\nSleep now my child. The river keeps on\n\n" + PROSE
    assert headings(text) == []
    # titles and abbreviations do not end a sentence
    assert headings("Night Songs\n\n" + PROSE + "\nThe Garden of Dr. Moreau\n\n" + PROSE) == [
        "The Garden of Dr. Moreau"
    ]


def test_a_line_under_an_unfinished_sentence_goes_on_with_it() -> None:
    # rule line-inside-prose: a quoted verse line after an introducing colon
    text = (
        "Harvest Hymns\n\n"
        + PROSE
        + "\nThe singer turns to the field and closes the hymn with a plain wish for rain:\n"
        "Let the Long Furrows Fill\n" + PROSE
    )
    doc = read(text)
    assert not [b for b in doc.blocks if isinstance(b, Heading)]
    assert any("Let the Long Furrows Fill" in plain_text(b.content) for b in doc.blocks if isinstance(b, Paragraph))


def test_a_first_line_in_sentence_case_over_its_paragraph_is_prose() -> None:
    # rule paragraph-first-line: pdftotext left a paragraph's first line on its own, the rest straight under it
    text = (
        "Canal Trade\n\n" + PROSE + "The barge owners of the northern reach had long argued with the\n"
        "Harbour Board about the tolls, and they carried the argument to the courts in the end.\n\n" + PROSE
    )
    assert headings(text) == []
    # and it joins the rest of its paragraph
    paras = [plain_text(b.content) for b in read(text).blocks if isinstance(b, Paragraph)]
    assert any(p.startswith("The barge owners") and p.endswith("in the end.") for p in paras)
    # a short heading in sentence case over its text stays a heading
    assert headings("Canal Trade\n\n" + PROSE + "\nTolls and the courts\n" + PROSE) == ["Tolls and the courts"]
    # so does a long statement heading set apart above by a blank line
    statement = "Heavy tolls on the northern reach drove the barge trade to the railways"
    assert headings("Canal Trade\n\n" + PROSE + "\n" + statement + "\n" + PROSE) == [statement]


def test_a_number_alone_over_each_section_title_numbers_it() -> None:
    # rule number-line-over-heading: LaTeX papers copied from the PDF set "1", "2" on lines of their own
    def para(topic: str) -> str:
        return (
            f"The boatmen wrote often about {topic} in the letters that the county archive still keeps,\n"
            f"and their complaints about {topic} grew sharper as the traffic on the canal grew heavier.\n"
        )

    text = (
        "Tolls on the Northern Reach\n\n1\n\nIntroduction\n\n"
        + para("the tolls")
        + "\n2\n\nThe Tolls Before 1850\n\n"
        + para("the locks")
        + "\n3\n\nThe Courts\n\n"
        + para("the judges")
        + "\f"
        + para("the weather")
    )  # (a copy with page breaks: without them bare numbers going up are taken for page numbers)
    assert headings(text) == ["1 Introduction", "2 The Tolls Before 1850", "3 The Courts"]


def test_section_numbers_survive_where_some_went_as_page_numbers() -> None:
    # rule number-line-over-heading: a lone "1" over "Introduction" (the other numbers went with the page
    # numbers), and after the run from 1, a run going on up by one past a number that went
    def para(topic: str) -> str:
        return (
            f"The boatmen wrote often about {topic} in the letters that the county archive still keeps,\n"
            f"and their complaints about {topic} grew sharper as the traffic on the canal grew heavier.\n"
        )

    text = "Tolls on the Northern Reach\n\n1\n\nIntroduction\n\n" + para("the tolls") + "\f" + para("the weather")
    assert headings(text) == ["1 Introduction"]
    # (a lone "1" over another title may be a page's number: it stays apart)
    text = "Tolls on the Northern Reach\n\n1\n\nThe Early Tolls\n\n" + para("the tolls") + "\f" + para("the weather")
    assert "1 The Early Tolls" not in headings(text)
    sections = [(1, "Introduction"), (2, "The Tolls Before 1850"), (4, "The Courts"), (5, "The Railways")]
    text = (
        "Tolls on the Northern Reach\n\n"
        + "".join(
            f"{n}\n\n{title}\n\n" + para(f"the {topic}") + "\n"
            for (n, title), topic in zip(sections, ("tolls", "locks", "judges", "trains"))
        )
        + "\f"
        + para("the weather")
    )
    assert headings(text) == [f"{n} {title}" for n, title in sections]


def test_speaker_turns_are_not_headings() -> None:
    # rule speaker-turn: a play's dialogue or a chat log quoted line by line
    text = (
        "Two Keepers\n\n" + PROSE + "\nMara: Where is the lamp\nTobin: On the stair, where you left it.\n"
        "Mara: Then bring it down\nTobin: Bring it yourself.\n\n" + PROSE
    )
    assert headings(text) == []


def test_a_line_wholly_in_quotation_marks_is_not_a_heading() -> None:
    # rule quoted-line: a turn of dialogue quoted on its own line
    text = "Two Keepers\n\n" + PROSE + "\n“Where did you leave the lamp?”\n\n" + PROSE
    assert headings(text) == []
