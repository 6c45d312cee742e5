"""Byte decoding: guess the text encoding, normalise line ends, and clean control characters."""

from __future__ import annotations

import codecs
import re

from ..diagnostics import ConversionError, Diagnostic

# C0 controls that XML 1.0 forbids (form feed \x0c is kept: the reader uses it as a page break).
_ESC_SEQ = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|[@-Z\\-_])")
_BAD_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
# C1 controls only appear as mis-decoded bytes; they are never text.
_C1_CONTROLS = re.compile(r"[\x80-\x9f]")
# The characters of those two classes, one by one: a text seldom holds any, and ~30 substring tests
# (memchr) tell that ~15x faster than the class's scan of the text; the substitution runs only then.
_BAD_CHARS = tuple(map(chr, [*range(0x00, 0x09), *range(0x0E, 0x20), 0x7F]))
_C1_CHARS = tuple(map(chr, range(0x80, 0xA0)))


def decode(data: bytes, encoding: str | None = None) -> tuple[str, list[Diagnostic]]:
    """Decode ``data`` to text with LF line ends and no XML-invalid control characters."""
    diags: list[Diagnostic] = []
    _refuse_documents(data)
    if encoding:
        check_encoding(encoding)
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError as err:
            raise ConversionError(f"cannot decode input as {encoding}: {err.reason} at byte {err.start}") from None
        if text.startswith("\ufeff"):
            text = text[1:]
    else:
        text = _guess(data, diags)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n")
    text = _clean_controls(text, diags)
    text = _unescape_exported(text, diags)
    return text, diags


# The escapes a web form writes for the characters HTML reserves (what it shows as "<", ">", "&" and quotes)
_ESCAPES = re.compile(r"&(?:lt|gt|amp|quot|apos|#\d{1,7}|#[xX][0-9a-fA-F]{1,6});")
_NAMED = {"lt": "<", "gt": ">", "amp": "&", "quot": '"', "apos": "'"}


def _unescape_exported(text: str, diags: list[Diagnostic]) -> str:
    """Text that went through a web form's HTML escaping ("p_value &lt; 0.05", "&lt;https://...&gt;", "Heyman,
    R., &amp; Mangelsdorf"; 91 of the 1,166 MICUSP and lab-report files) holds no "<" or ">" of its own: the
    escapes stand for the characters the student typed. (A text with either character as such is taken as
    written: its escapes are the writer's own.)"""
    if "&" not in text or "<" in text or ">" in text or not ("&lt;" in text or "&gt;" in text or "&amp;" in text):
        return text
    diags.append(
        Diagnostic("html-escapes", "info", "input holds HTML escapes (&lt; &gt; &amp;): read as the characters")
    )
    return _ESCAPES.sub(_character, text)


def _character(m: re.Match[str]) -> str:
    name = m.group()[1:-1]
    if name in _NAMED:
        return _NAMED[name]
    code = int(name[2:], 16) if name[1] in "xX" else int(name[1:])
    # (a control character, a surrogate or a non-character would be no text: the escape stays as written)
    return chr(code) if 0x20 <= code < 0x110000 and not _NO_TEXT.match(chr(code)) else m.group()


