"""How sure the parser is of a reference: evidence that predicts a wrong field, combined by a small logistic
model fitted out of fold, and the one line between a parse and a guess.

The evidence is what the CRF says of its own labelling (the whole labelling's probability, the least sure
token, the least sure title, author and container tokens) and checks of the result that a wrong parse
fails (no year, a title with no container for an article, a field boundary inside a quoted title,
brackets left open, a field in two places, a family name that is a common word ...). The weights and the
threshold live in data/confidence.json, written by ``benchmarks/refparse_calibration.py --write``: fitted
on references that the CRF parsing them never saw (k-fold over the bench's hand strings and round trip),
the threshold chosen so that at least 80% of the wrong parses fall below it.

Round 4 (issue 17, precision): the marginals also on a log scale (a least sure token at 0.999 and one at
0.99 differ tenfold in doubt, which a linear weight on the marginal cannot see), a field cut at an
abbreviation's full stop, and the doubt and the rules' disagreement by kind of work (interactions the
logistic model cannot form itself). Held out: hand strings recall 0.851 -> 0.830, precision 0.470 ->
0.496; round trip 0.814 -> 0.801, 0.495 -> 0.540. Tried and left out (no held-out gain): the CRF's
probability of the rules' labelling against its own, where and whether the date is in parentheses, the
L2 penalty at 0.3 to 10.

Round 5 (issue 17, precision): the authors are the field whose errors the evidence missed most (a third of
the wrong author lists went unflagged); three checks of the names read: initials taken for a family name,
a name left without a given name among names that have one, given names written both as initials and with
a word. Held out (after the MLA repair rules): hand strings recall 0.833 -> 0.848, precision 0.480 ->
0.504; round trip 0.798 -> 0.800, 0.495 -> 0.511 (precision at recall 0.80: hand 0.525 -> 0.549, round
trip 0.480 -> 0.507). Tried and left out (no held-out
gain): a role phrase inside a title or container, disagreement with the rules only where both name a field,
a book with a container or an article with neither volume nor pages, agreement with machine-formatted APA
and MLA shapes, the string's style signature (APA, Vancouver, initials first, full names) with the doubt
and disagreement by signature, a threshold chosen on both kinds pooled; an issue written after the volume
and not read (fires on 14 parses, 13 wrong; precision at recall 0.80 +0.004, but the line's held-out recall
on the round trip fell to 0.794); the line chosen on cross-fitted confidences (the fitting folds' parses
scored by models fitted without their fold): unbiased (aimed at 0.82, held out 0.827) but no better a
trade, precision 0.49 at that recall.

Round 6: the book repair rules (publisher-ampersand, title-in-publisher, edition-publisher) made one more
round-trip parse right, and with it the line aimed at recall 0.82 held out 0.796 on the round trip; aimed
at 0.825 (refparse_calibration.py's default now), held out: hand strings recall 0.852, precision 0.500
(644 of 1,288); round trip 0.804, 0.507. Both targets hold, at the edge: a better parser leaves fewer and
harder wrong parses (a CRF trained with c1 0.02 and 500 iterations, +0.2 F1 held out, fell to 0.499 and
0.786 and was not shipped).

Round 7: a journal or book title that holds a sentence's end after a whole word ("Reflections on
Bioregionalism. Environmental Ethics": the article's last words read as the journal's first) is the round
trip's commonest unflagged error. With it, and the line aimed at recall 0.83, held out
after the semicolon-publisher and Nature-chapter repairs: hand strings recall 0.864, precision 0.502;
round trip 0.816, 0.502 (without the check, those repairs left the round trip at 0.801 and 0.498). Tried
and left out: the layout's family (a parenthesised year, "2001;12", the year last: hand precision 0.519
but round-trip recall 0.799), a container opening with a lower-case word (no held-out change). Then
year-in-volume gave Vancouver's "2011;12(5)" its year back (eight dev parses, AMA and Vancouver +0.3 F1
held out), parses the line had flagged: round trip precision 0.501 -> 0.495 (hand 0.501, recall 0.864 and
0.814). The evidence now says whether the repair rules changed the labeller's fields (``repaired``): a
repaired parse is right more often than its doubts say. With it, and the line aimed at recall 0.825 again
(the default), held out: hand strings recall 0.860, precision 0.507; round trip 0.807, 0.500 (587 of
1,174). Tried and left out: a year glued to its volume in the string, a date or a journal the rules found
where the labeller gave none (round trip 0.495 and 0.490).

Round 8: the repair initial-names-end (Nature's "Kass, M., Witkin, A. & Terzopoulus, D. Snakes: ...", the
title's first word read as a given name) made round-trip parses right that the line had flagged: round trip
precision 0.500 -> 0.489. Among the flagged parses that are right, journal articles cited without a title
("Riess, A. G. Astron. J 116, 1009 (1998).", the physics form) stand out: "no_title" counts them as parses
that lost their title. With ``journal_only`` (no title; a journal, volume and page) and the line aimed at
0.825, held out: hand strings recall 0.867, precision 0.511; round trip 0.814, 0.509; after this round's
other repairs (year-ends-container, book-after-title, publisher-last-sentence, pages read as a volume, an
unlabelled journal kept), refit: 0.862, 0.510; 0.811, 0.502. Then Vancouver's "Litwin V" read with the
given name "V" (no longer a suffix, the fifth) leaves given_missing silent on such names: hand strings recall
0.827, precision 0.502; round trip 0.808, 0.506. Tried and left out: a
title missing beside a journal alone (0.810 and 0.493); ensembles and boosted trees of the same evidence (a
second CRF's disagreement, gradient-boosted trees: precision at recall 0.80 within 0.01 of the logistic
model's; the evidence, not the model, is the limit); a complete article or book (every field its kind has:
round trip 0.478 and 0.500), a place without a publisher, an issue without a volume, a web page without an
author (no gain).

Round 9: tried and left out, ``lost_words``: the words of the entry that no field of the parse holds (its
labels, "pp.", "vol.", "Retrieved from", and month names aside), which a parse that cut a word out of a field
loses ("Quinn, Pat. Winter Harbours. Norton, 1999." had lost "Winter"; the repair stray-date-word now keeps
it). Held out, of the parses that lose a word 54% (hand) and 73% (round trip) are wrong, but few parses lose
one: refit, hand strings recall 0.827 -> 0.831, precision 0.502 -> 0.504, round trip unchanged (0.808,
0.506), for ~10 µs a reference (+2% of an essay's warm read, whose budget is 1.3x the reader's of 669b403).

Round 10: repairs that keep words the parse had dropped (join-pieces, open-title-end after a colon or a
possessive, title-tail-in-journal with no title labelled, role-phrases) made flagged round-trip parses right
(16 by the first three); the line aimed at 0.825 then rises past right ones near it (43 by the first three:
their confidences hardly moved, 0.837 -> 0.836, the line 0.835 -> 0.851). Refit after them and the decade and
year-in-title repairs, held out: hand strings recall 0.827 -> 0.843, precision 0.500 -> 0.475; round trip
0.807 -> 0.802, 0.505 -> 0.447: under the half.
Tried and left out: the rules' second opinion reading Vancouver and AMA layouts (names ended at their
initials, "Journal. 2011;12(5):63-70"): it agrees with the labeller where both cut a title at the same
sentence, and precision fell to 0.460 on both sets (before role-phrases); the segment rules that keep words
counted as "repaired" (no change: 0.481, 0.458); the CRF's doubt left out on the tokens whose field the rules
changed (the doubt the repair resolved; no change: 0.471, 0.448).

Round 11, tried and left out: analysis by synthesis, the parsed item rendered again by the project's engine
in each of the nine bench styles and compared with the string (case and spaces aside). On the held-out
round trip it separates well: of the right parses 85% render back to their string, of the wrong ones 26%
(the wrong ones that do are cut at a sentence the style prints the same either way, or differ from the gold
only where the style drops the gold's full stops); hand-typed strings hardly ever render back (64 of 3,395).
As one more piece of evidence, refit: round trip recall 0.806, precision 0.447 -> 0.534, but hand strings
0.887, 0.475 -> 0.396 (the model reads "renders back to no style" as doubt, and hand strings never do); as a
veto of the flag, round-trip recall cannot reach 0.80. And it costs 5-10 ms a reference (nine renderings),
ten times the parse itself: the essay's warm read and the 1,000 references a second would both be lost.

Round 12: the repairs for citation generators' forms and the long tail (the wrong share held out 19.8% ->
19.3% of hand strings, 14.7% -> 13.7% of the round trip) left fewer and harder wrong parses: refit with the
line aimed at 0.825, the round trip's held-out recall fell to 0.796 (at 0.83, 0.794 after the last repairs), so
the aim is 0.84 now (held out: hand strings recall 0.891, precision 0.353; round trip 0.816, 0.276). Tried and
left out: the fields' words against
the words each field holds in the training folds (a word's likelihood under its field read against the other
fields'): precision at recall 0.80 on hand strings 0.439 -> 0.483, round trip 0.279 -> 0.275, for a lexicon
shipped beside the model and one per fold in cross-validation. Of the round trip's wrong parses that the
confidence trusts, many differ from the item only where the rendering does not show it (an issue the style
leaves out, the full stops AMA and Vancouver drop from a journal's name, a superscript citeproc-js prints as a
digit): 86 of 529 wrong parses before this round, which no parser can tell from right ones.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from itertools import groupby
from operator import itemgetter, mul
from pathlib import Path
from typing import Any

from . import _re as rx

COEF_PATH = Path(__file__).with_name("data") / "confidence.json"

# The evidence, in the order of the shipped weights.
FEATURES = (
    "logp",  # log of the whole labelling's probability (floored at -12)
    "min_marginal",  # the least sure token's label marginal
    "mean_doubt",  # mean over tokens of 1 - marginal
    "doubtful",  # log(1 + tokens whose label marginal is below 0.9)
    "very_doubtful",  # log(1 + tokens whose label marginal is below 0.6)
    "tokens",  # log of the number of tokens
    "min_author",
    "min_title",
    "min_container",
    "min_date",  # least sure token of that field (1 if none)
    "min_rest",  # least sure token of any other field (volume, pages, publisher, place ...)
    "authors",  # log(1 + names read as authors)
    "title_words",  # log(1 + words of the title)
    "numbered",  # the entry opens with its number ("12.", "[3]")
    "is_article",
    "is_book",
    "is_chapter",
    "is_web",  # the kind of work read (others: none of these)
    "other_share",  # share of tokens labelled as no field
    "split_field",  # fields written in two separate places ("title ... title")
    "no_year",
    "no_title",
    "no_author",
    "article_no_container",  # a journal article whose journal was not found
    "book_no_publisher",
    "open_bracket",  # a "(" or "[" without its close, or the reverse
    "quote_cut",  # a field boundary inside a quoted title
    "common_family",  # a family name that is a lower-case or common word ("Structure", "and")
    "volume_unread",  # a number straight after the journal's name not read as its volume
    "publisher_journal",  # a "journal" whose name is a publisher's ("... Press")
    "many_dates",  # more than one date run
    # a second opinion: the layout rules' reading of the same string (references/rules.py), token by token
    "rules_differ",  # share of tokens the rules give another field
    "rules_author",
    "rules_title",
    "rules_container",
    "rules_date",  # the rules cut this field elsewhere
    # how the doubt is spread: at the fields' edges, in all
    "edge_doubt",  # the least sure token at a field's edge: 1 - its marginal
    "sum_doubt",  # log(1 + the tokens' summed doubt)
    # the same doubts on a log scale: a least sure token at 0.999 and one at 0.99 differ tenfold in doubt,
    # which the linear marginals above cannot tell apart
    "log_doubt",
    "log_author",
    "log_title",
    "log_container",
    "log_date",
    "log_rest",
    "log_edge",
    "abbrev_cut",  # a field boundary after an abbreviation's full stop ("Proc. | Natl. Acad.", "J. | Exp.")
    # the doubt by kind of work (what a doubt means differs between an article's and a book's fields)
    "doubt_article",
    "doubt_book",
    "doubt_chapter",
    "differ_article",
    "differ_book",
    "differ_chapter",
    "title_article",
    "title_book",
    "container_article",
    "container_chapter",
    "initials_family",  # a name whose family name is initials ("Cebrián, M." read as "Cebrián" and "M.")
    "given_missing",  # a name with no given name among names that have one ("Page SR, Lloyd CA" -> "Page")
    "given_mixed",  # given names of initials beside one with a word ("Wang HG, Li Y" -> given "Li Y")
    # a journal or book title holding a sentence's end after a whole word: the title's last sentence read as
    # part of it ("Reflections on Bioregionalism. Environmental Ethics"; "Proc. Natl. Acad." are abbreviations)
    "container_sentences",
    "repaired",  # the layout's repair rules (references/fields.py) changed the labeller's fields
    # a journal article cited without its title, journal, volume and page ("Riess, A. G. Astron. J 116, 1009
    # (1998)."): the physics and chemistry form, which "no_title" alone counts as a parse that lost its title
    "journal_only",
)

# Words that are no family name: a parse that gives one as a family name cut the names wrongly.
_COMMON = frozenset(
    [
        "the",
        "and",
        "of",
        "in",
        "on",
        "for",
        "to",
        "a",
        "an",
        "with",
        "from",
        "by",
        "at",
        "as",
        "is",
        "are",
        "structure",
        "structures",
        "introduction",
        "analysis",
        "study",
        "review",
        "journal",
        "press",
        "university",
        "department",
        "report",
        "manual",
        "guide",
        "laboratory",
        "principles",
        "biology",
        "chemistry",
        "physics",
        "cell",
        "cells",
        "health",
        "research",
        "science",
        "sciences",
        "new",
        "general",
        "edition",
        "volume",
        "chapter",
        "part",
        "book",
        "online",
        "available",
        "retrieved",
        "accessed",
    ]
)
# Words that name a publisher, not a journal (check.py asks the same of a "journal article").
PUBLISHER_END = rx.compile(r"\b(?:press|house|books|publish\w*|publications|UP|verlag|editions)\b\.?$", rx.I)
_QUOTE_OPEN = frozenset('“"«„')
_QUOTE_CLOSE = frozenset('”"»')


def volume_unread(csl: Mapping[str, Any], raw: str) -> bool:
    """A journal article whose entry has a number straight after the journal's name that the parse did not
    take as the volume ("Journal of Experimental Biology61, no. 2", "Molecular Cell Biology,14, 787")."""
    if csl.get("type") != "article-journal" or csl.get("volume"):
        return False
    container = str(csl.get("container-title") or "")
    at = raw.find(container) if container else -1
    if at < 0:
        return False
    m = rx.match(r"\W{0,3}(\d{1,4})\b(?!\s*[-–])", raw[at + len(container) :])  # (not a page range)
    return bool(m) and not rx.fullmatch(r"(?:1[89]|20)\d\d", m.group(1))


def publisher_journal(csl: Mapping[str, Any]) -> bool:
    """A journal article whose journal is named like a publisher ("Paragon House"): a book misread."""
    container = str(csl.get("container-title") or "")
    return csl.get("type") == "article-journal" and bool(PUBLISHER_END.search(container.strip()))


def _runs(labels: Sequence[str]) -> list[str]:
    return [lab for lab, _ in groupby(labels)]


def _brackets_open(text: str) -> bool:
    return text.count("(") != text.count(")") or text.count("[") != text.count("]")


def _quote_cut(text: str, spans: Sequence[tuple[int, int]], labels: Sequence[str]) -> bool:
    """Whether a quoted stretch (an opening mark to its close) holds tokens of more than one field."""
    if _QUOTE_OPEN.isdisjoint(text):
        return False  # (most references: no token can open a quotation)
    start = None
    for i, (a, b) in enumerate(spans):
        tok = text[a:b]
        if start is None and tok[0] in _QUOTE_OPEN:
            start = i
        if start is not None and tok.rstrip(".,;:")[-1:] in _QUOTE_CLOSE and (i > start or len(tok) > 1):
            if len({lab for lab in labels[start : i + 1] if lab != "other"}) > 1:
                return True
            start = None
    return False


def _common_family(csl: Mapping[str, Any]) -> bool:
    for name in csl.get("author") or ():
        family = str(name.get("family") or "") if isinstance(name, dict) else ""
        if family and (
            family[0].islower()
            and "given" in name
            and not name.get("non-dropping-particle")
            or family.lower().strip(".,") in _COMMON
        ):
            return True
    return False


_FIELD = {"journal": "container", "container-title": "container"}
_OWN_LEAST = frozenset(("author", "title", "container", "date", "other"))  # fields with a least-sure value of their own


def _disagree(fields: Sequence[str], second: Sequence[str]) -> dict[str, float]:
    """Per field, 1.0 when the two readings give that field different tokens; and the share of tokens they
    label differently (under "any")."""
    out = dict.fromkeys(("author", "title", "container", "date"), 0.0)
    differ = 0
    for a, b in zip(fields, second):
        if a != b:
            differ += 1
            out[a] = out[b] = 1.0
    out["any"] = differ / max(len(fields), 1)
    return out


def _edge_doubt(labels: Sequence[str], marginals: Sequence[float]) -> float:
    """1 - the marginal of the least sure token on either side of a change of label (0.0 if none)."""
    edges = set()
    for i in _cuts(labels):
        edges.add(i - 1)
        edges.add(i)
    return max((1.0 - marginals[i] for i in edges), default=0.0)


def _cuts(labels: Sequence[str]) -> list[int]:
    """The indices of the tokens whose label differs from the one before."""
    return [i for i, (a, b) in enumerate(zip(labels, labels[1:]), 1) if a != b]


_DOUBT_FLOOR = 1e-4
_LOG_DOUBTS = (
    ("log_doubt", "min_marginal"),
    ("log_author", "min_author"),
    ("log_title", "min_title"),
    ("log_container", "min_container"),
    ("log_date", "min_date"),
    ("log_rest", "min_rest"),
)


def _log_doubt(marginal: float) -> float:
    return math.log(1.0 - marginal + _DOUBT_FLOOR)


# A token that is an abbreviation ending in a full stop: a capitalised stem of up to four letters or a
# lower-case word abbreviated ("J.", "Proc.", "Natl.", "vol.", "eds.").
_ABBREV = rx.compile(r"(?:[A-Z][a-z]{0,3}|[a-z]{1,4})\.")
_AFTER_NAMES = frozenset(("author", "editor", "translator", "other"))


def _abbrev_cut(text: str, spans: Sequence[tuple[int, int]], labels: Sequence[str]) -> bool:
    """Whether a field other than the names ends at an abbreviation's full stop and another begins: the
    title or journal cut inside an abbreviated name, or an abbreviated journal's name before its volume
    (held out, it helps as such too: limiting it to a field of words after the stop lost 0.016 precision on
    both sets). The names end at an initial's full stop, rightly: not counted."""
    for i in _cuts(labels):
        if labels[i - 1] not in _AFTER_NAMES and labels[i] != "other":
            a, b = spans[i - 1]
            if _ABBREV.fullmatch(text[a:b]):
                return True
    return False


