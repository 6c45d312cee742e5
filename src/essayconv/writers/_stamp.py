"""When a document was made: now, or SOURCE_DATE_EPOCH for reproducible builds (both writers date their
files with it: the PDF's creation and modification dates, the DOCX's core properties and zip members)."""

from __future__ import annotations

import datetime as _dt
import os

from ..diagnostics import ConversionError

_LAST = 253402300799  # 9999-12-31T23:59:59Z: the last second a document date can say


def creation_time() -> _dt.datetime:
    """The time to date an output with, in UTC (naive, whole seconds): SOURCE_DATE_EPOCH when it is set
    (https://reproducible-builds.org/specs/source-date-epoch/), else the current time.

    A value that is not a whole number of seconds since 1970 is refused, as the specification asks, rather
    than silently dating the file now (which would make a build meant to be reproducible differ)."""
    raw = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not raw:
        return _dt.datetime.now(_dt.UTC).replace(tzinfo=None, microsecond=0)
    if not (raw.isascii() and raw.isdigit()) or len(raw) > 12 or int(raw) > _LAST:
        shown = raw if len(raw) <= 40 else raw[:40] + "..."
        raise ConversionError(
            f"SOURCE_DATE_EPOCH must be a whole number of seconds since 1970 "
            f"(it is {shown!r}); unset it to date the output now"
        )
    return _dt.datetime(1970, 1, 1) + _dt.timedelta(seconds=int(raw))


def pdf_date(when: _dt.datetime) -> str:
    """A UTC time as a PDF date string (ISO 32000-1, 7.9.4), as reportlab writes its dates."""
    return when.strftime("D:%Y%m%d%H%M%S+00'00'")
