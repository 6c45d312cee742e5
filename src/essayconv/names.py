"""Names as essays write them: particles, folding, initials, "et al.", possessives and near misses.

One home for what the reader (citations in prose, the reference section's ids), the reference parser
(name lists), the resolver (citation -> entry) and the fidelity check know about names, so that they
agree: a name the reader finds in a citation is folded the way the resolver folds the entry's name.
Only the standard library: every layer may import it.
"""

from __future__ import annotations

import re
import unicodedata

# Lower-case words that belong to a family name but are not capitalised ("van Gogh", "de la Cruz",
# "ibn Khaldun"). A name list (references/names.py) takes all of them.
PARTICLES = frozenset(
    {
        "van",
        "von",
        "der",
        "den",
        "de",
        "del",
        "della",
        "dei",
        "di",
        "da",
        "du",
        "des",
        "la",
        "le",
        "lo",
        "dos",
        "das",
        "do",
        "ten",
        "ter",
        "te",
        "zu",
        "zur",
        "vom",
        "af",
        "al",
        "el",
        "bin",
        "ibn",
        "ben",
        "d'",
        "l'",
        "van't",
        "'t",
        "y",
    }
)
# The particles a name in running prose may start with ("as van der Berg (2019) shows"): not those that
# are common words of English or Spanish before a capital ("do", "lo", "y", "el") nor the ones written with
# an apostrophe.
PROSE_PARTICLES = frozenset(
    {"van", "von", "der", "den", "de", "del", "della", "di", "da", "du", "dos", "le", "la", "al", "bin", "ten", "ter"}
)
# The particles a name keeps capitalised at the start of a sentence ("Van der Berg (2019)", "De Vries").
CAPITALISED_PARTICLES = frozenset({"van", "von", "de", "del", "di", "da", "du", "le", "la"})


def particle_pattern(words: frozenset[str] = PROSE_PARTICLES, capitalised: bool = True) -> str:
    """A regular-expression alternation of ``words``; with ``capitalised``, the capitalisable ones also with
    a capital."""
    alts = sorted(
        (
            f"[{w[0].upper()}{w[0]}]{re.escape(w[1:])}" if capitalised and w in CAPITALISED_PARTICLES else re.escape(w)
            for w in words
        ),
        key=lambda a: (-len(a), a),
    )
    return "(?:" + "|".join(alts) + ")"


# Letters that Unicode does not decompose into a base letter and a mark, as a reader folds them.
_FOLD_LETTERS = str.maketrans(
    {
        "ø": "o",
        "ł": "l",
        "đ": "d",
        "ð": "d",
        "þ": "th",
        "æ": "ae",
        "œ": "oe",
        "ß": "ss",
        "ı": "i",
        "ħ": "h",
        "ŧ": "t",
        "ŋ": "n",
    }
)
_NOT_ASCII_ALNUM = re.compile(r"[^0-9a-z]+")


def fold(name: str) -> str:
    """A name compared without case, accents, spaces and punctuation: letters and digits only
    ("Müller" = "Muller", "O’ Day" = "O'Day", "Gómez" = "Gomez", "Søren" = "Soren"); letters of other
    scripts are kept ("Иванов" -> "иванов")."""
    if name.isascii():  # (ASCII text has no decomposition and no combining marks)
        low = name.lower()
        return low if low.isalnum() else _NOT_ASCII_ALNUM.sub("", low)  # (most names: letters alone)
    s = unicodedata.normalize("NFKD", name.casefold()).translate(_FOLD_LETTERS)
    return "".join(ch for ch in s if ch.isalnum() and not unicodedata.combining(ch))


_NOT_ASCII_LETTERS = re.compile(r"[^a-z]+")


def ascii_stem(name: str) -> str:
    """The ASCII letters of the folded name, for ids: "Müller-Lüdenscheidt" -> "mullerludenscheidt"."""
    folded = fold(name)
    return folded if folded.isascii() and folded.isalpha() else _NOT_ASCII_LETTERS.sub("", folded)


def family_key(name: str) -> str:
    """The comparable part of a family name: leading particles dropped ("van der Berg" -> "berg"),
    folded."""
    words = [w for w in re.split(r"[\s\u00a0]+", name.strip()) if w]
    while len(words) > 1 and words[0].casefold().strip(".'’") in PARTICLES:
        words = words[1:]
    return fold(" ".join(words))


