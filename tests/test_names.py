"""One home for names (essayconv.names): folding, particles, organisations, initials, "et al.",
possessives, near misses; and the layers that use it agree."""

from __future__ import annotations

import pytest

from essayconv import names
from essayconv.citations.resolve import resolve
from essayconv.model import Cite, CiteItem, Document, Paragraph, Reference


@pytest.mark.parametrize(
    ("written", "folded"),
    [
        ("Müller", "muller"),
        ("MULLER", "muller"),
        ("Gómez", "gomez"),
        ("O’ Day", "oday"),
        ("O'Day", "oday"),
        ("Søren", "soren"),
        ("Łukasz", "lukasz"),
        ("Straße", "strasse"),
        ("Æsop", "aesop"),
        ("Иванов", "иванов"),
    ],
)
def test_fold_ignores_case_accents_and_punctuation(written: str, folded: str) -> None:
    assert names.fold(written) == folded


def test_ascii_stem_keeps_ascii_letters_only() -> None:
    assert names.ascii_stem("Müller-Lüdenscheidt") == "mullerludenscheidt"
    assert names.ascii_stem("Søndergaard") == "sondergaard"  # (ø has no decomposition; it was dropped before)
    assert names.ascii_stem("Иванов") == ""


@pytest.mark.parametrize(
    ("family", "key"),
    [
        ("van der Berg", "berg"),
        ("de la Cruz", "cruz"),
        ("von Humboldt", "humboldt"),
        ("ibn Khaldun", "khaldun"),
        ("Van der Berg", "berg"),
        ("De Vries", "vries"),
        ("Smith", "smith"),
        ("de", "de"),
    ],
)
def test_family_key_drops_leading_particles(family: str, key: str) -> None:
    assert names.family_key(family) == key


@pytest.mark.parametrize(
    ("author", "expected"),
    [
        ("Jeng et al.", (["jeng"], True)),
        ("Jeng and others", (["jeng"], True)),
        ("Müller u. a.", (["muller"], True)),
        ("Price & Bentele", (["price", "bentele"], False)),
        ("van der Berg and de la Cruz", (["berg", "cruz"], False)),
        ("Smith’s", (["smith"], False)),
        ("Hill and Ng's", (["hill", "ng"], False)),
        ("Ebashi S", (["ebashi"], False)),  # initials after the family name
        ("Johnson AD", (["johnson"], False)),
        ("E. Seymour", (["seymour"], False)),  # initials before it
        ("J. K. Rowling", (["rowling"], False)),
        ("WHO", (["who"], False)),  # an acronym standing alone is no initials
        ("C.S. Mott Children's Hospital", (["csmottchildrenshospital"], False)),  # a possessive inside a name stays
    ],
)
def test_cite_names(author: str, expected: tuple[list[str], bool]) -> None:
    assert names.cite_names(author) == expected


def test_strip_possessive() -> None:
    assert names.strip_possessive("Smith's") == "Smith"
    assert names.strip_possessive("Hill and Ng’s") == "Hill and Ng"
    assert names.strip_possessive("Moss") == "Moss"


@pytest.mark.parametrize(
    ("a", "b", "off"),
    [
        ("safrenek", "safranek", True),  # one replaced
        ("mueler", "mueller", True),  # one added
        ("johnson", "jonhson", True),  # two neighbours swapped
        ("smith", "smith", False),  # the same name is no near miss
        ("chen", "chan", False),  # too short: one letter makes another name
        ("safranek", "safrenak", False),  # two letters off
        ("abcdef", "abcxyf", False),
    ],
)
def test_one_letter_off(a: str, b: str, off: bool) -> None:
    assert names.one_letter_off(a, b) is off
    assert names.one_letter_off(b, a) is off


