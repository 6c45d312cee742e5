"""Embedded fonts for the PDF writer and per-character fallback, so every character of an essay prints.

The shipped fonts (essayconv/fonts) are tried in order: Liberation Serif (Times-metric, for the
text), DejaVu Serif, DejaVu Sans (wider symbol coverage), Droid Sans Fallback (CJK). A character
none of them has is looked up in the system's TrueType fonts, once; only if that fails too does it
print as U+FFFD. A layout font other than Times is looked up among the installed fonts by name.

Parsing a TrueType file is slow in reportlab (about 10 ms for each Liberation face), so a face is
parsed when text first uses it: a fallback family's regular face when a character is looked up in
it, its other styles, and the monospace face, only when some text is set in them.
"""

from __future__ import annotations

import os
import threading
import unicodedata
from functools import lru_cache
from pathlib import Path

from msgspec import Struct
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError, TTFont, TTFontFile

FONT_DIR = Path(__file__).resolve().parent.parent / "fonts"

SERIF = "EssaySerif"
MONO = "EssayMono"


class Family(Struct, frozen=True):
    name: str  # the family name markup uses: <font face="...">
    files: tuple[str, str, str, str]  # regular, bold, italic, bold italic (file names in FONT_DIR)


SHIPPED: tuple[Family, ...] = (
    Family(
        SERIF,
        (
            "LiberationSerif-Regular.ttf",
            "LiberationSerif-Bold.ttf",
            "LiberationSerif-Italic.ttf",
            "LiberationSerif-BoldItalic.ttf",
        ),
    ),
    Family(
        "EssayFallback",
        ("DejaVuSerif.ttf", "DejaVuSerif-Bold.ttf", "DejaVuSerif-Italic.ttf", "DejaVuSerif-BoldItalic.ttf"),
    ),
    Family("EssaySymbols", ("DejaVuSans.ttf",) * 4),
    Family("EssayCJK", ("DroidSansFallback.ttf",) * 4),  # Chinese, Japanese, Korean
    Family(MONO, ("LiberationMono-Regular.ttf",) * 4),
)
_SUFFIX = ("", "-Bold", "-Italic", "-BoldItalic")
_MAX_SYSTEM_FONTS = 150

_lock = threading.RLock()
_names: dict[str, tuple[str, str, str, str]] = {}  # family -> registered font name of each style
_unloaded: dict[str, tuple[Path, int]] = {}  # declared font name -> (file, subfont) not parsed yet
_coverage: dict[str, frozenset[int]] = {}
_plain: dict[str, frozenset[str]] = {}  # family -> the characters it prints itself (runs' fast path)
_system: list[tuple[str, Path, int]] | None = None  # (family, path, subfont index) found on this machine
_system_cover: dict[str, frozenset[int]] = {}
_WIDTH_CACHE_LIMIT = 50_000  # strings remembered per font (a few MB) before the memo starts afresh


