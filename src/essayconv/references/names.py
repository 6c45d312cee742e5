"""Personal and corporate name lists: a reference's author/editor segment into CSL name dicts."""

from __future__ import annotations

import unicodedata
from typing import Any

from ..names import PARTICLES
from . import _re as rx

_SUFFIX_PATTERN = rx.compile(r"^(?:jr|sr|jnr|snr|ii|iii|iv|v|2nd|3rd)\.?$", rx.I)


def _is_suffix(word: str) -> bool:
    """A generational suffix ("Jr.", "III"); no match is longer than five characters ("iii.\\n"), so a
    longer word is answered without the pattern (it was tried on every name part)."""
    return len(word) <= 5 and _SUFFIX_PATTERN.match(word) is not None


# Words that mark a name segment as an organisation, kept whole as a CSL "literal".
_ORG = rx.compile(
    r"\b(?:department|dept|organi[sz]ation|association|institut\w*|universit\w+|office|council|society|"
    r"agency|commission|ministr\w+|bureau|committee|cent(?:re|er)|foundation|board|group|government|"
    r"nations|bank|services?|corporation|company|inc|ltd|llc|press|academy|federation|union|world|"
    r"national|international|team|consortium|collaboration|project|program(?:me)?|authority|"
    r"administration|statistics|census|network|fund|trust|who|oecd|unesco|unicef|nasa|republic|"
    r"parliament|congress|senate|court|library|museum|police|unit|forum|alliance|coalition|"
    r"institute|initiative|partnership|working|panel|taskforce|task force|hospitals?|clinics?|college|school|"
    r"laborator(?:y|ies)|centers|centres|agencies|ministry|departments|organizations|associations|"
    r"news|media|broadcasting)\b",
    rx.I,
    # a personal name holds none of these (most references are by people): the big pattern stays uncompiled
    gated=True,
)
_UP = "A-ZÀ-ÖØ-ÞĀ-Ž"
_INITIAL = rx.compile(rf"^(?:[{_UP}]\.?(?:-[{_UP}]\.?)?|[{_UP}][a-z]\.|[{_UP}]{{2,3}}|[{_UP}]{{1,3}}-[{_UP}]{{1,3}})$")


def _is_capital(c: str) -> bool:
    """Whether the character ``c`` is one of the capitals that ``_UP`` lists."""
    return "A" <= c <= "Z" or "À" <= c <= "Ö" or "Ø" <= c <= "Þ" or "Ā" <= c <= "Ž"


def _is_initial(tok: str) -> bool:
    """``_INITIAL.match(tok)``: the common shapes ("A.", "AB", "Lee") answered by string tests, the rest by
    the pattern. Why: its four capital classes cost ~1 ms to compile, and a reference with names met it
    first thing; tests/test_refs_gates.py checks the answers against the pattern exhaustively."""
    n = len(tok)
    if not n or n > 8 or not _is_capital(tok[0]):
        return False  # every match starts with a capital; the longest is "ABC-DEF" and a final newline
    if n == 1:
        return True
    second = tok[1]
    if n == 2:
        return second in ".\n" or _is_capital(second)
    if "a" <= second <= "z":
        return tok[2] == "." and (n == 3 or (n == 4 and tok[3] == "\n"))  # only "Xa." has a small letter second
    return _INITIAL.match(tok) is not None


_INITIALS_GLUED = rx.compile(
    rf"^(?:[{_UP}][a-z]?\.(?:-?[{_UP}][a-z]?\.)*-?[{_UP}][a-z]?\.?|[{_UP}]\.-[{_UP}][a-z]?\.?)$", gated=True
)
_ETAL = rx.compile(
    r",?\s*(?:\bet\.?\s*al\b\.?|\bet\s+alii\b|\band\s+others\b|\bu\.\s*a\.|\.\.\.|…)",
    rx.I,
    gated=True,
)
_ROLE = rx.compile(
    r"\(\s*(?:eds?|edd|editors?|ed|hrsg|hg|comps?|trans|trad|dir|a\s*c\.\s*di|gen\.\s*eds?)\.?\s*\)|"
    r"^\s*(?:(?:edited|ed\.|compiled|translated|trans\.|introduced|selected)(?:\s+and\s+|,\s*)?)+\s*(?:by|von|par)\b|"
    # ("Hg." and "Hgg." are German editors, "HG" a Vancouver name's initials: "Wang HG, Li Y")
    r"\b(?:(?-i:[Ee]ds)|edd|editors?|hrsg|(?-i:[Hh]gg?)|trans|gen\.\s*eds?|(?-i:[Ee]ds?)\.)(?=[\s,.;:)]|$)\.?|"
    r"(?:^|[,\s])(?-i:[Ee]d)(?=\s*(?:[,;:]|$))",  # (bare "ED", "EDS": a Vancouver name's initials)
    rx.I,
    gated=True,
)