def test_particles_have_one_home() -> None:
    from essayconv.references import names as ref_names

    assert ref_names.PARTICLES is names.PARTICLES
    assert names.PROSE_PARTICLES <= names.PARTICLES
    assert names.CAPITALISED_PARTICLES <= names.PROSE_PARTICLES
    # no pattern spells a list of particles again ("van|von|de|der"): they come from names.particle_pattern
    import re
    from pathlib import Path

    package = Path(names.__file__).parent
    spelled = re.compile(r"\b(?:van|von|de|der|den|da|di|du)\|(?:van|von|de|der|den|da|di|du)\b")
    again = [
        f"{path.relative_to(package)}:{n}"
        for path in sorted(package.rglob("*.py"))
        if path.name not in ("names.py", "_gates.py")  # (_gates.py: patterns as generated from the code)
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if spelled.search(line)
    ]
    assert again == []


# ---- the resolver: accents, particles and organisations link; near misses link with a warning ----------


def _ref(rid: str, families: list[str], year: int, literal: bool = False) -> Reference:
    people = [{"literal": f} if literal else {"family": f, "given": "A."} for f in families]
    csl = {"id": rid, "type": "book", "title": rid, "author": people, "issued": {"date-parts": [[year]]}}
    return Reference(rid, f"{families[0]}, A. ({year}). {rid}.", csl)


def _resolve(refs: tuple[Reference, ...], *cites: tuple[str, str, str]) -> Document:
    """``cites``: (text as written, author, year)."""
    content = tuple(Cite((CiteItem(author, year),), text, line=4) for text, author, year in cites)
    return resolve(Document(blocks=(Paragraph(content),), references=refs))


def _keys(doc: Document) -> list[str | None]:
    return [it.key for c in doc.blocks[0].content if isinstance(c, Cite) for it in c.items]


def _warnings(doc: Document) -> list[tuple[str, str]]:
    return [(d.code, d.message) for d in doc.diagnostics if d.severity == "warning"]


def test_accents_and_particles_link_exactly_without_warning() -> None:
    refs = (
        _ref("gomez", ["Gómez"], 2018),
        _ref("berg", ["van der Berg"], 2019),
        _ref("cruz", ["de la Cruz"], 2020),
        _ref("muller", ["Müller"], 2021),
    )
    d = _resolve(
        refs,
        ("(Gomez, 2018)", "Gomez", "2018"),
        ("(Van der Berg, 2019)", "Van der Berg", "2019"),
        ("de la Cruz’s (2020)", "de la Cruz’s", "2020"),
        ("(MÜLLER, 2021)", "MÜLLER", "2021"),
    )
    assert _keys(d) == ["gomez", "berg", "cruz", "muller"]
    assert _warnings(d) == []


def test_organisation_cited_by_its_name() -> None:
    refs = (_ref("nbb", ["National Biodiesel Board"], 2008, literal=True),)
    d = _resolve(refs, ("(National Biodiesel Board, 2008)", "National Biodiesel Board", "2008"))
    assert _keys(d) == ["nbb"] and _warnings(d) == []


def test_exact_match_wins_over_a_near_miss() -> None:
    refs = (_ref("near", ["Safranek"], 1980), _ref("exact", ["Safrenek"], 1980))
    d = _resolve(refs, ("(Safrenek, 1980)", "Safrenek", "1980"))
    assert _keys(d) == ["exact"] and _warnings(d) == []


def test_one_letter_off_with_the_same_year_links_with_a_warning_naming_both() -> None:
    refs = (_ref("safranek1980", ["Safranek"], 1980), _ref("other", ["Other"], 1980))
    d = _resolve(refs, ("(Safrenek, 1980)", "Safrenek", "1980"))
    assert _keys(d) == ["safranek1980"]
    assert _warnings(d) == [
        ("near-miss-citation", "citation '(Safrenek, 1980)': cited Safrenek 1980; linked to Safranek 1980")
    ]


def test_one_letter_off_with_another_year_does_not_link() -> None:
    refs = (_ref("safranek1975", ["Safranek"], 1975),)
    d = _resolve(refs, ("(Safrenek, 1980)", "Safrenek", "1980"))
    assert _keys(d) == [None]
    assert _warnings(d) == [
        ("unresolved-citation", "citation '(Safrenek, 1980)' matches no reference; nearest: Safranek 1975")
    ]


