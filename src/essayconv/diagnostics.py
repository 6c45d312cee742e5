"""Diagnostics: problems found while converting, collected with their source line, never printed here."""

from __future__ import annotations

from typing import Literal

from msgspec import Struct

Severity = Literal["info", "warning", "error"]


class Diagnostic(Struct, frozen=True):
    code: str  # stable, kebab-case: "unresolved-citation", "reference-unparsed", ...
    severity: Severity
    message: str  # one line, no trailing period needed
    line: int | None = None  # 1-based line of the source file, when it applies

    def format(self, source: str | None = None) -> str:
        """``paper.txt:12: warning: message [code]`` — the form the CLI prints."""
        where = source or "<input>"
        if self.line is not None:
            where = f"{where}:{self.line}"
        return f"{where}: {self.severity}: {self.message} [{self.code}]"


class ConversionError(Exception):
    """A failure the user can act on; ``str(err)`` is one line, the CLI adds the file name."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.line = line