_FAM = rf"[{_UP}][a-zà-ÿ'’]+(?:-\s?[{_UP}][a-zà-ÿ'’]+)?"
_INITS = rf"(?:[{_UP}]{{1,2}}\.|(?:[{_UP}]\.\s?){{2}})"
# "Modahl, C. Green, L. Fein, D.": family-comma-initials pairs separated by a space only (the whole list so)
_SPACE_PAIRS = rx.compile(rf"(?:{_FAM},\s*{_INITS}\s+)+(?:&\s*)?{_FAM},\s*{_INITS}")
_PAIR_GAP = rx.compile(rf"(?<=\.)\s+(?=(?:&\s*)?{_FAM},)")


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _is_two_letter_word(tok: str) -> bool:
    """ "Li", "Wu": a capital and a small letter (the length test first: most tokens are longer)."""
    return len(tok) == 2 and "a" <= tok[1] <= "z" and rx.fullmatch(r"[" + _UP + r"][a-z]", tok) is not None


def is_initials(text: str) -> bool:
    """True for given-name initials: "C. C.", "R. R.", "J.-P.", "AB", "K"."""
    toks = [t for t in rx.split(r"\s+|(?<=\.)(?=[" + _UP + r"])", text.strip()) if t]
    if not toks or len(toks) > 4:
        return False
    for tok in toks:
        if not (_is_initial(tok) or _INITIALS_GLUED.match(tok)):
            return False
        if _is_two_letter_word(tok):  # "Li", "Wu" are words
            return False
    return True


def _is_word(tok: str) -> bool:
    # (with the Latin-1 signs that UTF-8 read as Latin-1 leaves in a name: "CebriÃ¡n", "TramÃ¨r")
    return bool(rx.match(r"^[\w'’\-\u0080-\u00bf]+\.?$", tok)) and not tok[0].isdigit()


def _is_given(text: str) -> bool:
    toks = text.split()
    if not toks or len(toks) > 4:
        return False
    return all(
        _is_initial(t) or _INITIALS_GLUED.match(t) or (t[0].isupper() and _is_word(t)) or t.lower() in PARTICLES
        for t in toks
    )


def _is_family(text: str) -> bool:
    toks = text.split()
    if not toks or len(toks) > 4:
        return False
    if any(
        t.endswith(".") and _is_initial(t) and not _is_suffix(t) and not (i == 0 and t in _SAINT and len(toks) > 1)
        for i, t in enumerate(toks)
    ):
        return False
    # (the pattern matches at most four characters: the length test spares its compilation for longer words)
    if (
        len(toks) > 1
        and len(toks[-1]) <= 4
        and rx.fullmatch(r"[" + _UP + r"]{1,3}\.?", toks[-1])
        and not _is_suffix(toks[-1])
    ):
        return False  # "Smith JA" is a whole Vancouver name
    return all(_is_word(t) or t.lower() in PARTICLES for t in toks)


def _split_particle(family: str) -> dict[str, str]:
    """Move leading lower-case particles of a family name into "non-dropping-particle"."""
    toks = family.split()
    i = 0
    while i < len(toks) - 1 and toks[i] in PARTICLES:
        i += 1
    if i:
        return {"non-dropping-particle": " ".join(toks[:i]), "family": " ".join(toks[i:])}
    return {"family": family}


# (gated on the period: most family names have none, and the initial's class is dear to compile)
_END_DOT = rx.compile(r"\.$", gated=True)
_END_INITIAL = rx.compile(r"\b[" + _UP + r"]\.$", gated=True)


