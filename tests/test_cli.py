"""CLI behaviour: help, version, exit codes and one-line errors."""

from __future__ import annotations

import subprocess
from pathlib import Path

from click.testing import CliRunner

from essayconv import __version__
from essayconv.cli import main

ESSAY = "A Short Title\n\nThis is the first paragraph of a tiny essay about nothing much at all.\n"


def run(*args: str) -> tuple[int, str, str]:
    r = CliRunner().invoke(main, list(args))
    return r.exit_code, r.stdout, r.stderr


def test_version() -> None:
    code, out, _ = run("--version")
    assert code == 0 and __version__ in out


def test_help_has_examples() -> None:
    code, out, _ = run("--help")
    assert code == 0
    assert "essayconv paper.txt --to pdf --style mla" in out
    assert "inspect" in out


def test_missing_file_is_one_line_exit_1(tmp_path: Path) -> None:
    code, _, err = run(str(tmp_path / "nope.txt"))
    assert code == 1
    assert err.strip().count("\n") == 0
    assert "nope.txt" in err and "no such file" in err


def test_directory_without_essays_is_refused(tmp_path: Path) -> None:
    code, _, err = run(str(tmp_path), "--to", "json")
    assert code == 1 and "no input files found" in err


def test_unknown_format_is_usage_error(tmp_path: Path) -> None:
    src = tmp_path / "a.txt"
    src.write_text(ESSAY)
    code, _, err = run(str(src), "--to", "odt")
    assert code == 2 and "odt" in err


def test_unknown_style_is_one_line_exit_1(tmp_path: Path) -> None:
    src = tmp_path / "a.txt"
    src.write_text(ESSAY)
    code, _, err = run(str(src), "--to", "json", "--style", "no-such-style-anywhere", "-o", "-")
    assert code == 1
    assert err.strip().count("\n") == 0
    assert "a.txt" in err and "no-such-style-anywhere" in err


def test_never_overwrites_the_input(tmp_path: Path) -> None:
    src = tmp_path / "a.json"
    src.write_text(ESSAY)
    code, _, err = run(str(src), "--to", "json")
    assert code == 1 and "overwrite the input" in err
    assert src.read_text() == ESSAY


def test_missing_output_directory(tmp_path: Path) -> None:
    src = tmp_path / "a.txt"
    src.write_text(ESSAY)
    code, _, err = run(str(src), "--to", "json", "-o", str(tmp_path / "no" / "out.json"))
    assert code == 1 and "does not exist" in err
    assert err.strip().count("\n") == 0


def test_options_before_the_file(tmp_path: Path) -> None:
    src = tmp_path / "a.txt"
    src.write_text(ESSAY)
    code, out, _ = run("--to", "json", "-o", "-", str(src))
    assert code == 0 and '"title": "A Short Title"' in out


def test_inspect_readable_report(tmp_path: Path) -> None:
    src = tmp_path / "a.txt"
    src.write_text(ESSAY)
    code, out, _ = run("inspect", str(src))
    assert code == 0
    assert "title:      A Short Title" in out
    assert "paragraphs: 1" in out


def _command(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """The ``essayconv`` command as installed (``cli.run``, which ends the process with ``os._exit``)."""
    import sys

    return subprocess.run(
        [sys.executable, "-m", "essayconv.cli", *args], cwd=cwd, capture_output=True, text=True, timeout=120
    )


def test_command_exit_flushes_stdout_and_keeps_exit_codes(tmp_path: Path) -> None:
    import json

    (tmp_path / "e.txt").write_text(ESSAY, encoding="utf-8")
    # the whole dump reaches the pipe before the process ends
    r = _command("e.txt", "--to", "json", "-o", "-", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["meta"]["title"] == "A Short Title"
    r = _command("e.txt", "--to", "docx", cwd=tmp_path)
    assert r.returncode == 0 and (tmp_path / "e.docx").read_bytes()[:2] == b"PK"
    assert r.stderr.strip().endswith("e.txt -> e.docx")  # stderr flushed too
    r = _command("missing.txt", "--to", "docx", cwd=tmp_path)
    assert r.returncode == 1 and r.stderr.strip() == "essayconv: error: missing.txt: no such file"
    r = _command("e.txt", "--to", "nothing", cwd=tmp_path)
    assert r.returncode == 2 and "Invalid value" in r.stderr  # click's usage error keeps its code


def test_inspect_counts_note_marks_apart_from_unresolved_citations(tmp_path) -> None:
    # a footnote mark points at its note: it was counted as an unresolved citation
    from click.testing import CliRunner

    from essayconv.cli import main

    essay = tmp_path / "notes.txt"
    essay.write_text(
        "The Long Road\n\nWomen won the vote after seven decades of campaigning.1 The amendment "
        "passed in 1920 (Smith, 2010).\n\nNotes\n\n1. The campaign began at Seneca Falls in 1848.\n\n"
        "References\n\nSmith, J. (2010). Suffrage. Oxford University Press.\n",
        encoding="utf-8",
    )
    r = CliRunner().invoke(main, ["inspect", str(essay)])
    assert r.exit_code == 0, r.output
    assert "  citations:  1 (0 unresolved), note marks: 1\n    line 3: 1 -> note fn1\n" in r.output