class _MeasuredFont(TTFont):  # type: ignore[misc]
    """A TrueType font that remembers the width of every string it has measured.

    reportlab breaks lines by measuring each word (in pure Python, character by character), and
    measures a paragraph again at every wrap; words repeat within an essay and across a batch.
    The memo holds the same float sum reportlab computes (same characters, same order), so widths
    are bit-identical; a face's metrics never change once parsed, so nothing invalidates it."""

    def __init__(self, name: str, filename: str, subfontIndex: int = 0) -> None:  # noqa: N803 -- reportlab's name
        super().__init__(name, filename, subfontIndex=subfontIndex)
        self._widths: dict[str, float] = {}
        # pdfmetrics.getAscentDescent (asked for every word) reads these, or the face's after an
        # AttributeError: the same numbers, without an exception raised per word
        self.ascent = self.face.ascent
        self.descent = self.face.descent

    def stringWidth(self, text: str | bytes, size: float, encoding: str = "utf8") -> float:  # noqa: N802
        if isinstance(text, bytes):
            text = text.decode(encoding or "utf8")
        w = self._widths.get(text)
        if w is None:
            if len(self._widths) >= _WIDTH_CACHE_LIMIT:
                self._widths.clear()
            get, dw = self.face.charWidths.get, self.face.defaultWidth
            w = self._widths[text] = sum([get(ord(u), dw) for u in text])
        return 0.001 * size * w

    def splitString(  # noqa: N802 -- reportlab's name
        self, text: str | bytes, doc: object, encoding: str = "utf-8"
    ) -> list[tuple[int, bytes]]:
        """reportlab's split of drawn text into subsets, short-cut for text whose characters all have
        their codes in the first subset already (after a page or so, nearly every string): that is
        one run of those codes, which is what reportlab's character-by-character loop returns then."""
        state = self.state.get(doc) if isinstance(text, str) else None
        if state is not None:
            assigned = state.assignments
            try:  # KeyError: a character new to the document; ValueError: a code past the first subset
                codes = bytes([assigned[32 if c == 0xA0 else c] for c in map(ord, text)])  # type: ignore[arg-type]  # (text is a str here)
            except (KeyError, ValueError):
                pass
            else:
                return [(0, codes)] if codes else []
        return super().splitString(text, doc, encoding)  # type: ignore[no-any-return]


def variant(family: str, k: int) -> str:
    """The registered font name of a family's style: k = bold + 2 * italic (parsed on first use)."""
    name = _names[family][k]
    if name in _unloaded:
        load(name)
    return name


def variant_name(family: str, k: int) -> str:
    """The font name of a family's style, without loading it (styles name fonts they may never use)."""
    return _names[family][k]


def load(name: str) -> None:
    """Parse and register a declared font if that has not happened yet (a no-op for any other name)."""
    with _lock:
        pending = _unloaded.pop(name, None)
        if pending is not None and name not in pdfmetrics.getRegisteredFontNames():
            path, subfont = pending
            pdfmetrics.registerFont(_MeasuredFont(name, str(path), subfontIndex=subfont))


def _declare_family(name: str, paths: tuple[Path, Path, Path, Path], subfont: int = 0) -> tuple[str, ...]:
    """Name a family's styles (a file shared by several styles gets one font) without parsing any file."""
    names: list[str] = []
    by_path: dict[Path, str] = {}
    for k, path in enumerate(paths):
        if path not in by_path:
            font_name = name + _SUFFIX[k]
            if font_name not in pdfmetrics.getRegisteredFontNames():
                _unloaded[font_name] = (path, subfont)
            by_path[path] = font_name
        names.append(by_path[path])
    pdfmetrics.registerFontFamily(name, normal=names[0], bold=names[1], italic=names[2], boldItalic=names[3])
    _names[name] = (names[0], names[1], names[2], names[3])
    return tuple(by_path.values())


def _register_family(name: str, paths: tuple[Path, Path, Path, Path], subfont: int = 0) -> frozenset[int]:
    """Register a family's styles now (a file shared by several styles is parsed and embedded once)."""
    for font_name in _declare_family(name, paths, subfont):
        load(font_name)
    face = pdfmetrics.getFont(_names[name][0]).face  # type: ignore[attr-defined]
    return frozenset(face.charToGlyph)


def _ensure(fam: Family) -> frozenset[int]:
    """The family's character coverage (its regular face's); only that face is parsed here, the
    other styles when text first uses them (the CJK font is big: only if needed)."""
    with _lock:
        if fam.name not in _coverage:
            paths = tuple(FONT_DIR / f for f in fam.files)
            _declare_family(fam.name, paths)  # type: ignore[arg-type]
            load(_names[fam.name][0])
            _coverage[fam.name] = frozenset(pdfmetrics.getFont(_names[fam.name][0]).face.charToGlyph)
        return _coverage[fam.name]


def _load_shipped(families: tuple[Family, ...]) -> None:
    """Parse every style of these shipped families now.

    Before an installed font is registered: reportlab gives a font whose face name is already
    registered the earlier font's object, so the shipped files must be registered first, as they
    always were, for a system copy of the same face never to stand in for them."""
    for fam in families:
        _ensure(fam)
        for font_name in dict.fromkeys(_names[fam.name]):
            load(font_name)