def _make(family: str, given: str = "", suffix: str = "") -> dict[str, str]:
    family = family.strip(" ,;:")
    ftoks = family.split()
    if len(ftoks) > 1 and _is_suffix(ftoks[-1]) and not suffix:
        suffix, family = ftoks[-1], " ".join(ftoks[:-1])
    family = _END_DOT.sub("", family) if not _END_INITIAL.search(family) else family
    name: dict[str, str] = _split_particle(family)
    given = given.strip(" ,;:")
    gparts = given.split()
    if len(gparts) > 1 and _is_suffix(gparts[-1]) and not suffix and gparts[-1].lower().startswith(("jr", "sr")):
        suffix, given = gparts[-1], " ".join(gparts[:-1])
    # trailing lower-case particles of a given name ("Ludwig van") belong to the family
    gtoks = given.split()
    moved = []
    while len(gtoks) > 1 and gtoks[-1] in PARTICLES:
        moved.insert(0, gtoks.pop())
    if moved:
        name["non-dropping-particle"] = " ".join(
            moved + ([name["non-dropping-particle"]] if "non-dropping-particle" in name else [])
        )
        given = " ".join(gtoks)
    if rx.search(r"\w{3}\.$", given):  # "John." carries the sentence's period, "Ph." or "J." keep theirs
        given = given[:-1]
    if given:
        name["given"] = given
    if suffix:
        name["suffix"] = suffix.strip(" ,")
    return name


# "St. John", "Ste. Marie", "Saint-Exupéry": the saint's abbreviation opens a family name, it is no initial
_SAINT = frozenset({"St.", "St", "Ste.", "Ste", "Saint", "Sainte", "San", "Santa"})


def _natural(text: str) -> dict[str, str] | None:
    """One name without a comma: "C. C. Jeng", "Chien-Chung Jeng", "Jeng CC" (Vancouver), "van Gogh V"."""
    toks = text.split()
    if not toks:
        return None
    suffix = ""
    if len(toks) > 1 and _is_suffix(toks[-1]):
        suffix = toks.pop()
    if len(toks) == 1:
        if suffix.isupper() and "." not in suffix:
            # "Litwin V", "Sladek JR" (Vancouver): capitals alone after a family name are its initials
            return _make(toks[0], given=suffix)
        return _make(toks[0], suffix=suffix)
    # Vancouver: family first, initials last ("Smith JA", "Van Breusegem F", "Andreae M. O.")
    k = len(toks)
    while (
        k > 1
        and (_is_initial(toks[k - 1]) or _INITIALS_GLUED.match(toks[k - 1]))
        and not _is_two_letter_word(toks[k - 1])
    ):
        k -= 1
    first_initial = (
        bool(_is_initial(toks[0]) or _INITIALS_GLUED.match(toks[0]))
        and (toks[0].endswith(".") or len(toks[0]) <= 3)
        and not _is_two_letter_word(toks[0])
        and toks[0] not in _SAINT
    )
    if k < len(toks) and not first_initial:
        return _make(" ".join(toks[:k]), " ".join(toks[k:]), suffix)
    if toks[0] in _SAINT and len(toks) >= 2:
        # "St. John" is a family name: with nothing after it, or given names before it ("T. M. St. John")
        if len(toks) == 2:
            return _make(" ".join(toks), "", suffix)
    # upper-case family first: "KAHAN Marcel"
    caps = 0
    while (
        caps < len(toks) - 1
        and len(toks[caps]) >= 3
        and toks[caps].isupper()
        and not toks[caps].endswith(".")
        and not _initials_cluster(toks[caps])
    ):
        caps += 1
    if caps and all(t[:1].isupper() and not t.isupper() for t in toks[caps:]):
        return _make(" ".join(toks[:caps]), " ".join(toks[caps:]), suffix)
    # given first: the family name starts at the last capitalised word, taking particles before it
    i = len(toks) - 1
    while i - 1 >= 1 and (toks[i - 1].lower() in PARTICLES or toks[i - 1] in _SAINT):
        i -= 1
    return _make(" ".join(toks[i:]), " ".join(toks[:i]), suffix)


# Brackets in a name segment (an affiliation, "(N.)" initials) are rare: gated on the bracket.
_BRACKETED = rx.compile(r"\[[^\]]*\]|\((?!(?:[A-Z][a-z]?\.?-?\s?){1,4}\))[^)]*\)", gated=True)
_BRACKETED_INITIALS = rx.compile(r"([\w'’\-]{2,})\s*\(((?:[A-Z][a-z]?\.?-?\s?){1,4})\)", gated=True)


_LEAD_WORD = rx.compile(r"^\s*(?:in|by|with)\s*:?\s+", rx.I, gated=True)


_DASHES = str.maketrans(
    dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212", "-")
)  # (re.sub of [\u2010-\u2015\u2212])


# A last name closed by the sentence's period ("... and Vu." / "Li."), not a suffix's ("Jr.").
_NAME_PERIOD = rx.compile(r"(?<=\s)(?!(?:Jr|Sr|Jnr|Snr)\.$)(?:([A-Z][a-z]+(?:-[A-Z]?[a-z]+)?))\.$")


