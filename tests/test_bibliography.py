"""The user corrects a reference: `refs extract` writes the list as parsed, `--bibliography` uses the items."""

from __future__ import annotations

import json
from pathlib import Path

import docx
from click.testing import CliRunner

from essayconv import ConvertOptions
from essayconv.cli import main
from essayconv.convert import read

ESSAY = (
    "Tides and Towns\n\nHarbour towns grew where the tides allowed (Marsh & Quill, 2019). Later work "
    "disagreed (Oduya, 2021).\n\nReferences\n\n"
    "Marsh, T., & Quill, A. (2019). Tides and the harbour town. Coastal History, 12(3), 40-58.\n\n"
    "Oduya, K. (2021). Ports without tides. Harbour Press.\n"
)


def invoke(*args: str) -> tuple[int, str, str]:
    r = CliRunner().invoke(main, list(args))
    return r.exit_code, r.stdout, r.stderr


def extracted(tmp_path: Path) -> tuple[Path, list[dict]]:
    essay = tmp_path / "essay.txt"
    essay.write_text(ESSAY)
    out = tmp_path / "refs.json"
    code, _, err = invoke("refs", "extract", str(essay), "-o", str(out))
    assert code == 0, err
    return essay, json.loads(out.read_text())


def test_extract_writes_each_entry_with_the_readers_id_and_the_raw_entry(tmp_path: Path) -> None:
    _, items = extracted(tmp_path)
    assert [i["id"] for i in items] == ["marsh2019", "oduya2021"]
    assert items[0]["note"].startswith("Marsh, T., & Quill, A. (2019). Tides and the harbour town.")
    assert items[0]["author"][1] == {"family": "Quill", "given": "A."}
    assert list(items[0])[0] == "id"


def test_a_corrected_item_replaces_the_parse_in_the_paper(tmp_path: Path) -> None:
    essay, items = extracted(tmp_path)
    items[1].update(type="book", title="Ports without tides: A history", publisher="Harbour Press")
    fixed = tmp_path / "fixed.json"
    fixed.write_text(json.dumps(items))
    out = tmp_path / "paper.docx"
    code, _, err = invoke(str(essay), "--bibliography", str(fixed), "-o", str(out), "-q")
    assert code == 0, err
    text = "\n".join(p.text for p in docx.Document(str(out)).paragraphs)
    assert "Oduya, K. (2021). Ports without tides: A history. Harbour Press." in text
    assert "(Oduya, 2021)" in text  # the citation still links to the corrected entry
    assert "Tides and the harbour town" in text  # the other entry keeps its parse, and its raw note is not printed
    assert "Marsh, T., & Quill, A. (2019). Tides and the harbour town. Coastal History" in text
    assert text.count("Marsh, T., & Quill, A. (2019)") == 1


def test_items_match_by_raw_entry_or_by_author_and_year_when_the_id_differs(tmp_path: Path) -> None:
    essay, items = extracted(tmp_path)
    by_raw = {**items[0], "id": "mine-1", "title": "Tides and the harbour town, revised"}
    by_author = {
        "id": "mine-2",
        "type": "book",
        "title": "Ports without tides",
        "publisher": "Harbour Press",
        "author": [{"family": "Oduya", "given": "Kemi"}],
        "issued": {"date-parts": [[2021]]},
    }
    path = tmp_path / "mine.json"
    path.write_text(json.dumps([by_raw, by_author]))
    doc = read(essay.read_bytes(), ConvertOptions(bibliography=str(path)))
    assert [r.csl["title"] for r in doc.references] == ["Tides and the harbour town, revised", "Ports without tides"]
    assert [r.id for r in doc.references] == ["marsh2019", "oduya2021"]
    assert doc.references[1].csl["author"][0]["given"] == "Kemi" and doc.references[1].confidence == 1.0


def test_an_item_that_matches_nothing_is_a_warning_naming_it(tmp_path: Path) -> None:
    essay, items = extracted(tmp_path)
    path = tmp_path / "more.json"
    path.write_text(
        json.dumps(
            items
            + [
                {
                    "id": "lost",
                    "title": "Not in the list",
                    "author": [{"family": "Nobody"}],
                    "issued": {"date-parts": [[1990]]},
                }
            ]
        )
    )
    code, _, err = invoke(str(essay), "--bibliography", str(path), "-o", str(tmp_path / "p.docx"))
    assert code == 0
    assert "warning: bibliography item 'lost' matches no entry of the reference list [bibliography-unmatched]" in err


def test_a_bad_bibliography_is_one_line(tmp_path: Path) -> None:
    essay, _ = extracted(tmp_path)
    bad = tmp_path / "bad.json"
    bad.write_text("{not json")
    code, _, err = invoke(str(essay), "--bibliography", str(bad), "-o", str(tmp_path / "p.docx"))
    assert code == 1 and err.count("\n") == 1 and f"bibliography {bad}:1: not CSL-JSON: Expecting property name" in err
    code, _, err = invoke(str(tmp_path), "--bibliography", str(bad), "-o", str(tmp_path / "out"))  # once for a batch
    assert code == 1 and err.count("\n") == 1
    missing = tmp_path / "none.json"
    code, _, err = invoke(str(essay), "--bibliography", str(missing), "-o", str(tmp_path / "p.docx"))
    assert code == 1 and f"bibliography {missing}: cannot read" in err