def _before_foreign_font(*, all_shipped: bool) -> None:
    """Bring the registered shipped fonts to what registering them eagerly gave at this point: every
    style of the text and monospace families and of each fallback already probed (all of them before
    the first system font)."""
    started = tuple(f for f in SHIPPED if f.name in _coverage or f.name in (SERIF, MONO))
    _load_shipped(SHIPPED if all_shipped else started)


def _coverage_of(family: str) -> frozenset[int]:
    cover = _coverage.get(family)
    if cover is None:
        cover = _ensure(next(f for f in SHIPPED if f.name == family))
    return cover


def register() -> None:
    """Declare the shipped fonts and parse the text face (idempotent, thread-safe); every other face,
    the monospace one included, is parsed when text first uses it."""
    if SERIF not in _coverage:
        _ensure(SHIPPED[0])
        with _lock:
            for fam in SHIPPED[1:]:
                if fam.name not in _names:
                    _declare_family(fam.name, tuple(FONT_DIR / f for f in fam.files))  # type: ignore[arg-type]


def _system_fonts() -> list[tuple[str, Path, int]]:
    """TrueType fonts installed on this machine, in a stable order (scanned once, only when needed)."""
    global _system
    if _system is not None:
        return _system
    dirs = [
        Path("/usr/share/fonts"),
        Path("/usr/local/share/fonts"),
        Path.home() / ".fonts",
        Path.home() / ".local/share/fonts",
        Path("/Library/Fonts"),
        Path("/System/Library/Fonts"),
        Path.home() / "Library/Fonts",
    ]
    for var, sub in (("WINDIR", "Fonts"), ("LOCALAPPDATA", "Microsoft/Windows/Fonts")):
        if os.environ.get(var):
            dirs.append(Path(os.environ[var]) / sub)
    paths: list[Path] = []
    for d in dirs:
        if d.is_dir():
            paths += [p for p in sorted(d.rglob("*")) if p.suffix.lower() in (".ttf", ".ttc") and p.is_file()]
    _system = [(f"EssaySys{k}", path, 0) for k, path in enumerate(paths)]
    return _system


@lru_cache(maxsize=1)
def _glyph_search_order() -> list[tuple[str, Path, int]]:
    """System fonts to try for a missing glyph: Noto and other wide-coverage families first, and
    at most a few score (a desktop has thousands of fonts, and each costs a parse)."""
    wide = ("noto", "unifont", "code2000")
    fonts = sorted(_system_fonts(), key=lambda f: (0 if f[1].name.lower().startswith(wide) else 1, str(f[1])))
    return fonts[:_MAX_SYSTEM_FONTS]


def _system_font_for(cp: int) -> str | None:
    """A registered system family with a glyph for ``cp``, or None."""
    for name, path, sub in _glyph_search_order():
        cover = _system_cover.get(name)
        if cover is None:
            try:
                cover = _register_family(name, (path,) * 4, sub)  # type: ignore[arg-type]
            except (TTFError, OSError, ValueError, KeyError, IndexError):
                cover = frozenset()  # CFF outlines, broken files: reportlab cannot embed them
            _system_cover[name] = cover
        if cp in cover:
            return name
    return None


# characters that print as nothing: leave them out rather than show a box
def _invisible(ch: str) -> bool:
    return unicodedata.category(ch) in ("Cf", "Cc", "Cs", "Co", "Cn") and ch not in "\t\n"


@lru_cache(maxsize=65536)
def face_for(ch: str, primary: str = SERIF) -> str | None:
    """The family that prints ``ch`` ("" meaning: drop it); ``primary`` first, then the fallbacks."""
    register()
    cp = ord(ch)
    if cp in _coverage_of(primary) or ch in " \u00a0":
        return primary
    for fam in SHIPPED:
        if fam.name != MONO and cp in _ensure(fam):
            return fam.name
    if _invisible(ch):
        return ""
    with _lock:
        _before_foreign_font(all_shipped=True)
        return _system_font_for(cp)