def _drop_name_period(text: str) -> str:
    """``text`` without the period of _NAME_PERIOD. Only the last word can hold its match (the word is whitespace
    free and after a whitespace), so it is matched there, not searched for from every position."""
    body = text[:-1] if text.endswith("\n") else text  # ("$" also stands before a final line feed)
    words = body.rsplit(None, 1)
    m = _NAME_PERIOD.match(text, len(body) - len(words[-1])) if words else None
    return text[: m.start()] + m.group(1) + text[m.end() :] if m else text


def clean_segment(text: str) -> tuple[str, bool]:
    """Drop role words, brackets, "et al." from a name segment; report whether "et al." was there."""
    text = _nfc(text)
    text = text.translate(_DASHES)
    # a list number glued to the first name ("1Govindjee", "2.Smith")
    text = rx.sub(r"^\s*\d{1,3}[.)]?(?=[" + _UP + r"][a-zà-ÿ])", "", text) if text[:1].isdigit() else text
    others = bool(_ETAL.search(text))
    if others:
        # (APA's long lists "Smith, A., ... Jones, B." name the last author after the ellipsis: the list
        # keeps the names before it, as for "et al.", so that the names it holds are the first ones in order)
        text = _ETAL.split(text, maxsplit=1)[0]
    text = _ROLE.sub(" ", text.strip())
    text = _LEAD_WORD.sub("", text)
    text = _BRACKETED.sub(" ", text)
    if not text.isprintable() or " ," in text or " ." in text or " ;" in text:
        # (a printable string's only whitespace is the space: without these pairs the pattern finds
        # nothing, and it was tried at every position of every name list)
        text = rx.sub(r"\s+([,.;])", r"\1", text)
    if text and not (rx.word_char(text[0]) and not text[-1].isspace() and text[-1] not in ",;:"):
        # (a first character that is a word character and a last that is none of these: nothing to trim)
        text = rx.sub(r"^[\s\W]+|[\s,;:]+$", "", text)
    if "- " in text:  # a name broken at a line end in a PDF: "R. C. Vrijen- hoek" is one name, its hyphen kept
        text = rx.sub(r"(?<=[a-zà-ÿ]-) (?=[a-zà-ÿ])", "", text)
    text = rx.sub(r",{2,}", ",", text) if ",," in text else text  # the test spares two patterns' compilation
    text = rx.sub(r"\.{2,}", ".", text) if ".." in text else text
    if text.endswith((".", ".\n")):  # (the pattern ends so: spared a search of every other list)
        text = _drop_name_period(text)
    text = rx.sub(r"(?<=\w\w)\.$", "", text) if rx.search(r"[a-zà-ÿ]{2}\.$", text) else text
    # French "KEFI (N.)": initials in brackets after the family name
    text = _BRACKETED_INITIALS.sub(r"\1, \2", text)
    return rx.squash_spaces(text).strip(), others


# Words that head or close an organisation's name and are (almost) never a person's name.
_ORG_HEADS = frozenset(
    "organization organisation association hospital hospitals institute institution university department ministry "
    "agency commission bureau committee center centre centers centres foundation corporation administration council "
    "society clinic college school laboratory services office board government".split()
)


def org_heads() -> frozenset[str]:
    """Words that head or close an organisation's name and (almost) never a person's."""
    return _ORG_HEADS


def _org_of(text: str) -> bool:
    """ "Centers for Disease Control and Prevention": an organisation's head word (maybe after one
    word, "U.S. Department"), then "of", "for" or "on" and its remit."""
    words = text.split()
    for k in (0, 1):
        if len(words) > k + 2 and words[k].lower() in _ORG_HEADS and words[k + 1].lower() in ("of", "for", "on"):
            return True
    return False


def is_organisation(text: str) -> bool:
    """True when a name segment reads as one corporate author ("World Health Organization")."""
    # the word count first: a one-word segment needs no pattern
    words = text.split()
    if len(words) < 2 or not _ORG.search(text):
        return False
    if not rx.search(r"\b[" + _UP + r"]\.\s*[" + _UP + r"]", text):
        return True
    # initials in a body's name ("C.S. Mott Children's Hospital", "U.S. Department of ..."): one body
    # when no comma parts names and it opens or closes with a word no person is named by
    return (
        "," not in text
        and ";" not in text
        and (
            words[-1].strip(".").lower() in _ORG_HEADS
            or words[0].strip(".").lower() in _ORG_HEADS
            or (len(words) > 2 and words[1].lower() in _ORG_HEADS)
        )
    )