def evidence(
    text: str,
    spans: Sequence[tuple[int, int]],
    labels: Sequence[str],
    marginals: Sequence[float],
    prob: float,
    csl: dict[str, Any],
    rule_labels: Sequence[str],
    repaired: bool = False,
) -> tuple[float, ...]:
    """The evidence for one parse, in the order of FEATURES (``rule_labels``: the rules' label per token;
    ``repaired``: a repair rule changed the labeller's fields)."""
    n = max(len(labels), 1)
    fields = [_FIELD.get(lab, lab) for lab in labels]
    differ = _disagree(fields, [_FIELD.get(lab, lab) for lab in rule_labels])
    least: dict[str, float] = {}
    for key, m in zip(fields, marginals):
        key = key if key in _OWN_LEAST else "rest"
        if m < least.get(key, 1.0):
            least[key] = m
    doubts = [1.0 - m for m in marginals]
    doubt = sum(doubts)
    runs = _runs(labels)
    kind = csl.get("type")
    values = {
        "logp": max(math.log(prob), -12.0) if prob > 0 else -12.0,
        "min_marginal": min(marginals, default=1.0),
        "mean_doubt": doubt / n,
        "doubtful": math.log1p(len([m for m in marginals if m < 0.9])),
        "very_doubtful": math.log1p(len([m for m in marginals if m < 0.6])),
        "tokens": math.log(n),
        "min_author": least.get("author", 1.0),
        "min_title": least.get("title", 1.0),
        "min_container": least.get("container", 1.0),
        "min_date": least.get("date", 1.0),
        "min_rest": least.get("rest", 1.0),
        "authors": math.log1p(len(csl.get("author") or ())),
        "title_words": math.log1p(len(str(csl.get("title") or "").split())),
        "numbered": float(bool(rx.match(r"\[?\d{1,3}[.\])]", text))),
        "is_article": float(str(kind).startswith("article")),
        "is_book": float(kind == "book"),
        "is_chapter": float(kind in ("chapter", "paper-conference")),
        "is_web": float(kind in ("webpage", "post", "post-weblog")),
        "other_share": labels.count("other") / n,
        "split_field": float(sum(1 for lab in set(runs) if lab not in ("other", "date") and runs.count(lab) > 1)),
        "no_year": float("issued" not in csl),
        "no_title": float("title" not in csl),
        "no_author": float("author" not in csl and "editor" not in csl),
        "article_no_container": float(kind == "article-journal" and "container-title" not in csl),
        "book_no_publisher": float(kind == "book" and "publisher" not in csl),
        "open_bracket": float(_brackets_open(text)),
        "quote_cut": float(_quote_cut(text, spans, labels)),
        "common_family": float(_common_family(csl)),
        "volume_unread": float(volume_unread(csl, text)),
        "publisher_journal": float(publisher_journal(csl)),
        "many_dates": float(runs.count("date") > 1),
        "rules_differ": differ["any"],
        "rules_author": differ["author"],
        "rules_title": differ["title"],
        "rules_container": differ["container"],
        "rules_date": differ["date"],
        "edge_doubt": _edge_doubt(labels, marginals),
        "sum_doubt": math.log1p(doubt),
    }
    for name, key in _LOG_DOUBTS:
        values[name] = _log_doubt(values[key])
    values["log_edge"] = math.log(values["edge_doubt"] + _DOUBT_FLOOR)
    values["abbrev_cut"] = float(_abbrev_cut(text, spans, labels))
    for kind_name in ("article", "book", "chapter"):
        values["doubt_" + kind_name] = values["log_doubt"] * values["is_" + kind_name]
        values["differ_" + kind_name] = values["rules_differ"] * values["is_" + kind_name]
    values["title_article"] = values["log_title"] * values["is_article"]
    values["title_book"] = values["log_title"] * values["is_book"]
    values["container_article"] = values["log_container"] * values["is_article"]
    values["container_chapter"] = values["log_container"] * values["is_chapter"]
    initials, given_missing = _odd_names(csl)
    values["initials_family"] = float(initials)
    values["given_missing"] = float(given_missing)
    values["given_mixed"] = float(_given_mixed(csl))
    values["container_sentences"] = float(bool(_WORD_SENTENCE_END.search(str(csl.get("container-title") or ""))))
    values["repaired"] = float(repaired)
    values["journal_only"] = float(
        "title" not in csl and all(csl.get(k) for k in ("container-title", "volume", "page"))
    )
    return _IN_ORDER(values)  # type: ignore[no-any-return]


