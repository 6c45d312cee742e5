"""The shipped reference model is what its one training command gives (issue 17: training reproducible by
one command with a fixed seed). Held-out scores and the confidence's weights are measured on models this
command trains; a shipped model trained by older code would be another parser than the one measured (it had
drifted: 174 of the 7,544 dev and round-trip parses differed)."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import SHARED

from essayconv.references import train
from essayconv.references.crf import MODEL_PATH

DEV = SHARED / "bench" / "refs" / "dev.jsonl"


@pytest.mark.skipif(not DEV.exists(), reason=f"the bench's gold references are not beside the repo ({DEV})")
def test_training_gives_the_shipped_model_byte_for_byte(tmp_path: Path) -> None:
    out = tmp_path / "refparse.crfsuite"
    assert train.main([str(DEV), "--out", str(out)]) == 0
    assert out.read_bytes() == MODEL_PATH.read_bytes()