_NO_TEXT = re.compile("[\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def check_encoding(encoding: str) -> None:
    """Refuse an ``--encoding`` that is unknown, or a codec that is not a text encoding (rot13, base64,
    hex, zlib: Python knows them as codecs, but they turn bytes into bytes, not into text)."""
    try:
        info = codecs.lookup(encoding)
    except LookupError:
        raise ConversionError(
            f"unknown encoding: {encoding} (give a text encoding such as utf-8, cp1252 or latin-1)"
        ) from None
    if not getattr(info, "_is_text_encoding", True):
        raise ConversionError(f"{encoding} is not a text encoding (give one such as utf-8, cp1252 or latin-1)")


_READ = "essayconv reads plain text, Markdown, web pages and Word .docx"
# Files people give instead of plain text, by their first bytes: what each is and what to do about it.
_SAVE_AS_TEXT = "save it as a Word Document (.docx) or as Plain Text (.txt) and convert that"
_DOCUMENTS: tuple[tuple[bytes, str, str], ...] = (
    (b"%PDF-", "a PDF", "copy its text into a .txt file (or run pdftotext on it) and convert that"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "a Word 97-2003 document (.doc)", "in Word, " + _SAVE_AS_TEXT),
    (b"{\\rtf", "an RTF document", "in Word or WordPad, " + _SAVE_AS_TEXT),
    (b"\x89PNG\r\n\x1a\n", "a PNG image", "give the essay's text"),
    (b"\xff\xd8\xff", "a JPEG image", "give the essay's text"),
    (b"GIF8", "a GIF image", "give the essay's text"),
)
# A ZIP file is told apart by the names inside it (stored uncompressed in its headers).
_ZIP_DOCUMENTS: tuple[tuple[bytes, str, str], ...] = (
    (b"word/", "a Word document (.docx)", "in Word, " + _SAVE_AS_TEXT),
    (b"application/vnd.oasis.opendocument.text", "an OpenDocument text (.odt)", "in LibreOffice, " + _SAVE_AS_TEXT),
    (b"", "a ZIP archive", "unpack it and convert the essay inside"),
)


def is_docx(data: bytes) -> bool:
    """Whether the bytes are a Word document (a zip with a word/ part). Here, not in readers/wordml.py: a
    text essay is told apart without importing the Word reader (and the Markdown reader it uses, ~25 ms
    of a cold start)."""
    return data[:4] == b"PK\x03\x04" and b"word/" in data[:65536]


def _refuse_documents(data: bytes) -> None:
    """A word-processor file, a PDF or an image is not text: name the format and what to do, rather
    than "not a text file" or, for RTF, a paper full of control words."""
    for magic, name, advice in _DOCUMENTS:
        if data.startswith(magic):
            raise ConversionError(f"input is {name}, not a text file ({_READ}): {advice}")
    if data.startswith(b"PK\x03\x04"):
        head = data[:65536]
        for marker, name, advice in _ZIP_DOCUMENTS:
            if marker in head:
                raise ConversionError(f"input is {name}, not a text file ({_READ}): {advice}")


def _guess(data: bytes, diags: list[Diagnostic]) -> str:
    if data.startswith(codecs.BOM_UTF8):
        return _strict(data[3:], "utf-8")
    if data.startswith(codecs.BOM_UTF16_LE) or data.startswith(codecs.BOM_UTF16_BE):
        return _strict(data, "utf-16")
    if b"\x00" in data:
        # BOM-less UTF-16 is recognisable by NULs in every other byte of ASCII text.
        utf16 = _bomless_utf16(data)
        if utf16 is not None:
            return utf16
        # A stray NUL or two in otherwise plain text is damage, not a binary file: the NULs are
        # dropped later with the other control characters.
        if data.count(b"\x00") > max(2, len(data) // 1000):
            raise ConversionError("input is not a text file (it contains NUL bytes)")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if _looks_binary(data):
        raise ConversionError("input is not a text file (it contains binary data)")
    if _UTF8_SEQ.search(data):
        # Valid UTF-8 sequences beside invalid bytes: text pasted together from two sources.
        # Decode line by line so that neither part turns into mojibake.
        diags.append(Diagnostic("encoding-mixed", "warning", "input mixes UTF-8 and Windows-1252 lines"))
        return "".join(_decode_line(line) for line in data.splitlines(keepends=True))
    try:
        text = data.decode("cp1252")
        diags.append(Diagnostic("encoding-fallback", "info", "input is not UTF-8; decoded as Windows-1252"))
        return text
    except UnicodeDecodeError:
        diags.append(Diagnostic("encoding-fallback", "warning", "input is not UTF-8; decoded as Latin-1"))
        return data.decode("latin-1")


_UTF8_SEQ = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")


def _decode_line(line: bytes) -> str:
    for enc in ("utf-8", "cp1252"):
        try:
            return line.decode(enc)
        except UnicodeDecodeError:
            continue
    return line.decode("latin-1")


def _strict(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as err:
        raise ConversionError(f"input is not a text file (invalid {encoding} at byte {err.start})") from None


def _bomless_utf16(data: bytes) -> str | None:
    if len(data) < 2 or len(data) % 2:
        return None
    even_nuls = data[0::2].count(0)
    odd_nuls = data[1::2].count(0)
    half = len(data) // 2
    for enc, nuls, other in (("utf-16-le", odd_nuls, even_nuls), ("utf-16-be", even_nuls, odd_nuls)):
        if nuls >= 0.4 * half and other <= 0.05 * half:
            try:
                return data.decode(enc)
            except UnicodeDecodeError:
                return None
    return None


def _looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    controls = sum(1 for b in sample if b < 0x20 and b not in (0x09, 0x0A, 0x0C, 0x0D, 0x1B))
    return controls > max(4, len(sample) // 100)


def _clean_controls(text: str, diags: list[Diagnostic]) -> str:
    removed = 0

    def count(m: re.Match[str]) -> str:
        nonlocal removed
        removed += 1
        return ""

    if "\x1b" in text:
        text = _ESC_SEQ.sub(count, text)
    # A vertical tab is Word's manual line break: keep the break, not the character.
    removed += text.count("\x0b")
    text = text.replace("\x0b", "\n")
    if any(c in text for c in _BAD_CHARS):
        text = _BAD_CONTROLS.sub(count, text)
    if not text.isascii() and any(c in text for c in _C1_CHARS):
        text = _C1_CONTROLS.sub(count, text)
    # Zero-width spaces from web pages split words and citations invisibly.
    text = text.replace("\ufeff", "").replace("\u200b", "").replace("\u2060", "")
    if removed:
        diags.append(
            Diagnostic("control-characters", "warning", f"removed {removed} control character(s) from the input")
        )
    return text