def test_the_same_name_with_the_year_off_by_one_links_with_a_warning() -> None:
    refs = (_ref("lee", ["Lee", "Park"], 2020),)
    d = _resolve(refs, ("Lee and Park (2019)", "Lee and Park", "2019"))
    assert _keys(d) == ["lee"]
    assert _warnings(d) == [
        ("near-miss-citation", "citation 'Lee and Park (2019)': cited Lee and Park 2019; linked to Lee and Park 2020")
    ]


def test_two_near_candidates_link_neither_and_the_warning_names_both() -> None:
    refs = (_ref("s2019", ["Smith"], 2019), _ref("s2021", ["Smith"], 2021))
    d = _resolve(refs, ("(Smith, 2020)", "Smith", "2020"))
    assert _keys(d) == [None]
    assert _warnings(d) == [
        ("unresolved-citation", "citation '(Smith, 2020)' matches no reference; nearest: Smith 2019, Smith 2021")
    ]


def test_a_near_miss_of_each_kind_to_two_entries_links_neither() -> None:
    refs = (_ref("a", ["Safranek"], 1980), _ref("b", ["Safrenek"], 1981))
    d = _resolve(refs, ("(Safrenek, 1980)", "Safrenek", "1980"))
    assert _keys(d) == [None]
    assert _warnings(d) == [
        (
            "unresolved-citation",
            "citation '(Safrenek, 1980)' matches no reference; nearest: Safranek 1980, Safrenek 1981",
        )
    ]


def test_an_undated_citation_is_no_near_miss() -> None:
    refs = (_ref("safranek1980", ["Safranek"], 1980),)
    d = _resolve(refs, ("(Safrenek)", "Safrenek", ""))
    assert _keys(d) == [None]


