"""Derive the gates of the readers' and the reference parser's gated patterns into src/essayconv/_gates.py.

Run it after adding or changing a pattern compiled with ``gated=True``:

    python tools/gen_gates.py          # writes the table
    python tools/gen_gates.py --check  # exit status 1 when the table is not current

(see src/essayconv/_gate_derive.py; tests/test_gate_table.py fails while the table is not current).
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from essayconv._gate_derive import main  # noqa: E402

if __name__ == "__main__":
    raise SystemExit(main())