# "Ministry of Land, Transport, and Tourism (MLIT)": a body named in full, then its acronym
_ACRONYM_TAIL = rx.compile(r"\s*\(\s*[A-Z][A-Za-z&]*[A-Z]\s*\)[\s.,;:]*$", gated=True)


def _body_before_acronym(text: str) -> tuple[list[dict[str, Any]], bool] | None:
    """ "Ministry of Land, Transport, and Tourism (MLIT)": the commas and "and" of an organisation's name
    do not separate persons' names."""
    m = _ACRONYM_TAIL.search(text)
    if m and len(text[: m.start()].split()) >= 2 and _ORG.search(text[: m.start()]):
        body, others = clean_segment(text[: m.start()])
        if body:
            return [{"literal": body.rstrip(".")}], others
    return None


def _one_body(seg: str) -> bool:
    """An organisation's name with no person's in it: no "and", "&" or ";" to part names, or a body named
    whole with its "and" ("Equal Opportunity and Human Rights Commission"), or a body "of" its fields
    ("Centers for Disease Control and Prevention", "Ministry of Land and Water")."""
    if not is_organisation(seg):
        return False
    if not rx.search(r"[;&]|\band\b", seg):
        return True
    if rx.search(r"[;&,]", seg):
        return False
    last = seg.split(" and ")[-1]
    return bool(_ORG.search(last) and len(last.split()) >= 2) or _org_of(seg)


def _mark_name_gaps(seg: str) -> str:
    """Names separated by no more than a space get a ";" between them."""
    # "Modahl, C. Green, L. Fein, D.": pairs whose only separator is the space after the initials
    # (In such a list every comma follows a family name's letter: "Smith, J. A., & Jones" is not one,
    # and is not tried.)
    if ".," not in seg and seg.count(",") >= 2 and _SPACE_PAIRS.fullmatch(seg):
        seg = _PAIR_GAP.sub("; ", seg)
    # "Smith, J. A., Jones, B." has family-comma-initials pairs; otherwise ". " may separate names
    paired = bool(rx.search(r"[\w'’]{2,},\s*[" + _UP + r"]", seg))
    if not paired:
        seg = rx.sub(r"(?<=[a-zà-ÿ]{2})\.\s+(?=[" + _UP + r"])", "; ", seg)
    elif ". " in seg:
        # "ROUSSILLON, René. CHABERT, Catherine.": inverted names ended by a full stop (French lists):
        # the stop after a given name's letters, before the next family name and its comma, parts them
        seg = rx.sub(r"(?<=[a-zà-ÿ]{2})\.\s+(?=[" + _UP + r"][\w'’-]+,)", "; ", seg)
    return seg


def _inverted_name(parts: list[str], i: int) -> tuple[dict[str, str], int] | None:
    """ "Smith, J. A." / "van Gogh, Vincent" / "SMITH, John" (and a suffix after: "King, M. L., Jr."):
    the name at ``parts[i]`` and how many comma parts it takes; None when it is no family, given pair."""
    part = parts[i]
    nxt = parts[i + 1] if i + 1 < len(parts) else None
    # ("Martin, V., R. Bredoux": a lone "V." right after the family name is its initial, no fifth of the name)
    if nxt is None or (_is_suffix(nxt) and nxt.rstrip(".") != "V") or not _is_family(part):
        return None
    if not (
        is_initials(nxt)
        or (_is_given(nxt) and (len(part.split()) == 1 or _leads_with_particle(part) or part.isupper()))
    ):
        return None
    if i + 2 < len(parts) and _is_suffix(parts[i + 2]):
        return _make(part, nxt, parts[i + 2]), 3
    return _make(part, nxt, ""), 2


def _leads_with_particle(part: str) -> bool:
    """ "van Gogh", "De Zanger", "al Saffar": a family name opened by a particle. Not "AL Lazaar" (Chicago's
    "Amrani, Y., AL Lazaar, R. Hoffman": given initials written first, undotted)."""
    first = part.split()[0]
    return first.lower() in PARTICLES and not (len(first) > 1 and first.isupper())


def _initials_cluster(tok: str) -> bool:
    """ "DJM", "GKT": undotted initials of three capitals or fewer with no vowel, which no family name is."""
    return len(tok) <= 3 and tok.isupper() and not any(c in "AEIOUY" for c in tok)