# "et al." and its kin in other languages ("u. a.", "et coll.") and in words ("and others").
ET_AL = re.compile(r"\bet\s*al\b\.?|\band\s+others\b|\bu\.\s*a\.|\bet\s+coll\b\.?", re.I)
# Between the names of a citation: "&", "and", "und", "et", "y", ";" and ",".
_NAME_SPLIT = re.compile(r"\s*(?:&|\band\b|\bund\b|\bet\b|\by\b|;|,)\s*", re.I)
# Initials after a family name, as Vancouver-style writers cite: "Ebashi S", "Johnson AD" (not an acronym
# standing alone: "WHO").
_INITIALS_AFTER = re.compile(r"(?<=[^\W\d_][a-z])\s+[A-Z]{1,3}\.?$")
# Initials before a family name, as some writers cite a person: "E. Seymour", "J. K. Rowling" (one
# family name after them: "C.S. Mott Children's Hospital" is an organisation's name, kept whole).
_INITIALS_BEFORE = re.compile(r"^[A-Z]\.(?:\s?[A-Z]\.)*\s+(?=[A-Z][^\W\d_]*(?:[-'’][^\W\d_]+)*$)")

# The possessive of names ("Smith's", "Hill and Ng’s"), straight or curly.
POSSESSIVE = "['’]s"
_POSSESSIVE_END = re.compile(POSSESSIVE + r"\s*$")


def strip_possessive(names: str) -> str:
    """The names without the possessive that ends them: "Smith’s" -> "Smith"."""
    return _POSSESSIVE_END.sub("", names)


def cite_names(author: str) -> tuple[list[str], bool]:
    """Family names as written in a citation, as keys ("Jeng et al." -> (["jeng"], True))."""
    et_al = bool(ET_AL.search(author))
    text = ET_AL.sub(" ", author)
    # The possessive of a narrative citation ("Smith's (2020)", "Hill and Ng's (2019)") ends the names;
    # one inside them is part of an organisation's name ("C.S. Mott Children's Hospital, 2015").
    text = strip_possessive(text)
    parts = [_INITIALS_BEFORE.sub("", _INITIALS_AFTER.sub("", p)) for p in _NAME_SPLIT.split(text) if p and fold(p)]
    return [family_key(p) for p in parts], et_al


# Words an organisation's initials leave out ("Centers for Disease Control" -> "CDC").
_SMALL_WORDS = frozenset({"of", "for", "and", "the", "on", "in", "to", "at", "a", "an", "&"})
# The acronym an entry gives in brackets after the organisation: "Forest Survey of India (FSI)".
_GIVEN_ACRONYM = re.compile(r"\(([A-Z][A-Za-z&]{1,9})\)")
_WORD = re.compile(r"[^\W\d_][\w'’\-]*")


def given_acronyms(organisation: str) -> frozenset[str]:
    """The acronyms a name gives in brackets, folded: "Forest Survey of India (FSI)" -> {"fsi"}."""
    return frozenset(fold(m) for m in _GIVEN_ACRONYM.findall(organisation))


def short_forms(organisation: str) -> frozenset[str]:
    """The folded short forms an organisation may be cited by: the initials of its capitalised words, or
    their first three or more ("World Health Organization" -> "who"; "Centers for Disease Control and
    Prevention" -> "cdc", "cdcp"), and an acronym it gives in brackets ("Forest Survey of India (FSI)" ->
    "fsi"). Empty for fewer than two words: a person's name has no short form."""
    words = [w for w in _WORD.findall(_GIVEN_ACRONYM.sub(" ", organisation)) if w.lower() not in _SMALL_WORDS]
    out = set(given_acronyms(organisation))
    if len(words) >= 2 and all(w[0].isupper() for w in words):
        initials = fold("".join(w[0] for w in words))
        out.add(initials)
        out.update(initials[:n] for n in range(3, len(initials)))
    return frozenset(out)


def two_letters_off(a: str, b: str) -> bool:
    """Whether two folded names of seven letters or more differ by one or two letters (each replaced,
    added or dropped): "Hollingswoth"/"Hollingsworht" are near enough to name as the nearest entry,
    not to link to."""
    if min(len(a), len(b)) < 7 or abs(len(a) - len(b)) > 2:
        return False
    return _edits_within(a, b, 2)


def _edits_within(a: str, b: str, limit: int) -> bool:
    # Levenshtein distance <= limit, row by row, stopping as soon as every cell of a row exceeds it
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        row = [i]
        for j, cb in enumerate(b, 1):
            row.append(min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (ca != cb)))
        if min(row) > limit:
            return False
        prev = row
    return prev[-1] <= limit


def one_letter_off(a: str, b: str) -> bool:
    """Whether two folded names differ by one letter: one replaced, added, dropped, or two neighbours
    swapped ("safrenek"/"safranek", "mueler"/"mueller", "jonhson"/"johnson"). Names under five letters
    never are: one letter makes another name of them ("Lee"/"Lei", "Chen"/"Chan")."""
    if a == b or min(len(a), len(b)) < 5 or abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    if len(a) < len(b):
        return a[i:] == b[i + 1 :]
    return a[i + 1 :] == b[i + 1 :] or (
        i + 1 < len(a) and a[i] == b[i + 1] and a[i + 1] == b[i] and a[i + 2 :] == b[i + 2 :]
    )
