"""The private-use characters the citation layer writes into citeproc's text: their one home.

citeproc-py builds its output by string concatenation. What essayconv needs to find again in that
output (formatting, quotation marks, a stand-in for a work's names) is written as private-use
characters, which field data never holds: ``compat_input.prepare_text`` and the formatter's
``preformat`` remove every BMP private-use character (``PRIVATE_USE``) from data and terms before
they reach citeproc. Markers in the BMP lie in ``MARK_FIRST``..``MARK_LAST`` (U+E000..U+E0FF: the
seam function and the case rules look through them); placeholders that must survive that stripping
or stay out of that range are in the supplementary private-use plane (U+F0001..).
"""

from __future__ import annotations

# ---------------------------------------------------------------- ranges
MARK_FIRST, MARK_LAST = "\ue000", "\ue0ff"  # every BMP marker below
MARKS = f"{MARK_FIRST}-{MARK_LAST}"  # as a regex character range
MARK_CHARS = "".join(chr(c) for c in range(ord(MARK_FIRST), ord(MARK_LAST) + 1))
PRIVATE_USE = "\ue000-\uf8ff"  # the BMP private-use area, as a regex range: stripped from data

# ---------------------------------------------------------------- formatting (formatter.py): open/close pairs
I_OPEN, I_CLOSE = "\ue000", "\ue001"
B_OPEN, B_CLOSE = "\ue002", "\ue003"
SC_OPEN, SC_CLOSE = "\ue004", "\ue005"
SUP_OPEN, SUP_CLOSE = "\ue006", "\ue007"
SUB_OPEN, SUB_CLOSE = "\ue008", "\ue009"
NORMAL_OPEN, NORMAL_CLOSE = "\ue00a", "\ue00b"  # no formatting (nodecor) inside formatted text
FORMAT_MARKERS = "".join(chr(c) for c in range(0xE000, 0xE00C))

# ---------------------------------------------------------------- quotation marks (compat_text.py)
DATA_QUOTE_OPEN, DATA_QUOTE_CLOSE = "\ue010", "\ue011"  # straight quotes found in field values
QUOTE_OPEN, QUOTE_CLOSE = "\ue012", "\ue013"  # quotes a style asks for (quotes="true")
CURLY_OPEN, CURLY_CLOSE = "\ue014", "\ue015"  # typographic double quotes found in field values
DATA_PUNCT = "\ue01e"  # between a data quotation and the punctuation typed after it

# ---------------------------------------------------------------- sentinels and keys
SENTINEL = "\ue0f0"  # stands in for the author when a citation is rendered for a narrative cite (csl.py)
NAME_FILLER = "\ue0f1"  # a name added to a list to make citeproc truncate it; never shown (compat.py)
UNRENDERABLE = "\ue0ff"  # before a key whose plain cite failed: never equal to a rendered cite (csl.py)

# ---------------------------------------------------------------- supplementary plane placeholders
NOCASE_OPEN, NOCASE_CLOSE = "\U000f0001", "\U000f0002"  # <span class="nocase"> while quotes are read
NOCASE_STAND_IN = "\U000f0003"  # a NoCase part while its neighbours' case is changed (compat.py)
COMMA_SUFFIX = "\U000f0004"  # a cite's suffix that a comma must precede (compat_text.finish)
MARKS_BUT_DATA_PUNCT = "\ue000-\ue01d\ue020-\ue0ff"  # MARKS without DATA_PUNCT (and the unused U+E01F)
