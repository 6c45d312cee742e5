"""The shipped line model is what its one training command gives (issue 16: training reproducible by one
command, as for references). Its features hold the rules' trace decisions, so a model trained before a rule
was renamed or added reads another feature space than today's reader gives it; the MICUSP dev scores and the
vetoes are measured with models this command trains."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import SHARED

from essayconv.readers import linelabel_train
from essayconv.readers.linelabel import MODEL_PATH

MICUSP = SHARED / "corpus" / "micusp"


@pytest.mark.skipif(not (MICUSP / "truth").is_dir(), reason=f"the MICUSP dev corpus is not beside the repo ({MICUSP})")
def test_training_gives_the_shipped_line_model_byte_for_byte(tmp_path: Path) -> None:
    out = tmp_path / "linelabel.crfsuite"
    assert linelabel_train.main([str(MICUSP), "--out", str(out), "--jobs", "2"]) == 0
    assert out.read_bytes() == MODEL_PATH.read_bytes()
