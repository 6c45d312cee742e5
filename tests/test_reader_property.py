"""Property tests: the reader never crashes and never loses a word of the essay."""

from __future__ import annotations

import regex as re
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from essayconv.inspect import body_text
from essayconv.model import plain_text
from essayconv.readers.decode import decode
from essayconv.readers.plaintext import read

_WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyzé", min_size=2, max_size=9)
_TOKEN = st.one_of(
    _WORD,
    _WORD.map(str.capitalize),
    st.sampled_from(
        [
            "(Smith, 2020)",
            "[3]",
            "(1)",
            "2019.",
            "Smith,",
            "&",
            "•",
            "1.",
            "-",
            "References",
            "Notes",
            "Abstract",
            "Title:",
            "Copy to clipboard",
            "Order now",
            "et al.",
            "p. 4",
            "\f",
            "—",
        ]
    ),
)
_LINE = st.lists(_TOKEN, min_size=0, max_size=14).map(" ".join)
_TEXT = st.lists(_LINE, min_size=0, max_size=40).map("\n".join)


def _words(text: str) -> set[str]:
    return {w.lower() for w in re.findall(r"\p{L}{2,}", text)}


def _kept_text(text: str) -> str:
    doc = read(text)
    parts = [body_text(doc), doc.references_heading or "", doc.meta.running_head or ""]
    parts += [r.raw for r in doc.references]
    parts += [plain_text(f.content) for f in doc.footnotes]
    parts += [r.text for r in doc.removed]
    return "\n".join(parts)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_TEXT)
def test_no_word_is_lost(text: str) -> None:
    lost = _words(text) - _words(_kept_text(text))
    assert lost == set(), lost  # a "Title:" label the reader strips is listed in removed too


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=400))
def test_decode_then_read_never_crashes(data: bytes) -> None:
    from essayconv.diagnostics import ConversionError

    try:
        text, _ = decode(data)
    except ConversionError:
        return
    read(text)


@settings(max_examples=80, deadline=None)
@given(st.text(max_size=400))
def test_read_never_crashes_on_any_text(text: str) -> None:
    doc = read(text)
    # Whatever the input, reference ids are unique, lowercase and match the CSL ids.
    ids = [r.id for r in doc.references]
    assert len(set(ids)) == len(ids)
    assert all(i == i.lower() and r.csl["id"] == i for i, r in zip(ids, doc.references))
