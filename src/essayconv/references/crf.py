"""The sequence labeller: reference tokens, their features, and the CRF that labels them (python-crfsuite)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..crfmodel import ThreadTagger
from . import _re as rx
from .dates import MONTHS, SEASONS
from .fields import PLACE_WORDS as _PLACES
from .fields import Segment

MODEL_PATH = Path(__file__).with_name("data") / "refparse.crfsuite"

# A token is a run without spaces, cut before "(" and after ")", ";", ":" so that Vancouver's
# "2022;13(2):138" yields date, volume, issue and pages tokens; trailing punctuation stays attached.
_TOKEN = rx.compile(r"[(\[“\"‘«„]*[^\s(\[\]);:“”\"«»]+(?:[)\]”\"’».,;:]+)?|\S")
_CORE = rx.compile(r"^[^\w]+|[^\w]+$")
_MONTHS = frozenset(MONTHS) | frozenset(SEASONS)  # (English, French and German names: dates.py)
# Small closed-class words whose identity matters more than their shape.
_CUES = frozenset(
    "in and & et al al. eds ed ed. eds. editor editors edited by vol vol. volume no no. nr issue pp pp. p p. pages "
    "page press university publisher publishing proceedings proc proc. conference conf journal j review "
    "transactions trans. symposium workshop international annual report thesis dissertation phd ph.d. "
    "technical tech. retrieved available accessed from online doi url http https www isbn of the on for "
    "a an und der die la le les des du de di von van edition edn ed. rev. chapter chap. ch. n° nº no. "
    "inc ltd co. ltd. publishers verlag éditions editions paper working series new york london paris berlin "
    "oxford cambridge boston ma ny ca usa uk".split()
)


_ORG_WORDS = frozenset(
    "department organization organisation association institute institut university office council society agency "
    "commission ministry bureau committee centre center foundation board group government nations bank service "
    "services corporation company inc ltd press academy federation union world national international team "
    "consortium authority administration statistics census network fund trust who oecd unesco unicef".split()
)
# Publishing places and publisher words: generic knowledge that the words alone do not give a small model.
_PUBLISHER_WORDS = frozenset(
    "press verlag publishers publishing publications books wiley springer elsevier routledge sage mcgraw-hill "
    "prentice addison-wesley wesley academic kluwer pergamon blackwell macmillan palgrave penguin random norton "
    "harper harpercollins dover cup oup mit crc taylor francis elsevier ieee acm siam ams birkhäuser birkhauser "
    "gruyter nijhoff brill éditions editions edizioni editorial editora seuil gallimard flammarion puf dunod "
    "armand colin hachette karthala vintage knopf doubleday scribner houghton mifflin jossey-bass erlbaum guilford "
    "thieme karger saunders mosby lippincott humana benjamins mouton "
    # more of the houses students' and scholars' lists name (some are founders' surnames too: the feature is
    # evidence the labeller weighs with the words around it, not a decision)
    "dekker butterworth butterworth-heinemann heinemann cengage pearson longman hodder wadsworth thomson "
    "bantam ballantine picador faber farrar straus giroux schuster pantheon interscience wiley-interscience "
    "wiley-blackwell wiley-vch vch springer-verlag teubner vieweg hanser suhrkamp rowohlt kohlhammer "
    "vandenhoeck ruprecht siebeck niemeyer harrassowitz metzler reclam laterza einaudi feltrinelli mondadori "
    "bompiani garzanti zanichelli giuffrè cedam carocci olschki vrin fayard larousse plon payot minuit "
    "harmattan l'harmattan l’harmattan dalloz lgdj eyrolles masson anthropos alianza tecnos paidós akal "
    "anagrama eudeba ediciones edições almedina zahar lexisnexis emerald inderscience hindawi mdpi apress "
    "packt o'reilly o’reilly earthscan verso polity continuum bloomsbury ashgate elgar cassell fontana "
    "granta chatto windus hogarth methuen bodley gollancz hutchinson unwin secker warburg weidenfeld "
    "nicolson tavistock karnac corwin allyn scholastic heinle appleton-century-crofts lange kaufmann "
    "addison brookings nauka vozes".split()
)
# Abbreviations whose period does not end a sentence.
_ABBREV = frozenset(
    "al vol no pp eds ed edn ch chap proc conf trans rev univ dept inc ltd co jr sr st dr mr mrs "
    "ms vs etc jan feb mar apr jun jul aug sep sept oct nov dec repr diss intl natl".split()
)


# Text copied out of PDFs glues a field to the next one: "Astrophys.52", "pp.124-232", "Phys.Rev",
# "Springer1998", "July2016". A token is cut there (the field's words keep their spacing: segments are cut
# from the string) so that each side can take its own label; never inside a URL, DOI or e-mail address.
# (Two patterns that open with a literal, which the engine scans for, rather than one of lookbehinds tried at
# every position: 1.4 against 6.5 µs a reference.)
_GLUE_STOP = rx.compile(r"\.(?<=[a-z]{2}\.)(?=[A-Z\d])")  # cut after the full stop
_GLUE_YEAR = rx.compile(r"(?:1[5-9]|20)\d\d(?!\d)(?<=[a-z]{3}\d{4})")  # cut before the year


def tokenize(text: str) -> list[tuple[int, int]]:
    """Character spans of the tokens of ``text``."""
    spans = [m.span() for m in _TOKEN.finditer(text)]
    return _unglue(text, spans) if _GLUE_STOP.search(text) or _GLUE_YEAR.search(text) else spans


def _unglue(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for a, b in spans:
        tok = text[a:b]
        start = a
        if not _in_address(tok):
            cuts = sorted([m.end() for m in _GLUE_STOP.finditer(tok)] + [m.start() for m in _GLUE_YEAR.finditer(tok)])
            for cut in cuts:
                if a + cut > start:
                    out.append((start, a + cut))
                    start = a + cut
        out.append((start, b))
    return out


def _in_address(tok: str) -> bool:
    """A token of a URL, DOI or e-mail address (a path, "www.", a site's ending, "10.1016"), never cut."""
    return "/" in tok or "@" in tok or tok.startswith("10.") and tok[3:4].isdigit() or bool(_URL_TOKEN.search(tok))


_REPEAT = rx.compile(r"(.)\1{2,}")
_YEAR_LETTER = rx.compile(r"(1[5-9]\d\d|20[0-3]\d)[a-z]")
_RANGE = rx.compile(r"\d+[-–—]\d+|[A-Za-z]?\d+[-–—][A-Za-z]?\d+", gated=True)
_INITIALS = rx.compile(r"[A-ZÀ-Þ]\.?(?:-?[A-ZÀ-Þ]\.?){0,3}")
_ROMAN = rx.compile(r"[ivxlcdm]+")
# Gated (see _re.GatedPattern): few tokens are DOIs or URLs.
_DOI_TOKEN = rx.compile(r"10\.\d{3,9}/", gated=True)
_URL_TOKEN = rx.compile(
    r"https?:|www\.|\.(?:com|org|net|edu|gov|html?)\b",
    rx.I,
    gated=True,
)
# Opening and closing quotation marks (a membership test: a one-character pattern cost a compilation).
_QOPEN = frozenset("“\"‘«„'")
_QCLOSE = frozenset("”\"’»'")
_SENTEND = rx.compile(r"[a-zß-ÿ]{2}[.?!][”\"’»']?$")
_SENTEND_LAST = frozenset(".?!”\"’»'")  # the last character of any _SENTEND match


def _shape_char(c: str) -> str:
    """A character's shape: "X" capital, "x" small letter (Latin-1 letters too), "d" digit (any script's:
    what re's "\\d" matches), "_" anything else."""
    if "A" <= c <= "Z" or "À" <= c <= "Ö" or "Ø" <= c <= "Þ":
        return "X"
    if "a" <= c <= "z" or "ß" <= c <= "ö" or "ø" <= c <= "ÿ":
        return "x"
    return "d" if c.isdecimal() else "_"


# _shape_char of each ASCII character, for str.translate
_ASCII_SHAPES = {i: _shape_char(chr(i)) for i in range(128)}


def _shape(core: str) -> str:
    """The word's shape ("Smith," -> "Xxx_"): runs of three or more alike cut to two, at most 8 characters.
    (Character by character rather than four substitution patterns: their compilation cost the first
    reference ~0.3 ms; tests/test_refs_gates.py checks every code point against those patterns.) An ASCII
    word is mapped by one translate; the cut runs are cached by the mapped string, which words share
    ("Xxxxxxx," for every capitalised seven-letter word): ~6 -> ~1 µs a word not seen before."""
    mapped = core.translate(_ASCII_SHAPES) if core.isascii() else "".join(map(_shape_char, core))
    return _cut_runs(mapped)


@lru_cache(maxsize=4096)
def _cut_runs(mapped: str) -> str:
    return _REPEAT.sub(r"\1\1", mapped)[:8]


def _core(tok: str) -> str:
    """The token without the non-word characters at its ends ("(Smith," -> "Smith"); most tokens have
    none and are answered without the pattern."""
    return tok if rx.word_char(tok[0]) and rx.word_char(tok[-1]) else _CORE.sub("", tok)


def _token_features(tok: str) -> tuple[str, ...]:
    """Context-free features of one token (cached with the rest of its information by _token_info)."""
    core = _core(tok)
    low = core.lower()
    feats = [
        "w=" + low,
        "sh=" + _shape(core),
        "p1=" + (tok[0] if not tok[0].isalnum() else "a"),
        "pz=" + (tok[-1] if not tok[-1].isalnum() else "a"),
        "suf3=" + low[-3:],
        "pre3=" + low[:3],
        "len=" + str(min(len(core), 8)),
    ]
    if core:
        if core.isdigit():
            n = int(core) if len(core) < 6 else 0
            feats.append("num")
            if 1500 <= n <= 2039 and len(core) == 4:
                feats.append("year")
        elif len(core) == 5 and core[0] in "12" and _YEAR_LETTER.fullmatch(core):  # (only "1..."/"2..." of five)
            feats.append("year")
            feats.append("yearletter")
        if _RANGE.fullmatch(core):
            feats.append("range")
        if len(core) <= 4 and _INITIALS.fullmatch(tok.rstrip(",;:")):
            feats.append("initials")
        if core[0].isupper():
            feats.append("cap")
        if core.isupper() and len(core) > 1:
            feats.append("allcaps")
        if low in _MONTHS or low.rstrip(".") in _MONTHS:
            feats.append("month")
        if len(low) < 6 and _ROMAN.fullmatch(low):
            feats.append("roman")
    tl = tok.lower()
    if low in _CUES or tl in _CUES:
        feats.append("cue=" + tl)
    if _DOI_TOKEN.search(tok):
        feats.append("doi")
    if _URL_TOKEN.search(tok):
        feats.append("url")
    if tok[0] in _QOPEN:
        feats.append("qopen")
    if tok.rstrip(".,;:")[-1:] in _QCLOSE:
        feats.append("qclose")
    if tok[0] == "(":
        feats.append("popen")
    if tok.rstrip(".,;:").endswith(")"):
        feats.append("pclose")
    if tok[0] == "[":
        feats.append("bopen")
    if "@" in tok:
        feats.append("at")
    if low in _ORG_WORDS:
        feats.append("org")
    if low in _PLACES:
        feats.append("place")
    if low in _PUBLISHER_WORDS:
        feats.append("pubw")
    if tok[-1] in _SENTEND_LAST and low not in _ABBREV and _SENTEND.search(tok):
        feats.append("sentend")
    return tuple(feats)


# Features copied from neighbours (name prefix, which ones): only the cheap, informative ones.
_NEIGHBOUR_KEEP = (
    "w=",
    "sh=",
    "pz=",
    "year",
    "initials",
    "cue=",
    "qopen",
    "qclose",
    "num",
    "popen",
    "pclose",
    "place",
    "pubw",
)
_OFFSETS = (-2, -1, 1, 2)
# what a token's features copied to the token at each offset are prefixed with ("2:w=smith")
_SEEN_PREFIXES = tuple(f"{-off}:".encode() for off in _OFFSETS)


@lru_cache(maxsize=200_000)
def _token_info(
    tok: str,
) -> tuple[tuple[str, ...], tuple[tuple[bytes, ...], ...], int, tuple[bytes, ...], tuple[bytes, ...]]:
    """A token's own features, its features as seen from each neighbour offset, state bits, the strings its
    word gives the features of tokens 3 before/after and of the bigrams it starts or ends, and its own
    features again as the tagger takes them; cached: references repeat words a lot.

    What goes to the tagger is UTF-8 bytes: python-crfsuite copies a bytes attribute as it is but encodes
    a str one first, into a bytes object made and freed for each attribute of each token (a third of the
    time its ``set`` took; the model's attributes are the same bytes either way)."""
    base = _token_features(tok)
    own = tuple(map(str.encode, base))
    slim = [encoded for f, encoded in zip(base, own) if f.startswith(_NEIGHBOUR_KEEP)]
    seen_from = tuple([tuple([prefix + f for f in slim]) for prefix in _SEEN_PREFIXES])
    bits = (
        ("year" in base) * 1
        | ("sentend" in base) * 2
        | ("qclose" in base) * 4
        | ("qopen" in base) * 8
        | (tok.startswith("(")) * 16
        | (tok.rstrip(".,;:").endswith(")")) * 32
        | (base[0] == "w=in" and tok[:1] in "Ii") * 64
    )
    w, word = own[0], own[0][2:]  # b"w=smith", b"smith"
    # "-3:w=..." seen from 3 tokens on, "3:w=..." from 3 tokens back, "bi=<this>|" and "bn=<this>|" heads
    words = (b"-3:" + w, b"3:" + w, b"bi=" + word + b"|", b"bn=" + word + b"|")
    return base, seen_from, bits, words, own


_NONE = {off: f"{off}:none".encode() for off in _OFFSETS}
_STYLE_CUES = (
    ("g:pp", rx.compile(r"\bpp?\.\s*\d", gated=True)),
    ("g:in", rx.compile(r"(?:^|[.,”\"]\s)[Ii]n:?\s", gated=True)),
    ("g:vol", rx.compile(r"\b[Vv]ol\.", gated=True)),
    (
        "g:eds",
        rx.compile(r"\((?:[Ee]ds?|[Hh]rsg|edd)\.?\)|\b[Ee]dited by\b|,\s*eds?\.", gated=True),
    ),
    # "12(3)", "12 (3-4)": a number starting a word ("\b\d+", written digit first so that the engine skips
    # to digits instead of trying every position)
    ("g:volissue", rx.compile(r"\d(?<!\w\d)\d*\s?\(\d+(?:[-–]\d+)?\)")),
    ("g:press", rx.compile(r"\b(?:Press|Publishers?|Verlag)\b", gated=True)),
)
_VANCOUVER = rx.compile(r"\b(?:1[5-9]|20)\d\d[a-z]?;\s*\d", gated=True)
_POS = tuple(f"pos={k}".encode() for k in range(10))
_IDX = (b"idx=0", b"idx=1", b"idx=2")
_SENT = tuple(f"sent={k}".encode() for k in range(5))
_SY = tuple(f"sy={k}".encode() for k in range(5))
_SS = tuple(f"ss={k}".encode() for k in range(4))
_PSS = tuple(f"pss={k}".encode() for k in range(4))


def _layout_cues(text: str, infos: list[Any]) -> list[str]:
    """Style-level cues shared by every token: the CRF conditions its label biases on the layout (where
    the first year stands, quoted titles, a parenthesised year, a number first, Vancouver's "2001;12")."""
    n = len(infos)
    first_year = next((i for i, info in enumerate(infos) if info[2] & 1), n)
    style = ["g:yp=" + str(min(4, first_year * 5 // n)) if first_year < n else "g:noyear"]
    if "“" in text or ('"' in text and rx.search(r'(?:^|\s)"\w', text)):
        style.append("g:quote")
    if rx.search(r"\((?:1[5-9]|20)\d\d[a-z]?[,)]", text):
        style.append("g:parenyear")
    if infos and infos[0][0][0][2:].isdigit():
        style.append("g:numbered")
    if _VANCOUVER.search(text):
        style.append("g:vancouver")
    for cue, pattern in _STYLE_CUES:
        if pattern.search(text):
            style.append(cue)
    return style


class _Reading:
    """What the tokens read so far have shown (a year, sentences, a quotation, "In", a parenthesis), as the
    features of the next token; ``advance`` takes a token's state bits (_token_info)."""

    __slots__ = (
        "paren",
        "seen_year",
        "seen_quote",
        "seen_in",
        "in_quote",
        "in_paren",
        "sentences",
        "since_year",
        "sent_after_year",
        "prev_bits",
    )

    def __init__(self, paren: bool) -> None:
        self.paren = paren  # the layout has a parenthesised year
        self.seen_year = self.seen_quote = self.seen_in = self.in_quote = self.in_paren = False
        self.sentences = 0
        self.since_year = 9
        self.sent_after_year = -1
        self.prev_bits = 0

    def features(self, fs: list[bytes]) -> None:
        if self.seen_year:
            fs.append(b"after_year")
        fs.append(_SENT[self.sentences if self.sentences < 4 else 4])
        fs.append(_SY[self.since_year if self.since_year < 4 else 4])
        if self.prev_bits & 2:
            fs.append(b"sentstart")
        if self.sent_after_year >= 0:
            # sentences since the date block: in author-date layouts title, container, publisher follow in turn
            ss = self.sent_after_year if self.sent_after_year < 3 else 3
            fs.append(_SS[ss])
            if self.paren:
                fs.append(_PSS[ss])
        if self.seen_quote:
            fs.append(b"after_quote")
        if self.seen_in:
            fs.append(b"after_in")
        if self.in_quote:
            fs.append(b"in_quote")
        if self.in_paren:
            fs.append(b"in_paren")

    def advance(self, bits: int) -> None:
        # bits: 1 year, 2 sentence end, 4 closing quote, 8 opening quote, 16 "(", 32 ")", 64 "In"
        self.since_year += 1
        if bits & 1:
            self.seen_year = True
            self.since_year = 0
            if self.sent_after_year < 0:
                self.sent_after_year = 0
        elif bits & 2 and self.sent_after_year >= 0:
            self.sent_after_year += 1
        if bits & 2:
            self.sentences += 1
        if bits & 4:
            self.seen_quote = True
            self.in_quote = False
        elif bits & 8:
            self.in_quote = True
        if bits & 64:
            self.seen_in = True
        if bits & 16:
            self.in_paren = True
        if bits & 32:
            self.in_paren = False
        self.prev_bits = bits


def features(text: str, spans: Sequence[tuple[int, int]]) -> list[list[bytes]]:
    """Feature lists for each token, as UTF-8 bytes (see _token_info): its own, the layout's (_layout_cues),
    its position, what the tokens before it showed (_Reading), and its neighbours': tokens i-2 .. i+2 under
    their offset's prefix (or "none" past the ends), the words 3 before and after, and the bigrams with the
    previous and next token."""
    infos = [_token_info(text[a:b]) for a, b in spans]
    n = len(infos)
    cues = _layout_cues(text, infos)
    style = [cue.encode() for cue in cues]
    reading = _Reading("g:parenyear" in cues)
    state, advance = reading.features, reading.advance  # (bound once: this runs for every token)
    # token j keeps its features as seen from the k-th offset of _OFFSETS (-2, -1, 1, 2) at index 3 - k
    seen = [info[1] for info in infos]
    words = [info[3] for info in infos]
    none_2, none_1, none1, none2 = (_NONE[-2],), (_NONE[-1],), (_NONE[1],), (_NONE[2],)
    out: list[list[bytes]] = []
    for i, info in enumerate(infos):
        own = info[4]
        fs = [*own, *style]
        fs.append(_POS[i * 10 // n])
        if i < 3:
            fs.append(_IDX[i])
        if i == n - 1:
            fs.append(b"last")
        state(fs)
        fs += seen[i - 2][3] if i >= 2 else none_2
        fs += seen[i - 1][2] if i >= 1 else none_1
        fs += seen[i + 1][1] if i + 1 < n else none1
        fs += seen[i + 2][0] if i + 2 < n else none2
        if i > 2:
            fs.append(words[i - 3][0])
        if i + 3 < n:
            fs.append(words[i + 3][1])
        if i > 0:
            fs.append(words[i - 1][2] + own[0][2:])
        if i + 1 < n:
            fs.append(words[i][3] + infos[i + 1][4][0][2:])
        out.append(fs)
        advance(info[2])
    return out


def align(text: str, segments: Iterable[Segment], spans: Sequence[tuple[int, int]]) -> list[str]:
    """Gold labels per token: each token takes the label of the segment covering most of its letters/digits."""
    owner: list[str | None] = [None] * len(text)
    cursor = 0
    for label, seg in segments:
        for word in seg.split():
            idx = text.find(word, cursor)
            if idx < 0 or idx - cursor > 80:
                core = _core(word)
                if not core:
                    continue
                idx = text.find(core, cursor)
                if idx < 0 or idx - cursor > 80:
                    continue
                word = core
            owner[idx : idx + len(word)] = [label] * len(word)
            cursor = idx + len(word)
    labels = []
    for a, b in spans:
        own = owner[a:b]
        if own and own.count(own[0]) == len(own):
            # (most tokens: every character has one owner, or none; the counts below then name it)
            labels.append("other" if own[0] is None else own[0])
            continue
        counts: dict[str, int] = {}
        for k in range(a, b):
            who = owner[k]
            if who is not None and text[k].isalnum():
                counts[who] = counts.get(who, 0) + 1
        if not counts:
            for k in range(a, b):
                who = owner[k]
                if who is not None:
                    counts[who] = counts.get(who, 0) + 1
        labels.append(max(counts, key=counts.__getitem__) if counts else "other")
    return labels


_DATE_WORD = rx.compile(r"^[(\[]?(?:\d{1,4}(?:st|nd|rd|th)?|[A-Za-zé]{3,9}\.?|-|–)[)\]]?[.,:;]*$")


def _date_groups(text: str, spans: Sequence[tuple[int, int]], labels: list[str]) -> None:
    """A bracket opened by a date token ("(2015, Aug 6).") is date to its close, when it holds only date words."""
    for i, (a, b) in enumerate(spans):
        if labels[i] != "date" or not text[a:b].startswith(("(", "[")):
            continue
        j = i
        while j < len(spans) and not text[spans[j][0] : spans[j][1]].rstrip(".,:;").endswith((")", "]")):
            j += 1
        if j >= len(spans) or j - i > 5:
            continue
        words = [text[x:y] for x, y in spans[i + 1 : j + 1]]
        if all(_DATE_WORD.match(w) for w in words) and (
            not words or rx.search(r"\d", words[-1]) or words[-1].lower().strip(".,;:)]") in _MONTHS
        ):
            labels[i : j + 1] = ["date"] * (j + 1 - i)


# Words the gold leaves unlabelled ("In:", "Available from", "[Internet]"): no field's own words
_CONNECTIVES = frozenset(
    "in in: available from from: retrieved accessed online internet [internet] and & et al.".split()
)


def _unlabelled_container(text: str, spans: Sequence[tuple[int, int]], labels: list[str]) -> None:
    """Vancouver's "Title. Barron's. 1966." / "Title. In: NIPS. 2012.": a journal with no volume, between the
    title and the date, left unlabelled by the labeller (and so dropped) when the reference has no container:
    capitalised words there are the journal (after "In:", the proceedings). So are such words between the date
    and the volume in a reference with no title ("Clark (1973) Steroids, 22, p. 707."), and at the end after a
    quoted title ("“Imagenet classification ...,” NIPS.")."""
    if "journal" in labels or "container-title" in labels:
        return
    titled = "title" in labels
    for i in range(1, len(labels)):
        # (after the title; or after the date in a reference with none, Harvard's "Clark (1973) Steroids, 22")
        if labels[i] != "other" or labels[i - 1] != ("title" if titled else "date"):
            continue
        j = i
        while j < len(labels) and labels[j] == "other":
            j += 1
        # (or at the end after a quoted title: Harvard's "“Imagenet classification ...,” NIPS.")
        last = j == len(labels) and titled and text[spans[i - 1][0] : spans[i - 1][1]].rstrip(".,")[-1:] in '”"'
        if not last and (j >= len(labels) or labels[j] not in ("date", "volume")):
            return
        words = [text[a:b] for a, b in spans[i:j]]
        lead = 1 if words[0].lower().rstrip(":") == "in" else 0
        content = words[lead:]
        if content and all(
            w.lower() not in _CONNECTIVES
            and w[:1].isupper()
            and w.lower().rstrip(".,;:") not in _ABBREV
            and w.lower().rstrip(".,;:") not in _FIGURE_WORDS
            for w in content
        ):
            labels[i + lead : j] = ["container-title" if lead else "journal"] * len(content)
        return


# The labels of a journal's figures, which name no journal ("..., 2012, Volume 6, Number 3")
_FIGURE_WORDS = frozenset("vol volume no number issue page pages pp p part suppl supplement".split())
# A page range in one token ("1327-1340.", "pp.583–599,"), and a number or a dash alone
_RANGE_TOKEN = rx.compile(r"[(\[]?(?:pp?\.?)?\d+[-–]+\d+[)\].,;:]*")
_NUMBER_TOKEN = rx.compile(r"\d+[.,;:]?")
_DASH_TOKEN = rx.compile(r"[-–—]+")


def _unlabelled_pages(text: str, spans: Sequence[tuple[int, int]], labels: list[str]) -> None:
    """A page range the labeller left unlabelled (and so dropped): "Compos. Sci. Technol., 62(10-11),
    1327-1340. DOI: ..." (the range after the volume or issue, in a reference with no pages), and "113 : 583 -
    599" (a range written with spaces, only its last number taken for the pages): the range is the pages."""
    n = len(labels)
    if "pages" not in labels:
        for i in range(1, n):
            if labels[i] == "other" and labels[i - 1] in ("volume", "issue"):
                if _RANGE_TOKEN.fullmatch(text[spans[i][0] : spans[i][1]]):
                    labels[i] = "pages"
                return
        return
    for i in range(2, n):
        if labels[i] == "pages" and labels[i - 1] == "other" and labels[i - 2] == "other":
            first, dash = text[spans[i - 2][0] : spans[i - 2][1]], text[spans[i - 1][0] : spans[i - 1][1]]
            if _DASH_TOKEN.fullmatch(dash) and _NUMBER_TOKEN.fullmatch(first):
                labels[i - 2 : i] = ["pages", "pages"]
            return


def to_segments(text: str, spans: Sequence[tuple[int, int]], labels: Sequence[str]) -> list[Segment]:
    """Runs of equally labelled tokens back into (label, text) segments, cut from the original string.

    A short unlabelled run between two runs of one label joins them ("41, no. 3" stays one volume),
    as the cue words the gold leaves unlabelled sit inside fields; one between a date and a title opens the title.
    """
    labels = list(labels)
    _date_groups(text, spans, labels)
    _unlabelled_container(text, spans, labels)
    _unlabelled_pages(text, spans, labels)
    i = 0
    while i < len(labels):
        if labels[i] == "other" and i > 0:
            j = i
            while j < len(labels) and labels[j] == "other":
                j += 1
            if j < len(labels) and j - i <= 2 and labels[j] == labels[i - 1]:
                labels[i:j] = [labels[i - 1]] * (j - i)
            elif j < len(labels) and j - i <= 2 and labels[j] == "title" and labels[i - 1] == "date":
                labels[i:j] = ["title"] * (j - i)  # the title starts right after the date block
            i = j
        else:
            i += 1
    segs: list[Segment] = []
    start = 0
    for i in range(1, len(labels) + 1):
        if i == len(labels) or labels[i] != labels[start]:
            if labels[start] != "other":
                segs.append((labels[start], text[spans[start][0] : spans[i - 1][1]]))
            start = i
    return segs


class Tagger(ThreadTagger):
    """A loaded CRF model (a tagger per thread); ``tag`` labels one reference string."""

    def __init__(self, path: Path | str = MODEL_PATH) -> None:
        super().__init__(path)

    def tag(self, text: str) -> tuple[list[tuple[int, int]], list[str], float]:
        """Token spans, their labels, and the probability of the whole labelling."""
        spans = tokenize(text)
        if not spans:
            return [], [], 0.0
        crf = self._crf()
        labels = crf.tag(features(text, spans))
        return spans, list(labels), crf.probability(labels)

    def marginals(self, labels: Sequence[str]) -> list[float]:
        """Marginal probability of each token's label in the last sequence this thread tagged."""
        marginal = self._crf().marginal
        return [marginal(lab, i) for i, lab in enumerate(labels)]


@lru_cache(maxsize=1)
def default_tagger() -> Tagger | None:
    """The shipped model, loaded once; None when the model file is missing."""
    if not MODEL_PATH.exists():
        return None
    return Tagger(MODEL_PATH)