_INITIALS = rx.compile(r"(?:[A-Z]\.?\s?-?){1,3}")
_WORD_SENTENCE_END = rx.compile(r"[a-z]{4,}\.\s+[A-Z]")


def _odd_names(csl: Mapping[str, Any]) -> tuple[bool, bool]:
    """Names read wrongly in the ways a run of names gets cut: initials taken for a family name ("Cebrián,
    M." -> "Cebrián" and "M."); a name left without its given name among names that have one ("Page SR,
    Lloyd CA" -> "Page"). (An initial read as a one-letter suffix, "Wenzel V", counts as a given name.)"""
    names = [n for n in (csl.get("author") or ()) if isinstance(n, dict) and "literal" not in n]
    initials = any(_INITIALS.fullmatch(str(n.get("family") or "")) for n in names)
    given = [bool(n.get("given")) or len(str(n.get("suffix") or "").strip(".")) == 1 for n in names]
    return initials, any(given) and not all(given)


_GIVEN_WORD = rx.compile(r"[A-Z][a-zà-ÿ]+")


def _given_mixed(csl: Mapping[str, Any]) -> bool:
    """The names' and editors' given names written both as initials only and with a word: one list of names
    writes them all one way, so a name took a word of its neighbour's ("Wang HG, Li Y" -> "Wang", "Li Y")."""
    given = [
        str(n.get("given") or "").strip()
        for n in list(csl.get("author") or ()) + list(csl.get("editor") or ())
        if isinstance(n, dict) and n.get("given")
    ]
    initials = [bool(_INITIALS.fullmatch(g)) for g in given]
    return any(initials) and any(not i and _GIVEN_WORD.search(g) for i, g in zip(initials, given))


