"""Faults at the edges of the command: nothing overwritten, nothing that blocks or reads without end,
no traceback, and messages that say what to do (issue 15)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from essayconv.cli import main

ESSAY = (
    "On Rivers\n\nRivers shape the towns that grow beside them, and the towns shape the rivers in turn "
    "(Ortiz, 2019).\n\nReferences\n\nOrtiz, L. (2019). Towns and rivers. Journal of Water History, 4(2), 10-20.\n"
)
COMMAND = [sys.executable, "-m", "essayconv.cli"]

needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes need a POSIX system")


def invoke(*args: str) -> tuple[int, str]:
    r = CliRunner().invoke(main, list(args))
    return r.exit_code, r.stderr


def one_error_line(stderr: str) -> str:
    """The single line of stderr, checked to be an essayconv error and not a traceback."""
    lines = stderr.splitlines()
    assert len(lines) == 1, stderr
    assert lines[0].startswith("essayconv: error: ") and "internal error" not in lines[0], stderr
    return lines[0]


def command(*args: str, timeout: float = 60, **kw: object) -> subprocess.CompletedProcess[bytes]:
    """The real command in a new process (what a terminal runs: the exit path of ``cli.run`` included)."""
    kw.setdefault("stdout", subprocess.PIPE)
    return subprocess.run([*COMMAND, *args], stderr=subprocess.PIPE, timeout=timeout, **kw)  # type: ignore[call-overload]


@pytest.fixture()
def essays(tmp_path: Path) -> Path:
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text(ESSAY)
    (src / "b.txt").write_text(ESSAY.replace("Rivers", "Lakes", 1))
    return src


# --------------------------------------------------------------------------------------------
# Data loss: the report and the outputs never land on an input, an output or a device
# --------------------------------------------------------------------------------------------


def test_report_onto_an_input_is_refused_and_the_essay_kept(essays: Path, tmp_path: Path) -> None:
    code, err = invoke(str(essays), "--to", "docx", "-o", str(tmp_path / "out"), "--report", str(essays / "a.txt"))
    assert code == 1
    assert "the report would overwrite an input of this run" in one_error_line(err)
    assert (essays / "a.txt").read_text() == ESSAY
    assert not (tmp_path / "out" / "a.docx").exists()  # refused before any work


def test_report_onto_an_output_of_the_run_is_refused(essays: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    code, err = invoke(str(essays), "--to", "docx", "-o", str(out), "--report", str(out / "b.docx"))
    assert code == 1
    assert "the report would overwrite an output of this run" in one_error_line(err)


def test_report_onto_an_input_by_another_name_is_refused(essays: Path, tmp_path: Path) -> None:
    (tmp_path / "alias.json").symlink_to(essays / "b.txt")
    code, err = invoke(str(essays), "-o", str(tmp_path / "out"), "--report", str(tmp_path / "alias.json"))
    assert code == 1 and "would overwrite an input" in one_error_line(err)
    assert (essays / "b.txt").read_text().startswith("On Lakes")


@needs_fifo
def test_report_onto_a_named_pipe_is_refused(essays: Path, tmp_path: Path) -> None:
    fifo = tmp_path / "report.json"
    os.mkfifo(fifo)
    code, err = invoke(str(essays), "-o", str(tmp_path / "out"), "--report", str(fifo))
    assert code == 1 and "it is a named pipe, not a regular file" in one_error_line(err)
    assert fifo.is_fifo()


@needs_fifo
def test_output_into_a_named_pipe_writes_through_it_and_keeps_the_pipe(essays: Path, tmp_path: Path) -> None:
    fifo = tmp_path / "paper.docx"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()), daemon=True)
    reader.start()
    r = command(str(essays / "a.txt"), "--to", "docx", "-o", str(fifo), "-q")
    reader.join(30)
    assert r.returncode == 0, r.stderr
    assert fifo.is_fifo()  # not replaced by a regular file
    assert received and received[0].startswith(b"PK")
    assert not [p.name for p in tmp_path.iterdir() if p.name.endswith(".part")]


def test_output_onto_a_symlink_loop_is_one_line(essays: Path, tmp_path: Path) -> None:
    loop = tmp_path / "loop.docx"
    loop.symlink_to(loop)
    code, err = invoke(str(essays / "a.txt"), "-o", str(loop), "-q")
    assert code == 1 and "symlink loop" in one_error_line(err)
    assert loop.is_symlink()


# --------------------------------------------------------------------------------------------
# Hangs and unbounded reads
# --------------------------------------------------------------------------------------------


@needs_fifo
def test_a_named_pipe_among_the_inputs_is_skipped_and_the_rest_converted(essays: Path, tmp_path: Path) -> None:
    os.mkfifo(essays / "x.txt")  # no writer: opening it for reading would wait for ever
    report = tmp_path / "report.json"
    r = command(str(essays), "-o", str(tmp_path / "out"), "--jobs", "2", "-q", "--report", str(report), timeout=60)
    assert r.returncode == 1  # one file failed
    err = r.stderr.decode()
    assert f"{essays / 'x.txt'}: is a named pipe, not a regular file" in err and "Traceback" not in err
    status = {Path(f["source"]).name: f["status"] for f in json.loads(report.read_text())["files"]}
    assert status == {"a.txt": "converted", "b.txt": "converted", "x.txt": "failed"}


@needs_fifo
@pytest.mark.parametrize("sub", [[], ["inspect"]])
def test_a_named_pipe_as_the_one_input_is_refused_at_once(tmp_path: Path, sub: list[str]) -> None:
    fifo = tmp_path / "x.txt"
    os.mkfifo(fifo)
    r = command(*sub, str(fifo), "-q" if not sub else "--json", timeout=30)
    assert r.returncode == 1
    assert "is a named pipe, not a regular file" in one_error_line(r.stderr.decode())


def _memory_capped() -> None:  # a child that reads without bound fails fast instead of filling memory
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (1_500_000_000, 1_500_000_000))


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_a_symlink_to_an_endless_device_is_refused(tmp_path: Path) -> None:
    (tmp_path / "zero.txt").symlink_to("/dev/zero")
    r = command(
        str(tmp_path / "zero.txt"),
        "--max-size",
        "1MB",
        "-o",
        str(tmp_path / "z.docx"),
        timeout=30,
        preexec_fn=_memory_capped,
    )
    assert r.returncode == 1
    assert "is a character device, not a regular file" in one_error_line(r.stderr.decode())


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_endless_standard_input_is_read_only_up_to_the_limit(tmp_path: Path) -> None:
    with open("/dev/zero", "rb") as zero:
        r = command("inspect", "-", "--max-size", "2MB", stdin=zero, timeout=30, preexec_fn=_memory_capped)
    assert r.returncode == 1
    assert one_error_line(r.stderr.decode()) == (
        "essayconv: error: <stdin>: input is over the size limit of 2 MB (raise it with --max-size)"
    )


# --------------------------------------------------------------------------------------------
# No tracebacks
# --------------------------------------------------------------------------------------------


def test_a_symlink_loop_as_input_is_one_line(tmp_path: Path) -> None:
    loop = tmp_path / "loop.txt"
    loop.symlink_to(loop)
    for sub in ([], ["inspect"]):
        code, err = invoke(*sub, str(loop))
        assert code == 1
        assert one_error_line(err) == f"essayconv: error: {loop}: too many levels of symbolic links (a symlink loop?)"


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize(
    "args",
    [
        ["{essay}", "--to", "json", "-o", "-", "-q"],
        ["inspect", "--json", "{essay}"],
        ["inspect", "{essay}"],
        ["refs", "parse", "{refs}"],
    ],
)
def test_standard_output_on_a_full_device_is_one_line(tmp_path: Path, args: list[str]) -> None:
    (tmp_path / "e.txt").write_text(ESSAY * 40)
    (tmp_path / "r.txt").write_text(
        "Ortiz, L. (2019). Towns and rivers. Journal of Water History, 4(2), 10-20.\n" * 400
    )
    filled = [a.format(essay=tmp_path / "e.txt", refs=tmp_path / "r.txt") for a in args]
    with open("/dev/full", "wb") as full:
        r = command(*filled, stdout=full)
    assert r.returncode == 1
    assert (
        one_error_line(r.stderr.decode())
        == "essayconv: error: cannot write to standard output: no space left on device"
    )


@pytest.mark.skipif(sys.platform == "darwin", reason="macOS refuses file names that are not UTF-8")
def test_a_file_name_that_is_not_utf8_goes_into_the_report(essays: Path, tmp_path: Path) -> None:
    odd = os.fsencode(str(essays)) + b"/caf\xe9.txt"
    with open(odd, "w") as fh:
        fh.write(ESSAY)
    report = tmp_path / "report.json"
    r = command(str(essays), "-o", str(tmp_path / "out"), "-q", "--report", str(report))
    assert r.returncode == 0, r.stderr
    files = json.loads(report.read_text(encoding="utf-8"))["files"]
    assert odd in {os.fsencode(f["source"]) for f in files}  # the name's bytes come back from the report


@pytest.mark.parametrize("encoding", ["rot13", "base64", "hex", "zlib"])
def test_a_codec_that_is_not_a_text_encoding_is_a_usage_message(essays: Path, tmp_path: Path, encoding: str) -> None:
    code, err = invoke(str(essays / "a.txt"), "--encoding", encoding, "-o", str(tmp_path / "a.docx"))
    assert code == 1
    assert one_error_line(err).endswith(
        f"{encoding} is not a text encoding (give one such as utf-8, cp1252 or latin-1)"
    )
    code, err = invoke(str(essays), "--encoding", encoding, "-o", str(tmp_path / "out"))  # once for a batch
    assert code == 1 and one_error_line(err)


# --------------------------------------------------------------------------------------------
# Messages
# --------------------------------------------------------------------------------------------


def test_size_message_gives_bytes_when_the_rounded_sizes_are_equal(tmp_path: Path) -> None:
    src = tmp_path / "e.txt"
    src.write_bytes(b"word " * 20_010)  # 100,050 bytes: "100 kB" like the limit
    code, err = invoke(str(src), "--max-size", "100kB", "-o", str(tmp_path / "e.docx"))
    assert code == 1
    assert one_error_line(err) == (
        f"essayconv: error: {src}: input is 100,050 bytes, over the size limit of "
        "100,000 bytes (raise it with --max-size)"
    )


def test_several_inputs_to_an_existing_file_are_refused(essays: Path, tmp_path: Path) -> None:
    target = tmp_path / "taken.docx"
    target.write_bytes(b"keep")
    code, err = invoke(str(essays / "a.txt"), str(essays / "b.txt"), "-o", str(target))
    assert code == 1 and "several inputs need an output directory" in one_error_line(err)
    assert target.read_bytes() == b"keep"


def test_several_inputs_to_a_file_name_do_not_make_a_directory(essays: Path, tmp_path: Path) -> None:
    code, err = invoke(str(essays / "a.txt"), str(essays / "b.txt"), "-o", str(tmp_path / "single.pdf"), "--to", "pdf")
    assert code == 1 and "several inputs need an output directory" in one_error_line(err)
    assert not (tmp_path / "single.pdf").exists()


def _odt_bytes() -> bytes:
    import io

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        z.writestr("content.xml", "<office:document-content/>")
    return buf.getvalue()


@pytest.mark.parametrize(
    "data, named",
    [
        (_odt_bytes(), "an OpenDocument text (.odt)"),
        (b"%PDF-1.7\n%\xe2\xe3\n1 0 obj", "a PDF"),
        (b"{\\rtf1\\ansi\\deff0 {\\fonttbl}", "an RTF document"),
    ],
)
def test_a_document_format_is_named_with_what_to_do(tmp_path: Path, data: bytes, named: str) -> None:
    src = tmp_path / "paper.txt"
    src.write_bytes(data)
    code, err = invoke(str(src), "-o", str(tmp_path / "paper.docx"))
    assert code == 1
    line = one_error_line(err)
    assert (
        f"input is {named}, not a text file (essayconv reads plain text, Markdown, web pages and Word .docx): " in line
    )
    assert "Plain Text (.txt)" in line or "pdftotext" in line


def test_choices_take_any_case(essays: Path, tmp_path: Path) -> None:
    import pypdf

    code, err = invoke(str(essays / "a.txt"), "--paper", "A4", "--to", "PDF", "-o", str(tmp_path / "a.pdf"), "-q")
    assert code == 0, err
    box = pypdf.PdfReader(tmp_path / "a.pdf").pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)


def test_a_missing_output_directory_is_said_before_any_warning(essays: Path, tmp_path: Path) -> None:
    code, err = invoke(str(essays / "a.txt"), "-o", str(tmp_path / "nowhere" / "a.docx"))  # would warn: no author
    assert code == 1
    assert one_error_line(err).endswith(f"output directory {str(tmp_path / 'nowhere')!r} does not exist")


@needs_fifo
@pytest.mark.parametrize("sub", [["refs", "parse"], ["refs", "format", "--style", "apa"]])
def test_refs_commands_refuse_a_named_pipe_and_bound_standard_input(tmp_path: Path, sub: list[str]) -> None:
    fifo = tmp_path / "refs.txt"
    os.mkfifo(fifo)
    r = command(*sub, str(fifo), timeout=30)
    assert r.returncode == 1 and b"is a named pipe, not a regular file" in r.stderr and r.stderr.count(b"\n") == 1
    if Path("/dev/zero").exists():
        with open("/dev/zero", "rb") as zero:
            r = command(*sub, "-", "--max-size", "1MB", stdin=zero, timeout=30, preexec_fn=_memory_capped)
        assert r.returncode == 1 and b"<stdin>: input is over the size limit of 1 MB" in r.stderr


def test_a_bad_locale_is_one_error_for_a_batch(essays: Path, tmp_path: Path) -> None:
    code, err = invoke(str(essays), "--locale", 'x" onload=', "-o", str(tmp_path / "out"))
    assert code == 1
    assert one_error_line(err) == "essayconv: error: unknown locale 'x\" onload='"
    assert not list((tmp_path / "out").glob("*.docx"))


def test_output_onto_a_character_device_writes_through_it_and_keeps_the_node(essays: Path, tmp_path: Path) -> None:
    import stat

    node = tmp_path / "null"  # a private /dev/null: a regression replaces this node, not the system's
    try:
        os.mknod(node, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    except (OSError, AttributeError) as err:
        pytest.skip(f"cannot make a character device here ({err})")
    code, err = invoke(str(essays / "a.txt"), "--to", "pdf", "-o", str(node), "-q")
    assert code == 0, err
    assert stat.S_ISCHR(os.stat(node).st_mode)
    assert not [p.name for p in tmp_path.iterdir() if p.name.endswith(".part")]
