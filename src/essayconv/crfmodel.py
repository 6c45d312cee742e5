"""What the two CRF models (references/crf.py: reference fields; readers/linelabel.py: line kinds) share:
a tagger per thread on one model's bytes, training, and the fixed-seed folds of their cross-validation."""

from __future__ import annotations

import random
import threading
from collections.abc import Iterable
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")


class ThreadTagger:
    """A loaded crfsuite model. A crfsuite tagger holds the last sequence it tagged (marginals read it), so
    each thread gets its own, all opened on the same model bytes: conversions run in threads under Dask, and
    one shared tagger mixed up their sequences."""

    def __init__(self, path: Path | str) -> None:
        # Opened from bytes read here: ~0.5 ms less than crfsuite's own reading of the file on the first
        # sequence of a process. crfsuite reads the model in place, so the bytes live as long as the tagger.
        self._model = Path(path).read_bytes()
        self._local = threading.local()
        self._crf()  # a bad model file fails here, not on the first sequence

    def _crf(self) -> Any:
        crf = getattr(self._local, "crf", None)
        if crf is None:
            import pycrfsuite

            crf = self._local.crf = pycrfsuite.Tagger()
            crf.open_inmemory(self._model)
        return crf


def train_crf(sequences: Iterable[tuple[list[Any], list[str]]], out: str | Path, params: dict[str, Any]) -> Path:
    """Train a CRF on (features, labels) sequences (empty ones skipped) and write it to ``out``."""
    import pycrfsuite

    trainer = pycrfsuite.Trainer(verbose=False)
    for xseq, yseq in sequences:
        if xseq:
            trainer.append(xseq, yseq)
    trainer.set_params(params)
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    trainer.train(str(out))
    return out


def folds(records: list[T], k: int, seed: int) -> list[list[T]]:
    """Shuffle with a fixed seed and deal the records into ``k`` folds."""
    order = list(range(len(records)))
    random.Random(seed).shuffle(order)
    return [[records[i] for i in order[f::k]] for f in range(k)]
