"""Batch conversion: directories mirrored under OUTDIR, failures isolated, reports, resume."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from essayconv.cli import main

ESSAY = (
    "On Rivers\n\nRivers shape the towns that grow beside them, and the towns shape the rivers in turn "
    "(Ortiz, 2019).\n\nReferences\n\nOrtiz, L. (2019). Towns and rivers. Journal of Water History, 4(2), 10-20.\n"
)


def make_tree(root: Path) -> Path:
    src = root / "essays"
    (src / "week1").mkdir(parents=True)
    (src / "week2").mkdir()
    (src / "week1" / "a.txt").write_text(ESSAY)
    (src / "week1" / "b.txt").write_text(ESSAY.replace("Rivers", "Lakes", 1))
    (src / "week2" / "c.txt").write_text(ESSAY)
    (src / "week2" / "notes.md").write_text("not an essay")
    return src


def run(*args: str) -> tuple[int, str]:
    r = CliRunner().invoke(main, list(args))
    return r.exit_code, r.stderr


def test_directory_mirrored_under_outdir(tmp_path: Path) -> None:
    src = make_tree(tmp_path)
    out = tmp_path / "out"
    code, err = run(str(src), "--to", "json", "-o", str(out), "--jobs", "2", "--report", str(tmp_path / "r.json"))
    assert code == 0, err
    made = sorted(str(p.relative_to(out)) for p in out.rglob("*") if p.is_file())
    assert made == ["week1/a.json", "week1/b.json", "week2/c.json"]
    assert json.loads((out / "week1" / "b.json").read_text())["meta"]["title"] == "On Lakes"
    report = json.loads((tmp_path / "r.json").read_text())
    assert report["summary"]["converted"] == 3 and report["summary"]["failed"] == 0
    rec = {Path(f["source"]).name: f for f in report["files"]}
    assert rec["a.txt"]["status"] == "converted"
    assert rec["a.txt"]["references_found"] == 1
    assert rec["a.txt"]["citations"] == 1 and rec["a.txt"]["citations_unresolved"] == 0
    assert "converted 3, warnings 0, failed 0, skipped 0" in err
    # the report reads in a fixed, meaningful order (what, then how it went), not alphabetically
    assert list(report["summary"]) == [
        "converted",
        "failed",
        "skipped",
        "warnings",
        "seconds",
        "interrupted",
        "findings",
    ]
    assert report["summary"]["interrupted"] is False
    assert list(rec["a.txt"]) == [
        "source",
        "output",
        "status",
        "seconds",
        "warnings",
        "error",
        "references_found",
        "references_parsed",
        "citations",
        "citations_unresolved",
        "findings",
    ]


def test_one_failure_does_not_stop_the_others(tmp_path: Path) -> None:
    src = make_tree(tmp_path)
    (src / "week1" / "broken.txt").write_bytes(b"\x00\x01\x02binary\x00" * 50)
    out = tmp_path / "out"
    code, err = run(str(src), "--to", "json", "-o", str(out), "--jobs", "2")
    assert code == 1
    assert "broken.txt" in err
    assert (out / "week1" / "a.json").exists() and (out / "week2" / "c.json").exists()
    assert not (out / "week1" / "broken.json").exists()
    assert "failed 1" in err


def test_existing_outputs_skip_force_or_fail(tmp_path: Path) -> None:
    src = make_tree(tmp_path)
    out = tmp_path / "out"
    assert run(str(src), "--to", "json", "-o", str(out), "--jobs", "1")[0] == 0
    (out / "week1" / "a.json").write_text("old")
    code, err = run(str(src), "--to", "json", "-o", str(out), "--jobs", "1")
    assert code == 1 and "--force" in err
    assert (out / "week1" / "a.json").read_text() == "old"
    code, err = run(str(src), "--to", "json", "-o", str(out), "--skip-existing")
    assert code == 0 and "skipped 3" in err
    assert (out / "week1" / "a.json").read_text() == "old"
    code, err = run(str(src), "--to", "json", "-o", str(out), "--force", "--jobs", "1")
    assert code == 0 and "converted 3" in err
    assert json.loads((out / "week1" / "a.json").read_text())["type"] == "Document"


def test_skip_existing_redoes_an_empty_output(tmp_path: Path) -> None:
    # an empty output is what a power cut can leave before the batch's final sync: resuming converts it again
    src = make_tree(tmp_path)
    out = tmp_path / "out"
    assert run(str(src), "--to", "json", "-o", str(out), "--jobs", "2")[0] == 0
    (out / "week1" / "a.json").write_bytes(b"")
    (out / "week1" / "b.json").write_text("kept")
    code, err = run(str(src), "--to", "json", "-o", str(out), "--skip-existing", "--jobs", "2")
    assert code == 0 and "converted 1" in err and "skipped 2" in err
    assert json.loads((out / "week1" / "a.json").read_text())["meta"]["title"] == "On Rivers"
    assert (out / "week1" / "b.json").read_text() == "kept"
    assert not [p for p in out.rglob("*.part")]


def test_paths_from_stdin(tmp_path: Path) -> None:
    src = make_tree(tmp_path)
    out = tmp_path / "out"
    paths = f"{src / 'week1' / 'a.txt'}\n\n{src / 'week2' / 'c.txt'}\n"
    r = CliRunner().invoke(main, ["-", "--to", "json", "-o", str(out), "-q"], input=paths)
    assert r.exit_code == 0, r.stderr
    assert sorted(p.name for p in out.iterdir()) == ["a.json", "c.json"]


def test_glob_and_missing_input(tmp_path: Path) -> None:
    src = make_tree(tmp_path)
    code, err = run(str(src), "--to", "json", "-o", str(tmp_path / "o"), "--glob", "*.md", "--jobs", "1")
    assert code == 0 and (tmp_path / "o" / "week2" / "notes.json").exists()
    code, err = run(str(src), str(tmp_path / "missing"), "--to", "json")
    assert code == 1 and "missing" in err


def test_a_bad_style_is_one_error_for_the_batch(tmp_path: Path) -> None:
    src = make_tree(tmp_path)
    code, err = run(str(src), "--to", "json", "-o", str(tmp_path / "o"), "--style", "no-such-style-xyz")
    assert code == 1
    assert (
        err.strip()
        == "essayconv: error: unknown style 'no-such-style-xyz' (search the styles by a word of their title with `essayconv styles WORD`)"
    )
    assert not (tmp_path / "o" / "week1").exists()


def test_a_worker_that_dies_fails_its_essay_and_the_batch_goes_on(tmp_path: Path, monkeypatch) -> None:
    """A worker killed mid-essay (out of memory, a crash in a C library) costs that essay only: the
    record says what happened, a new worker takes over the essays that were waiting, all the rest convert."""
    import multiprocessing
    import os

    import pytest

    from essayconv import batch
    from essayconv.options import ConvertOptions

    if "fork" not in multiprocessing.get_all_start_methods():
        pytest.skip("the stand-in crash reaches the workers through fork")
    real = batch.run_task

    def crashing(task, *args):  # noqa: ANN001, ANN202 - runs in the (forked) worker
        if task.source.endswith("crash.txt"):
            os._exit(9)
        return real(task, *args)

    monkeypatch.setattr(batch, "run_task", crashing)
    names = [f"e{i}.txt" for i in range(3)] + ["crash.txt"] + [f"f{i}.txt" for i in range(5)]
    opts = ConvertOptions(to="json")
    tasks = []
    for name in names:
        (tmp_path / name).write_text(ESSAY)
        tasks.append(batch.Task(str(tmp_path / name), str(tmp_path / "out" / (name[:-4] + ".json")), opts))
    records: list[batch.Record] = []
    batch.run_local(tasks, 2, records.append)
    by_name = {Path(r.source).name: r for r in records}
    assert sorted(by_name) == sorted(names)
    assert by_name["crash.txt"].status == "failed"
    assert by_name["crash.txt"].error == (
        f"{tmp_path / 'crash.txt'}: internal error: the worker process converting it died (exit status 9)"
    )
    assert all(r.status == "converted" for n, r in by_name.items() if n != "crash.txt")
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted(
        n[:-4] + ".json" for n in names if n != "crash.txt"
    )


def _interrupt_run(tmp_path: Path, how: str, *extra: str) -> tuple[int, Path, Path]:
    """Start a 40-essay PDF batch as the real command, signal it once a few outputs exist, wait for it."""
    import os
    import signal
    import subprocess
    import sys
    import time

    src = tmp_path / "in"
    src.mkdir()
    for i in range(40):
        (src / f"e{i:02d}.txt").write_text(ESSAY.replace("Rivers", f"Rivers {i}", 1) * 3)
    out = tmp_path / "out"
    proc = subprocess.Popen(
        [sys.executable, "-m", "essayconv.cli", str(src), "--to", "pdf", "-o", str(out), "--jobs", "2", "-q", *extra],
        start_new_session=True,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and len(list(out.glob("*.pdf"))) < 3 and proc.poll() is None:
        time.sleep(0.005)
    if how == "ctrl-c":
        os.killpg(proc.pid, signal.SIGINT)  # what a terminal does: the whole process group
    else:
        os.kill(proc.pid, signal.SIGTERM)  # `kill PID`: the parent alone
    proc.communicate(timeout=60)
    while time.monotonic() < deadline + 60:  # after a kill, the orphaned workers finish the essay in hand
        try:
            os.killpg(proc.pid, 0)
        except ProcessLookupError:
            break
        time.sleep(0.01)
    else:
        raise AssertionError("worker processes outlived the batch")
    return proc.returncode, src, out


def _assert_complete_outputs(out: Path) -> int:
    files = sorted(out.iterdir())
    assert not [f.name for f in files if not f.name.endswith(".pdf")]  # no temporary .part file left
    for f in files:
        assert f.read_bytes().rstrip().endswith(b"%%EOF"), f.name  # no half-written PDF
    return len(files)


def test_ctrl_c_leaves_only_complete_outputs_and_skip_existing_resumes(tmp_path: Path) -> None:
    import subprocess
    import sys

    report = tmp_path / "report.json"
    code, src, out = _interrupt_run(tmp_path, "ctrl-c", "--report", str(report))
    assert code == 130
    done = _assert_complete_outputs(out)
    assert 3 <= done < 40
    # the report of the files done before Ctrl-C is written, whole, and says the run was interrupted
    data = json.loads(report.read_text())
    assert data["summary"]["interrupted"] is True
    converted = sorted(Path(f["output"]).name for f in data["files"] if f["status"] == "converted")
    assert data["summary"]["converted"] == len(converted) and converted
    assert set(converted) <= {f.name for f in out.iterdir()}
    r = subprocess.run(
        [
            sys.executable,
            "-m",
            "essayconv.cli",
            str(src),
            "--to",
            "pdf",
            "-o",
            str(out),
            "--jobs",
            "2",
            "--skip-existing",
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert r.returncode == 0, r.stderr
    assert f"converted {40 - done}, warnings" in r.stderr and f"failed 0, skipped {done} in" in r.stderr
    assert _assert_complete_outputs(out) == 40


def test_kill_leaves_only_complete_outputs(tmp_path: Path) -> None:
    import signal

    code, _, out = _interrupt_run(tmp_path, "kill")
    assert code == -signal.SIGTERM
    assert 3 <= _assert_complete_outputs(out) < 40


def test_spawned_workers_convert_too(tmp_path: Path) -> None:
    """Where there is no fork (Windows), workers start afresh and get their pipe end by pickling."""
    from essayconv import batch
    from essayconv.options import ConvertOptions

    opts = ConvertOptions(to="json")
    tasks = []
    for i in range(5):
        (tmp_path / f"e{i}.txt").write_text(ESSAY.replace("Rivers", f"Rivers {i}", 1))
        tasks.append(batch.Task(str(tmp_path / f"e{i}.txt"), str(tmp_path / "out" / f"e{i}.json"), opts))
    records: list[batch.Record] = []
    batch.run_local(tasks, 2, records.append, start_method="spawn")
    assert sorted((Path(r.source).name, r.status, r.references_found) for r in records) == [
        (f"e{i}.txt", "converted", 1) for i in range(5)
    ]
    assert json.loads((tmp_path / "out" / "e3.json").read_text())["meta"]["title"] == "On Rivers 3"


def test_the_batch_as_a_library_plan_then_run(tmp_path: Path) -> None:
    """batch.plan decides every output (or says in one line why the batch cannot run); batch.run_batch
    converts, reports each record as it comes and returns the summary with the exit status."""
    import pytest

    from essayconv.batch import plan, run_batch
    from essayconv.diagnostics import ConversionError
    from essayconv.options import ConvertOptions

    src = make_tree(tmp_path)
    (src / "week2" / "bad.txt").write_bytes(b"\x00\x01\x02binary\x00" * 50)
    options = ConvertOptions(to="json")
    tasks = plan([str(src)], str(tmp_path / "out"), options, report_path=str(tmp_path / "r.json"))
    assert sorted(Path(t.output).relative_to(tmp_path / "out").as_posix() for t in tasks) == [
        "week1/a.json",
        "week1/b.json",
        "week2/bad.json",
        "week2/c.json",
    ]
    seen: list[str] = []
    summary = run_batch(tasks, lambda rec: seen.append(rec.status), jobs=1, report_path=str(tmp_path / "r.json"))
    assert sorted(seen) == ["converted", "converted", "converted", "failed"]
    assert (summary.converted, summary.failed, summary.return_code) == (3, 1, 1)
    assert json.loads((tmp_path / "r.json").read_text())["summary"]["failed"] == 1
    (src / "week2" / "a.txt").write_text(ESSAY)
    with pytest.raises(ConversionError, match="would also be written"):  # two inputs, one output
        plan([str(src / "week1" / "a.txt"), str(src / "week2" / "a.txt")], str(tmp_path / "o2"), options)
    with pytest.raises(ConversionError, match="would overwrite an input"):
        plan([str(src)], str(tmp_path / "o3"), options, report_path=str(src / "week1" / "a.txt"))
