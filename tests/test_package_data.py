"""Every data file the package reads at run time is in pyproject's package-data, so that a wheel (a
non-editable install) carries it: an editable install reads the source tree and would not notice."""

from __future__ import annotations

import fnmatch
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "src" / "essayconv"


def test_every_data_file_is_package_data() -> None:
    patterns = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"][
        "package-data"
    ]
    data_files = [
        p for p in PACKAGE.rglob("*") if p.is_file() and {"data", "fonts"} & set(p.relative_to(PACKAGE).parts)
    ]
    assert any(p.name == "confidence.json" for p in data_files)
    missing = []
    for path in data_files:
        rel = path.relative_to(PACKAGE)
        package = ".".join(["essayconv", *rel.parts[:-2]]) if rel.parts[-2] in ("data", "fonts") else "essayconv"
        inside = "/".join(rel.parts[len(package.split(".")) - 1 :])
        if not any(fnmatch.fnmatch(inside, pat) for pat in patterns.get(package, [])):
            missing.append(str(rel))
    assert not missing, f"not in [tool.setuptools.package-data]: {missing}"
