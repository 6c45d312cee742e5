"""Decoding bytes: encodings, BOMs, binary input, control characters and line ends."""

from __future__ import annotations

import pytest

from essayconv.diagnostics import ConversionError
from essayconv.readers.decode import decode


def test_utf8_plain_and_with_bom() -> None:
    assert decode("Café – naïve".encode())[0] == "Café – naïve"
    text, diags = decode(b"\xef\xbb\xbfTitle\nBody")
    assert text == "Title\nBody"
    assert diags == []


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_with_bom(codec: str) -> None:
    bom = b"\xff\xfe" if codec.endswith("le") else b"\xfe\xff"
    text, _ = decode(bom + "Résumé\r\nline two".encode(codec))
    assert text == "Résumé\nline two"


def test_cp1252_fallback_reports_info() -> None:
    text, diags = decode("It’s “quoted” – café".encode("cp1252"))
    assert text == "It’s “quoted” – café"
    assert [d.code for d in diags] == ["encoding-fallback"]


def test_latin1_last_resort_for_bytes_cp1252_cannot_decode() -> None:
    # 0x81 is undefined in cp1252; Latin-1 maps every byte (the C1 control is then dropped).
    text, diags = decode(b"caf\xe9 \x81ok")
    assert text == "café ok"
    assert "encoding-fallback" in [d.code for d in diags]


def test_forced_encoding() -> None:
    assert decode("Ωmega".encode("utf-16-le"), "utf-16-le")[0] == "Ωmega"
    assert decode(b"caf\xe9", "latin-1")[0] == "café"
    with pytest.raises(ConversionError, match="cannot decode input as utf-8"):
        decode(b"caf\xe9", "utf-8")
    with pytest.raises(ConversionError, match="unknown encoding"):
        decode(b"x", "no-such-codec")


def test_binary_input_is_rejected_with_one_line() -> None:
    with pytest.raises(ConversionError) as err:
        decode(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    assert "is a PNG image, not a text file" in str(err.value)
    assert "\n" not in str(err.value)


def test_a_stray_nul_in_text_is_removed_but_many_are_binary() -> None:
    text, diags = decode(b"Title\n\nBody \x00with a stray NUL.\n")
    assert text == "Title\n\nBody with a stray NUL.\n"
    assert [d.code for d in diags] == ["control-characters"]
    with pytest.raises(ConversionError, match="not a text file"):
        decode(b"%PDF-1.4 " + b"\x00\x01stream\x00\x00" * 20)


def test_bomless_utf16_is_recognised() -> None:
    assert decode("Plain essay text here".encode("utf-16-le"))[0] == "Plain essay text here"


def test_line_ends_normalised_and_form_feed_kept() -> None:
    text, _ = decode(b"one\r\ntwo\rthree\n\x0cfour")
    assert text == "one\ntwo\nthree\n\x0cfour"


def test_control_characters_removed_with_warning() -> None:
    text, diags = decode(b"A\x00B\x07C\x1b[31mred\x1b[0m\x12\x13 end\x0bnext")
    assert text == "ABCred end\nnext"
    assert [(d.code, d.severity) for d in diags] == [("control-characters", "warning")]


def test_mixed_utf8_and_cp1252_lines_decode_each_line() -> None:
    data = "Café in UTF-8\n".encode() + "It’s cp1252\n".encode("cp1252")
    text, diags = decode(data)
    assert text == "Café in UTF-8\nIt’s cp1252\n"
    assert "encoding-mixed" in [d.code for d in diags]


def test_zero_width_spaces_are_dropped() -> None:
    assert decode("(Smith,\u200b 2020) and\u2060 more".encode())[0] == "(Smith, 2020) and more"


def test_text_escaped_by_a_web_form_is_read_as_the_characters() -> None:
    # no "<" or ">" of its own: "&lt;", "&gt;", "&amp;" and numeric escapes stand for what the student typed
    text, diags = decode(
        b"p_value &lt; 0.05 and &gt;0.01 (Lund, R., &amp; Moe, K.) caf&#233; &lt;http://a.example/b&gt;"
    )
    assert text == "p_value < 0.05 and >0.01 (Lund, R., & Moe, K.) café <http://a.example/b>"
    assert [d.code for d in diags] == ["html-escapes"] and diags[0].severity == "info"


@pytest.mark.parametrize(
    ("data", "kept"),
    [
        (b"a <b>bold</b> tag and &lt; as written", "a <b>bold</b> tag and &lt; as written"),  # the writer's own
        (b"Tom & Jerry, AT&T, x &copy y", "Tom & Jerry, AT&T, x &copy y"),  # no escape of the five
        (b"&lt; &#7; &#xD800; &#1114112;", "< &#7; &#xD800; &#1114112;"),  # no control, surrogate or beyond
    ],
)
def test_escapes_are_left_where_the_text_is_not_escaped_or_they_stand_for_no_text(data: bytes, kept: str) -> None:
    assert decode(data)[0] == kept
