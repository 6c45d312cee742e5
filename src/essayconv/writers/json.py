"""The dump writer: the whole processed Document as JSON (the debugging tool and the golden-test format)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from msgspec import Struct

from .. import model

if TYPE_CHECKING:
    from ..layouts import Layout

_OMIT = {"source_name"}  # never write the user's file paths into an output


def to_data(node: Any) -> Any:
    """Plain JSON data for any model value; records carry their class name as ``"type"``."""
    if isinstance(node, Struct):
        out: dict[str, Any] = {"type": type(node).__name__}
        for name in node.__struct_fields__:
            if name in _OMIT:
                continue
            out[name] = to_data(getattr(node, name))
        return out
    if isinstance(node, (tuple, list)):
        return [to_data(x) for x in node]
    if isinstance(node, Mapping):
        return {str(k): to_data(v) for k, v in node.items()}
    return node


def dumps(doc: model.Document) -> str:
    return json.dumps(to_data(doc), ensure_ascii=False, indent=2) + "\n"


# The passes the page writers make to the text (transforms.py), so that the dump is the document they
# render; not the title-block and font warnings, which are about pages.
NEEDS: tuple[str, ...] = ("smart-quotes", "orphan-notes", "links")


def write(doc: model.Document, layout: Layout | None = None) -> bytes:
    """The layout does not change the dump: it describes the document, not its pages."""
    return dumps(doc).encode("utf-8")