# names whose metrics Liberation Serif reproduces: the shipped font stands in for them exactly
_TIMES_LIKE = {"timesnewroman", "times", "timesroman", "liberationserif", "tinos", "nimbusroman"}
_families: dict[str, str] = {}
_STYLE_SLOTS = {
    "regular": 0,
    "book": 0,
    "roman": 0,
    "normal": 0,
    "bold": 1,
    "italic": 2,
    "oblique": 2,
    "bolditalic": 3,
    "boldoblique": 3,
}  # requested font name -> registered family


def _norm(name: str) -> str:
    return "".join(ch for ch in name.lower() if ch.isalnum())


def text_family(font: str) -> str:
    """The registered family that sets text for the layout's ``font``: the shipped Times-metric serif
    for Times New Roman and friends, else the installed font of that name, else the shipped serif."""
    register()
    key = _norm(font)
    if not key or key in _TIMES_LIKE:
        return SERIF
    with _lock:
        if key not in _families:
            _families[key] = _find_installed(key) or SERIF
        return _families[key]


def is_substituted(font: str) -> bool:
    """True when the PDF cannot use ``font`` itself (it is neither Times-like nor installed)."""
    return text_family(font) == SERIF and _norm(font) not in _TIMES_LIKE


def _find_installed(key: str) -> str | None:
    """Register the installed TrueType family whose name normalises to ``key`` (4 styles if present)."""
    styles: dict[int, Path] = {}
    for _, path, _sub in _system_fonts():
        if path.suffix.lower() != ".ttf" or not _norm(path.stem).startswith(key[:5]):
            continue  # file names start with the family name on every platform we know of
        try:
            info = TTFontFile(str(path), charInfo=0, validate=0)
        except (TTFError, OSError, ValueError, KeyError, IndexError):
            continue
        family = info.familyName.decode() if isinstance(info.familyName, bytes) else str(info.familyName)
        style = info.styleName.decode() if isinstance(info.styleName, bytes) else str(info.styleName)
        if _norm(family) != key:
            continue
        k = _STYLE_SLOTS.get(_norm(style))
        if k is not None:  # light, condensed, black ... are other faces, not the text face
            styles.setdefault(k, path)
    if 0 not in styles:
        return None
    name = f"EssayUser{len(_families)}"
    paths = tuple(styles.get(k, styles.get(k & 1, styles[0])) for k in range(4))
    _before_foreign_font(all_shipped=False)
    try:
        _coverage[name] = _register_family(name, paths)  # type: ignore[arg-type]
    except (TTFError, OSError, ValueError, KeyError, IndexError):
        return None
    return name


def _plain_chars(primary: str) -> frozenset[str]:
    """The characters ``face_for`` gives to ``primary`` itself: its own glyphs and the two spaces."""
    chars = _plain.get(primary)
    if chars is None:
        chars = _plain[primary] = frozenset(map(chr, _coverage_of(primary))) | {" ", "\u00a0"}
    return chars


def runs(text: str, primary: str = SERIF) -> list[tuple[str, str]]:
    """``text`` cut into (family, chunk) runs; a character no font has becomes U+FFFD."""
    register()
    if _plain_chars(primary).issuperset(text):  # nearly all text: one run, no per-character look-ups
        return [(primary, text)] if text else []
    out: list[tuple[str, list[str]]] = []
    for ch in text:
        fam = face_for(ch, primary)
        if fam == "":
            continue
        if fam is None:
            fam, ch = face_for("\ufffd", primary) or "EssaySymbols", "\ufffd"
        if out and out[-1][0] == fam:
            out[-1][1].append(ch)
        else:
            out.append((fam, [ch]))
    return [(fam, "".join(chars)) for fam, chars in out]


def unprintable(text: str) -> set[str]:
    """Characters of ``text`` that no shipped or installed font can print."""
    return {ch for ch in set(text) if not ch.isspace() and face_for(ch) is None}