_IN_ORDER = itemgetter(*FEATURES)  # a dict of the evidence by name -> the tuple in FEATURES order


@lru_cache(maxsize=1)
def _shipped() -> tuple[tuple[float, ...], float, float]:
    """The shipped weights (in FEATURES order), bias and threshold; no file: a model that trusts every parse."""
    if not COEF_PATH.exists():
        return (0.0,) * len(FEATURES), -9.0, 0.0
    data = json.loads(COEF_PATH.read_text(encoding="utf-8"))
    if tuple(data["features"]) != FEATURES:
        raise ValueError(f"{COEF_PATH.name} was fitted on other evidence: refit it")
    return tuple(data["weights"]), float(data["bias"]), float(data["unsure_below"])


def _sigmoid(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-z)) if z >= 0 else math.exp(z) / (1.0 + math.exp(z))


def estimate(values: Sequence[float], weights: Sequence[float] | None = None, bias: float | None = None) -> float:
    """The probability that every field of the parse is right (the shipped weights unless given)."""
    if weights is None or bias is None:
        weights, bias, _ = _shipped()
    return 1.0 - _sigmoid(bias + sum(map(mul, weights, values)))


def unsure_below() -> float:
    """The confidence under which a parse is flagged as unsure."""
    return _shipped()[2]


