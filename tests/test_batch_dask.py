"""Batch conversion on a real Dask distributed LocalCluster (local paths, and fsspec URLs)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

distributed = pytest.importorskip(
    "distributed", reason="the dask extra is not installed (pip install 'essayconv[dask]')"
)
fsspec = pytest.importorskip("fsspec", reason="fsspec is not installed (pip install 'essayconv[dask]')")

from click.testing import CliRunner  # noqa: E402

from essayconv.batch import Task, collect, output_path, run_dask  # noqa: E402
from essayconv.cli import main  # noqa: E402
from essayconv.options import ConvertOptions  # noqa: E402

ESSAY = (
    "Notes on Bridges\n\nBridges join places that rivers keep apart, and their builders argued about "
    "cost for centuries (Adeyemi, 2021).\n\nReferences\n\nAdeyemi, T. (2021). Paying for bridges. Urban History Review, "
    "9(1), 1-22.\n"
)


@pytest.fixture(scope="module")
def cluster():  # type: ignore[no-untyped-def]
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0") as c:
        yield c


def test_cli_runs_on_a_local_cluster(tmp_path: Path, cluster) -> None:  # type: ignore[no-untyped-def]
    src = tmp_path / "in"
    (src / "sub").mkdir(parents=True)
    for i in range(5):
        (src / ("sub" if i % 2 else ".") / f"e{i}.txt").write_text(ESSAY.replace("Bridges", f"Bridges {i}", 1))
    (src / "bad.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x01\x02binary\x00" * 40)
    out = tmp_path / "out"
    r = CliRunner().invoke(
        main,
        [
            str(src),
            "--to",
            "json",
            "-o",
            str(out),
            "--executor",
            "dask",
            "--scheduler",
            cluster.scheduler_address,
            "--report",
            str(tmp_path / "r.json"),
        ],
    )
    assert r.exit_code == 1, r.stderr  # bad.txt fails, the rest convert
    report = json.loads((tmp_path / "r.json").read_text())
    assert report["summary"]["converted"] == 5 and report["summary"]["failed"] == 1
    titles = sorted(json.loads(p.read_text())["meta"]["title"] for p in out.rglob("*.json"))
    assert titles == [f"Notes on Bridges {i}" for i in range(5)]
    assert (out / "sub" / "e1.json").exists()


def test_fsspec_urls_on_a_threaded_cluster() -> None:
    fs = fsspec.filesystem("memory")
    fs.pipe("/essays/a.txt", ESSAY.encode())
    fs.pipe("/essays/deep/b.txt", ESSAY.encode())
    tasks = [
        Task(src, output_path(src, rel, "memory://out", ".json"), ConvertOptions(to="json"))
        for src, rel in collect(["memory://essays"], "*.txt")
    ]
    assert [t.output for t in tasks] == ["memory://out/a.json", "memory://out/deep/b.json"]
    records = []
    with (
        distributed.LocalCluster(n_workers=1, processes=False, dashboard_address=":0") as c,
        distributed.Client(c) as client,
    ):
        run_dask(tasks, None, records.append, client=client)
    assert sorted(r.status for r in records) == ["converted", "converted"]
    assert json.loads(fs.cat("/out/deep/b.json"))["meta"]["title"] == "Notes on Bridges"
    assert not [p for p in fs.find("/out") if p.endswith(".part")]