def test_extract_of_an_essay_without_a_list_is_one_line(tmp_path: Path) -> None:
    essay = tmp_path / "plain.txt"
    essay.write_text("A Title\n\nOnly a paragraph here, with no list at the end.\n")
    code, _, err = invoke("refs", "extract", str(essay))
    assert code == 1 and "no reference list found" in err


BIB = r"""@book{oduya2021,
  author = {Oduya, K{\'e}mi},
  title = {Ports without Tides: {A} History},
  publisher = {Harbour Press},
  address = {Lagos},
  year = {2021}
}
@article{other,
  author = {{Harbour Research Council} and Li, Wen},
  title = {Silt \& sand},
  journal = {Coastal Notes},
  year = {2018}, month = mar, volume = {4}, number = {2}, pages = {1--9}
}
"""

RIS = """TY  - BOOK
AU  - Oduya, Kemi
TI  - Ports without tides: A history
PB  - Harbour Press
CY  - Lagos
PY  - 2021
ER  - 
"""


def test_a_bibtex_file_replaces_the_parse_it_matches_and_warns_for_the_rest(tmp_path: Path) -> None:
    essay, _ = extracted(tmp_path)
    bib = tmp_path / "refs.bib"
    bib.write_text(BIB)
    out = tmp_path / "p.docx"
    code, _, err = invoke(str(essay), "--bibliography", str(bib), "-o", str(out))
    assert code == 0, err
    text = "\n".join(p.text for p in docx.Document(str(out)).paragraphs)
    assert "Oduya, K. (2021). Ports without Tides: A History. Harbour Press." in text
    assert "bibliography item 'other' matches no entry" in err


def test_bibtex_and_ris_read_as_csl_items() -> None:
    from essayconv.references.imports import bibtex_items, ris_items

    book, article = bibtex_items(BIB)
    assert book["type"] == "book" and book["author"] == [{"family": "Oduya", "given": "Kémi"}]
    assert book["title"] == "Ports without Tides: A History" and book["publisher-place"] == "Lagos"
    assert article["author"][0] == {"literal": "Harbour Research Council"}  # braced: an organisation, whole
    assert article["title"] == "Silt & sand" and article["issued"] == {"date-parts": [[2018, 3]]}
    assert (article["issue"], article["page"], article["container-title"]) == ("2", "1-9", "Coastal Notes")
    [item] = ris_items(RIS)
    assert item["type"] == "book" and item["author"] == [{"family": "Oduya", "given": "Kemi"}]
    assert item["issued"] == {"date-parts": [[2021]]} and item["publisher"] == "Harbour Press"


def test_a_ris_file_matches_by_author_and_year(tmp_path: Path) -> None:
    essay, _ = extracted(tmp_path)
    ris = tmp_path / "refs.ris"
    ris.write_text(RIS)
    doc = read(essay.read_bytes(), ConvertOptions(bibliography=str(ris)))
    assert doc.references[1].csl["title"] == "Ports without tides: A history" and doc.references[1].id == "oduya2021"


def test_a_bibliography_that_is_not_bibtex_or_ris_is_one_line(tmp_path: Path) -> None:
    essay, _ = extracted(tmp_path)
    for name, text in (
        ("bad.bib", "this is not bibtex at all {"),
        ("open.bib", "@book{k,\n  author = {Arden, Kay\n"),  # (bibtexparser logs it over three lines)
        ("bad.ris", "nothing like RIS here\n"),
    ):
        path = tmp_path / name
        path.write_text(text)
        code, _, err = invoke(str(essay), "--bibliography", str(path), "-o", str(tmp_path / "p.docx"))
        assert code == 1 and err.count("\n") == 1 and f"bibliography {path}: not " in err, err
        if name == "open.bib":
            assert "not BibTeX (line 1: unexpectedly reached end of file)" in err


def test_a_bibtex_entry_that_cannot_be_read_beside_good_ones_is_an_error_naming_its_line(tmp_path: Path) -> None:
    # (left out, it would leave the entry the user corrected to its parse without a word)
    essay, _ = extracted(tmp_path)
    good = "@book{a,\n  title = {Gulls},\n  year = {2000}\n}\n"
    for text, said in (
        (good + "@book{b,\n  title = {Terns\n", "line 5: unexpectedly reached end of file"),
        (good + good, "line 5: duplicate entry key 'a'"),
    ):
        path = tmp_path / "refs.bib"
        path.write_text(text)
        code, _, err = invoke(str(essay), "--bibliography", str(path), "-o", str(tmp_path / "p.docx"))
        assert code == 1 and err.count("\n") == 1 and f"bibliography {path}: {said}" in err, err


def test_a_ris_record_left_open_is_an_error_naming_its_line(tmp_path: Path) -> None:
    # rispy leaves a record without its "ER  -" line out: the user's item would be lost without a word
    essay, _ = extracted(tmp_path)
    ris = tmp_path / "refs.ris"
    ris.write_text("TY  - BOOK\nTI  - Gulls\nER  - \nTY  - BOOK\nTI  - Terns\nTY  - BOOK\nTI  - Auks\nER  - \n")
    code, _, err = invoke(str(essay), "--bibliography", str(ris), "-o", str(tmp_path / "p.docx"))
    assert (
        code == 1 and err.count("\n") == 1 and f"bibliography {ris}: line 4: a record that no 'ER  -' line ends" in err
    )