def _chunk_names(chunk: str, names: list[dict[str, Any]]) -> None:
    """The names of one chunk (between "and", "&", ";" ...) appended to ``names``: its comma parts are a
    suffix of the name before, an inverted name (family, given), or one name in natural order."""
    parts = [p.strip() for p in chunk.split(",") if p.strip()]
    i = 0
    while i < len(parts):
        part = parts[i]
        if _is_suffix(part) and names:
            names[-1]["suffix"] = part
            i += 1
            continue
        inverted = _inverted_name(parts, i)
        if inverted is not None:
            names.append(inverted[0])
            i += inverted[1]
            continue
        name = _natural(part.strip(". ") if not is_initials(part.split()[-1]) else part)
        if name:
            names.append(name)
        i += 1


# What separates the names of a list: ";", "&" or a joining word. (Without the spaces either side, which the
# chunks are stripped of: "\s*" first in the pattern made every position a start to try, 4x the time.)
_NAME_SEPARATOR = rx.compile(r"[;&]|\b(?:[Aa]nd|AND|with|und|et|и)\b")


def _mend_stray_initials(names: list[dict[str, Any]], seg: str) -> list[dict[str, Any]]:
    """A "name" of dotted initials alone ("E.", "G. E.") is the given name of a name the commas of an inverted
    list ("Family, I.") cut apart, where the writer left a comma out or put one in:
    - "Nagda, B. A. Lopez, G. E.": the name before ends with the next one's family ("Lopez"): it has "G. E.";
    - "Stack, Jr., J.": the name before has a suffix and no given name: "J." is its given name;
    - "Smart, J.,F.": a single initial glued by a comma to the initials before it: one more of them.
    The first and last only where ``seg`` shows the inverted order and the comma: in "D. C. Cabra, and W.
    Brenig" the lone "W." is a name whose family was lost, not Cabra's. (16 references of the 1,186 corpus
    files and 2 of the bench's strings; "Li", "Wu", undotted, stay names.)"""
    out: list[dict[str, Any]] = []
    for name in names:
        initials = _stray_initials(name)
        prev = out[-1] if out else None
        if initials and prev is not None and "family" in prev:
            family, given = str(prev["family"]), str(prev.get("given", ""))
            head, _, last = given.rpartition(" ")
            if head and is_initials(head) and _is_word_name(last) and f"{family}, {given}" in seg:
                prev["given"] = head
                out.append({"family": last, "given": initials})
                continue
            if not given and prev.get("suffix"):
                prev["given"] = initials
                continue
            if given and is_initials(given) and len(initials) <= 2 and f"{given},{initials}" in seg:
                prev["given"] = f"{given} {initials}"
                continue
        out.append(name)
    return out


def _stray_initials(name: dict[str, Any]) -> str:
    """The dotted initials a parsed name holds and nothing else ("" for a real name)."""
    family = str(name.get("family", ""))
    if len(family) > 5 or "." not in family or set(name) - {"family", "given"}:
        return ""  # (most names, answered before the initials' pattern: "Smith", "Li")
    text = f"{name.get('given', '')} {family}".strip()
    return text if is_initials(text) else ""


def _is_word_name(word: str) -> bool:
    """ "Lopez": a capitalised word of two letters or more, no initial."""
    return len(word) > 1 and word[0].isupper() and word[1:].isalpha() and word[1:].islower()


def parse_names(text: str) -> tuple[list[dict[str, Any]], bool]:
    """A name-list segment into CSL names; the flag says the list ended in "et al."."""
    body = _body_before_acronym(text)
    if body is not None:
        return body
    seg, others = clean_segment(text)
    if not seg or not rx.search(r"\w", seg):
        return [], others
    if _one_body(seg):
        return [{"literal": seg.rstrip(".")}], others
    seg = _mark_name_gaps(seg)
    names: list[dict[str, Any]] = []
    for chunk in _NAME_SEPARATOR.split(seg):
        chunk = chunk.strip(" ,")  # (with the spaces around the separator: the segment's only whitespace)
        if chunk:
            _chunk_names(chunk, names)
    names = _mend_stray_initials([n for n in names if n.get("family") or n.get("literal")], seg)
    if any(str(n.get("family", "")).isdigit() for n in names) and not rx.search(r"[;&]", seg):
        # "Healthy People 2020": no person's family name is a number; the segment names a body or programme
        return [{"literal": seg.rstrip(".")}], others
    return names, others