def is_unsure(confidence: float) -> bool:
    """The one decision every place that shows the flag uses (conversion warning, inspect, check)."""
    return confidence < unsure_below()


def fit(
    rows: Iterable[tuple[Sequence[float], bool]], l2: float = 1.0, steps: int = 25
) -> tuple[tuple[float, ...], float]:
    """Logistic regression of "the parse is wrong" on the evidence (Newton's method, an L2 penalty on
    standardised evidence); deterministic. Returns weights on the raw evidence and the bias."""
    data = [(list(x), 1.0 if y else 0.0) for x, y in rows]
    d = len(FEATURES)
    mean = [sum(x[j] for x, _ in data) / len(data) for j in range(d)]
    scale = [math.sqrt(sum((x[j] - mean[j]) ** 2 for x, _ in data) / len(data)) or 1.0 for j in range(d)]
    xs = [[1.0] + [(x[j] - mean[j]) / scale[j] for j in range(d)] for x, _ in data]
    ys = [y for _, y in data]
    w = [0.0] * (d + 1)
    for _ in range(steps):
        grad = [0.0] * (d + 1)
        hess = [[0.0] * (d + 1) for _ in range(d + 1)]
        for x, y in zip(xs, ys):
            p = _sigmoid(sum(a * b for a, b in zip(w, x)))
            r, s = p - y, p * (1 - p)
            for i in range(d + 1):
                grad[i] += r * x[i]
                si = s * x[i]
                row = hess[i]
                for j in range(i, d + 1):
                    row[j] += si * x[j]
        for i in range(d + 1):
            for j in range(i):
                hess[i][j] = hess[j][i]
            if i:
                grad[i] += l2 * w[i]
                hess[i][i] += l2
        step = _solve(hess, grad)
        w = [a - b for a, b in zip(w, step)]
        if max(abs(s) for s in step) < 1e-9:
            break
    weights = tuple(w[j + 1] / scale[j] for j in range(d))
    bias = w[0] - sum(w[j + 1] * mean[j] / scale[j] for j in range(d))
    return weights, bias


def _solve(a: list[list[float]], b: list[float]) -> list[float]:
    """a x = b by Gaussian elimination with partial pivoting (a small, positive definite system)."""
    n = len(b)
    m = [row[:] + [b[i]] for i, row in enumerate(a)]
    for c in range(n):
        p = max(range(c, n), key=lambda r: abs(m[r][c]))
        m[c], m[p] = m[p], m[c]
        for r in range(c + 1, n):
            f = m[r][c] / m[c][c]
            for k in range(c, n + 1):
                m[r][k] -= f * m[c][k]
    x = [0.0] * n
    for r in range(n - 1, -1, -1):
        x[r] = (m[r][n] - sum(m[r][k] * x[k] for k in range(r + 1, n))) / m[r][r]
    return x