def test_near_miss_warning_reaches_the_conversion_and_inspect(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from click.testing import CliRunner

    from essayconv import convert
    from essayconv.cli import main
    from essayconv.options import ConvertOptions

    text = (
        "On Rivers\n\nFloods shape the plain (Safrenek, 1980). They return often.\n\nReferences\n\n"
        "Safranek, J. (1980). Rivers and their plains. Academic Press.\n"
    )
    warning = "citation '(Safrenek, 1980)': cited Safrenek 1980; linked to Safranek 1980"
    result = convert(text, ConvertOptions(to="json"))
    assert [(d.code, d.line) for d in result.diagnostics if d.message == warning] == [("near-miss-citation", 3)]
    essay = tmp_path / "essay.txt"
    essay.write_text(text, encoding="utf-8")
    shown = CliRunner().invoke(main, ["inspect", str(essay)])
    assert shown.exit_code == 0
    assert f"warning: line 3: {warning} [near-miss-citation]" in shown.output
    assert "(Safrenek, 1980) -> safranek1980" in shown.output


@pytest.mark.parametrize(
    ("organisation", "forms"),
    [
        ("World Health Organization", {"who"}),
        ("Centers for Disease Control and Prevention", {"cdc", "cdcp"}),
        ("Forest Survey of India (FSI)", {"fsi"}),
        ("United Nations", {"un"}),
        ("Smith", set()),  # one word: no short form
        ("National institute of health", set()),  # not every word capitalised: prose, not a name
    ],
)
def test_short_forms_of_organisations(organisation: str, forms: set[str]) -> None:
    assert names.short_forms(organisation) == forms


def test_organisation_cited_by_its_acronym() -> None:
    who = Reference(
        "who2005",
        "World Health Organization. (2005). Plague fact sheet.",
        {
            "id": "who2005",
            "type": "report",
            "title": "Plague",
            "author": [{"literal": "World Health Organization"}],
            "issued": {"date-parts": [[2005]]},
        },
    )
    fsi = Reference(
        "fsi2001",
        "Forest Survey of India (FSI) 2001. State of forest report.",
        {
            "id": "fsi2001",
            "type": "report",
            "title": "State",
            "author": [{"family": "Forest Survey of India"}],
            "issued": {"date-parts": [[2001]]},
        },
    )
    d = _resolve(
        (who, fsi), ("(WHO, 2005)", "WHO", "2005"), ("(FSI, 2001)", "FSI", "2001"), ("(WHA, 2005)", "WHA", "2005")
    )
    assert _keys(d) == ["who2005", "fsi2001", None]


def test_a_citation_of_several_works_names_the_nearest_to_each_missing_one() -> None:
    refs = (_ref("herzig", ["Herzig"], 2004), _ref("lattuca", ["Lattuca"], 2004))
    content = (Cite((CiteItem("Herzig", "2001"), CiteItem("Lattuca", "2004")), "(Herzig 2001; Lattuca 2004)", line=2),)
    d = resolve(Document(blocks=(Paragraph(content),), references=refs))
    assert _warnings(d) == [
        (
            "unresolved-citation",
            "citation '(Herzig 2001; Lattuca 2004)': Herzig 2001 matches no "
            "reference; nearest to Herzig 2001: Herzig 2004",
        )
    ]


def test_names_uses_only_the_standard_library() -> None:
    """Every layer imports it: it must import none of them (nor any outside library)."""
    import ast
    from pathlib import Path

    tree = ast.parse(Path(names.__file__).read_text(encoding="utf-8"))
    imported = {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
    imported |= {n.module or "." for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}
    assert imported <= {"__future__", "re", "unicodedata"}


def test_a_name_two_letters_off_is_named_as_the_nearest_entry_but_not_linked() -> None:
    refs = (_ref("h", ["Hollingsworth"], 2014), _ref("s", ["Smith"], 2014))
    d = _resolve(refs, ("(Holingswort, 2014)", "Holingswort", "2014"), ("(Smoth, 2014)", "Smoth", "2014"))
    # two letters off is a hint in the warning only; one letter off (a five-letter name or longer) links
    assert _keys(d) == [None, "s"]
    assert _warnings(d) == [
        ("unresolved-citation", "citation '(Holingswort, 2014)' matches no reference; nearest: Hollingsworth 2014"),
        ("near-miss-citation", "citation '(Smoth, 2014)': cited Smoth 2014; linked to Smith 2014"),
    ]


def test_an_entry_written_under_the_cited_name_but_parsed_otherwise_links_with_a_warning() -> None:
    # "2. Trinkaus Miha, Pregelj Peter. ... 2008." parsed with the family names Miha and Peter: the entry is
    # written under the cited name, so it is the one cited; the warning shows the names as read
    people = [{"family": "Miha", "given": "Trinkaus"}, {"family": "Peter", "given": "Pregelj"}]
    csl = {
        "id": "t",
        "type": "article-journal",
        "title": "Neural regulation",
        "author": people,
        "issued": {"date-parts": [[2008]]},
    }
    refs = (Reference("t", "2. Trinkaus Miha, Pregelj Peter. Neural regulation. J Neurochem. 2008; 1-9.", csl),)
    d = _resolve(refs, ("[Trinkaus 2008]", "Trinkaus", "2008"), ("[Trinkaus 2001]", "Trinkaus", "2001"))
    assert _keys(d) == ["t", None]
    assert _warnings(d)[0] == (
        "near-miss-citation",
        "citation '[Trinkaus 2008]': cited Trinkaus 2008; linked to Miha and Peter 2008",
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a comma left out after the initials: the next family name ran into the given name
        ("Arden, B. A. Marlow, G. E.", [("Arden", "B. A."), ("Marlow", "G. E.")]),
        ("Quinn, G. Harbour, G., & Lund, M.", [("Quinn", "G."), ("Harbour", "G."), ("Lund", "M.")]),
        # the suffix before the given name, and a comma between two initials
        ("Arden, M., & Marlow, Jr., J.", [("Arden", "M."), ("Marlow", "J.")]),
        ("Lund, J.,F., & Lund, D.W.", [("Lund", "J. F."), ("Lund", "D.W.")]),
        # short family names and undotted initials stay as they are
        ("Li, X., Wu, Y.", [("Li", "X."), ("Wu", "Y.")]),
        ("Marlow BK, Arden K", [("Marlow", "BK"), ("Arden", "K")]),
    ],
)
def test_stray_initials_are_the_given_name_the_commas_cut_off(text: str, expected: list) -> None:
    from essayconv.references.names import parse_names

    names, _ = parse_names(text)
    assert [(n.get("family"), n.get("given")) for n in names] == expected
