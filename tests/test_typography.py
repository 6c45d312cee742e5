"""Curly quotes in DOCX/PDF: the rules, what is left alone, and the command-line switch."""

from __future__ import annotations

import json
from pathlib import Path

import docx
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from essayconv.cli import main
from essayconv.model import (
    BibEntry,
    Bibliography,
    Cite,
    CiteItem,
    Document,
    Emph,
    Footnote,
    Link,
    Meta,
    Paragraph,
    Preformatted,
    Text,
)
from essayconv.typography import curl, smart_quotes


def test_quotes_open_after_space_or_bracket_and_close_otherwise() -> None:
    assert (
        curl('as Wong argues, "the language of evasion" (47).')
        == "as Wong argues, \u201cthe language of evasion\u201d (47)."
    )
    assert curl('("quoted")') == "(\u201cquoted\u201d)"
    assert curl("He said, 'no.'") == "He said, \u2018no.\u2019"
    assert curl("\"'Nested,' she said.\"") == "\u201c\u2018Nested,\u2019 she said.\u201d"
    assert curl('an em dash\u2014"quoted"') == "an em dash\u2014\u201cquoted\u201d"
    assert curl('<img src="/x"/> and said:"Yes."') == "<img src=\u201c/x\u201d/> and said:\u201cYes.\u201d"


def test_apostrophes() -> None:
    assert curl("Ishiguro's novel and the students' essays") == "Ishiguro\u2019s novel and the students\u2019 essays"
    assert curl("O'Brien didn't") == "O\u2019Brien didn\u2019t"
    assert curl("music of the '90s and of '68") == "music of the \u201990s and of \u201968"


def test_context_carries_across_nodes() -> None:
    doc = Document(blocks=(Paragraph((Text('He wrote "'), Emph((Text("Dignity"),)), Text('" twice.'))),))
    out = smart_quotes(doc)
    assert out.blocks[0].content == (Text("He wrote \u201c"), Emph((Text("Dignity"),)), Text("\u201d twice."))


def test_what_is_left_alone() -> None:
    unresolved = Cite((CiteItem(author="O'Neil", year="2020"),), text="(O'Neil, 2020)")
    resolved = Cite(
        (CiteItem(author="O'Neil", year="2020", key="oneil"),),
        text="(O'Neil, 2020)",
        rendered=(Text("(O'Neil, 2020)"),),
    )
    link = Link((Text("https://example.org/it's"),), "https://example.org/it's")
    doc = Document(
        meta=Meta(title='Stevens\' "Dignity"'),
        blocks=(
            Paragraph((unresolved, Text(" and "), resolved, Text(" at "), link)),
            Preformatted("print('as typed')"),
        ),
        footnotes=(Footnote("fn1", (Text("See 'Notes'."),)),),
        bibliography=Bibliography("References", (BibEntry("oneil", (Text("O'Neil, C. (2020)."),)),), "apa"),
    )
    out = smart_quotes(doc)
    para = out.blocks[0].content
    assert para[0] == unresolved  # the author's text of a citation that matched nothing, exactly
    assert para[2].rendered == (Text("(O\u2019Neil, 2020)"),)
    assert para[4] == link
    assert out.blocks[1] == Preformatted("print('as typed')")
    assert out.meta.title == "Stevens\u2019 \u201cDignity\u201d"
    assert out.footnotes[0].content == (Text("See \u2018Notes\u2019."),)
    assert out.bibliography is not None and out.bibliography.entries[0].content == (Text("O\u2019Neil, C. (2020)."),)


def test_other_languages_keep_their_quotes() -> None:
    doc = Document(meta=Meta(language="de-DE"), blocks=(Paragraph((Text('Er sagte "nein".'),)),))
    assert smart_quotes(doc) == doc
    english = Document(blocks=(Paragraph((Text('He said "no".'),)),))
    assert smart_quotes(english, "fr-FR") == english  # --locale names the language when given
    assert smart_quotes(english, "en-GB").blocks[0].content == (Text("He said \u201cno\u201d."),)


@given(st.text(alphabet=st.sampled_from(list("ab '\"(.\n-"))))
def test_only_quote_characters_change(s: str) -> None:
    out = curl(s)
    assert len(out) == len(s)
    assert "'" not in out and '"' not in out
    for a, b in zip(s, out):
        assert a == b or (a == '"' and b in "\u201c\u201d") or (a == "'" and b in "\u2018\u2019")


ESSAY = """Quotes in Practice

As Wong argues, "the language of professionalism is the language of evasion" (Wong, 2000, p. 47). Stevens's
pride is the novel's subject.

References

Wong, C. F. (2000). Kazuo Ishiguro. Northcote House.
"""


def test_docx_has_curly_quotes_unless_asked_not_to(tmp_path: Path) -> None:
    src = tmp_path / "q.txt"
    src.write_text(ESSAY, encoding="utf-8")

    def body(*extra: str) -> str:
        out = tmp_path / "q.docx"
        r = CliRunner().invoke(main, [str(src), "--to", "docx", "-o", str(out), "-q", "--force", *extra])
        assert r.exit_code == 0, r.output
        return "\n".join(p.text for p in docx.Document(str(out)).paragraphs)

    curly = body()
    assert "\u201cthe language of professionalism is the language of evasion\u201d (Wong, 2000, p. 47)" in curly
    assert "Stevens\u2019s" in curly and "novel\u2019s" in curly and '"' not in curly and "'" not in curly
    straight = body("--straight-quotes")
    assert '"the language of professionalism is the language of evasion"' in straight and "novel's" in straight
    # the JSON dump is the document the page writers render (transforms.py): curled, unless asked not to
    for extra, shown in (((), "novel\u2019s subject"), (("--straight-quotes",), "novel's subject")):
        r = CliRunner().invoke(main, [str(src), "--to", "json", "-o", "-", "-q", *extra])
        assert r.exit_code == 0
        assert shown in json.dumps(json.loads(r.output), ensure_ascii=False)
