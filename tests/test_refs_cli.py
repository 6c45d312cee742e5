"""The ``refs`` CLI group and the exporters: output read back, line numbering of warnings, formats."""

from __future__ import annotations

import json

from click.testing import CliRunner

from essayconv.cli_refs import refs
from essayconv.references.export import dump, to_bibtex, to_ris

APA = (
    "Jeng, C. C., Huang, E., Meo, S., & Shelley, L. (2022). Combating sex trafficking: The role of the hotel. "
    "Religions, 13(2), 138."
)
MLA = 'Brennan, Thomas, et al. "Salt Roads of the Old Kingdom." Journal of Trade History, vol. 41, no. 3, 2018, pp. 201-230.'


def run(args: list[str], stdin: str):
    return CliRunner().invoke(refs, args, input=stdin)


def test_parse_jsonl_one_item_per_line_in_order_skipping_blank_lines() -> None:
    result = run(["parse", "-"], f"{APA}\n\n{MLA}\n")
    assert result.exit_code == 0, result.stderr
    items = [json.loads(line) for line in result.stdout.splitlines()]
    assert [i["id"] for i in items] == ["ref1", "ref2"]
    assert items[0]["container-title"] == "Religions" and items[0]["volume"] == "13"
    assert items[1]["title"] == "Salt Roads of the Old Kingdom"
    assert result.stderr == ""


def test_parse_unparseable_line_keeps_its_place_and_warns_with_its_line_number() -> None:
    result = run(["parse", "-"], f"{APA}\n\n(((\n{MLA}\n")
    items = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(items) == 3
    assert items[1]["note"] == "((("
    assert (
        result.stderr.strip()
        == "<stdin>:3: warning: could not parse the reference, kept as a note [reference-unparsed]"
    )


def test_parse_to_csl_json_array(tmp_path) -> None:
    src = tmp_path / "refs.txt"
    src.write_text(APA + "\n", encoding="utf-8")
    result = run(["parse", str(src), "--to", "csl-json"], "")
    data = json.loads(result.stdout)
    assert isinstance(data, list) and data[0]["author"][0] == {"family": "Jeng", "given": "C. C."}


def test_parse_to_bibtex_and_ris() -> None:
    bib = run(["parse", "-", "--to", "bibtex"], APA + "\n").stdout
    assert bib.startswith("@article{jeng2022,\n")
    assert "  author = {Jeng, C. C. and Huang, E. and Meo, S. and Shelley, L.}" in bib
    assert "  journal = {Religions}" in bib
    ris = run(["parse", "-", "--to", "ris"], APA + "\n").stdout.splitlines()
    assert ris[0] == "TY  - JOUR" and "AU  - Jeng, C. C." in ris and "PY  - 2022" in ris and ris[-1] == "ER  -"


def test_exporters_on_a_fixed_item() -> None:
    item = {
        "id": "x",
        "type": "chapter",
        "author": [{"family": "Berg", "given": "K.", "non-dropping-particle": "van der"}],
        "title": "Tides & salt",
        "container-title": "Sea essays",
        "page": "45-67",
        "issued": {"date-parts": [[2020]]},
    }
    assert to_bibtex([item, item]).split("\n\n")[1].startswith("@incollection{berg2020a,")
    assert "  title = {Tides \\& salt}" in to_bibtex([item])
    assert "  pages = {45--67}" in to_bibtex([item])
    ris = to_ris([item]).splitlines()
    assert ["SP  - 45", "EP  - 67"] == [x for x in ris if x.startswith(("SP", "EP"))]
    assert "AU  - van der Berg, K." in ris
    assert json.loads(dump([item], "csl-json")) == [item]


def test_format_round_trips_a_parsed_reference_in_apa() -> None:
    parsed = run(["parse", "-", "--to", "csl-json"], APA + "\n").stdout
    result = run(["format", "-", "--style", "apa"], parsed)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == APA + "\n"


def test_format_html_and_unknown_style() -> None:
    parsed = run(["parse", "-"], APA + "\n").stdout
    html = run(["format", "-", "--style", "apa", "--html"], parsed).stdout
    assert "<i>Religions</i>, <i>13</i>(2), 138." in html
    bad = run(["format", "-", "--style", "no-such-style-xyz"], parsed)
    assert bad.exit_code == 1 and "unknown style" in bad.stderr


def test_translator_original_date_genre_and_event_survive_bibtex_and_ris() -> None:
    from essayconv.references.imports import bibtex_items, ris_items

    book = {
        "id": "b",
        "type": "book",
        "author": [{"family": "Marlow", "given": "T."}],
        "translator": [{"family": "Quist", "given": "L."}],
        "title": "Tide mills",
        "publisher": "Riverside Press",
        "issued": {"date-parts": [[1961]]},
        "original-date": {"date-parts": [[1930]]},
    }
    talk = {
        "id": "t",
        "type": "speech",
        "author": [{"family": "Arden", "given": "K."}],
        "title": "Gull roosts",
        "genre": "Paper presentation",
        "event": "Annual Meeting of the Coastal Society",
        "event-place": "Leeds, United Kingdom",
        "issued": {"date-parts": [[2019]]},
    }
    read_book, read_talk = bibtex_items(to_bibtex([book, talk]))
    assert read_book["translator"] == [{"family": "Quist", "given": "L."}]
    assert read_book["original-date"] == {"date-parts": [[1930]]}
    assert (read_talk["genre"], read_talk["event"], read_talk["event-place"]) == (
        "Paper presentation",
        "Annual Meeting of the Coastal Society",
        "Leeds, United Kingdom",
    )
    ris_book, ris_talk = ris_items(to_ris([book, talk]))
    assert ris_book["translator"] == [{"family": "Quist", "given": "L."}]
    assert ris_talk["genre"] == "Paper presentation"
