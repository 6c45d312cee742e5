"""Shared fixtures: paths to the samples and the shared seed essay."""

from __future__ import annotations

import signal
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
SHARED = ROOT.parent / "shared"
SEED = SHARED / "seeds" / "seed-essay.txt"


class Overtime(BaseException):
    """Raised by ``deadline``: not an Exception, so that no ``except Exception`` on the way (the
    citation pass turns a failed rendering into a warning and renders on) swallows it."""


@contextmanager
def deadline(seconds: int) -> Iterator[None]:
    """Turn a hang into a test failure (it guards the suite; timings belong in benchmarks/)."""

    def boom(signum: int, frame: object) -> None:
        raise Overtime(f"no result within {seconds} s")

    old = signal.signal(signal.SIGALRM, boom)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


@pytest.fixture(autouse=True, scope="session")
def _reproducible_dates() -> Any:
    """PDFs and DOCX files are dated now unless SOURCE_DATE_EPOCH is set; tests compare outputs byte for
    byte (a module's fixture with a later write), so every test writes them at one fixed time. A test of
    the real date deletes the variable with monkeypatch. (Session-scoped: module fixtures write early.)"""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOURCE_DATE_EPOCH", "1700000000")
        yield


@pytest.fixture
def seed_path() -> Path:
    if not SEED.exists():
        pytest.skip(f"the shared seed essay is not beside the repo ({SEED})")
    return SEED


def docx_package_members(d: Any) -> list[tuple[str, bytes]]:
    """(member name, bytes) of a python-docx Document as ``Document.save`` writes them. The tests compare
    the packages essayconv writes with what python-docx itself saves for the same document."""
    from docx.opc.pkgwriter import PackageWriter

    class _Members:
        def __init__(self) -> None:
            self.items: list[tuple[str, bytes]] = []

        def write(self, pack_uri: Any, blob: bytes) -> None:
            self.items.append((pack_uri.membername, blob))

    package = d.part.package
    for part in package.parts:
        part.before_marshal()
    members = _Members()
    PackageWriter._write_content_types_stream(members, package.parts)
    PackageWriter._write_pkg_rels(members, package.rels)
    PackageWriter._write_parts(members, package.parts)
    return members.items
