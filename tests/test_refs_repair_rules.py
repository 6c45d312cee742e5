"""The reference parser's rule tables (references/fields.py): each repair of the labeller's segments by its
name, on invented references, and the order the tables run in."""

from __future__ import annotations

import pytest

from essayconv.references import fields
from essayconv.references.fields import to_csl

REPAIR = dict(fields._REPAIR_RULES)

# (rule, segments as labelled, raw, segments after the rule); every text invented for the test
CASES = [
    (
        "status-ends-journal",
        [
            ("author", "Arden, K."),
            ("title", "“Gulls.”"),
            ("genre", "Tern Research, ahead of print,"),
            ("date", "2009."),
        ],
        "Arden, K. “Gulls.” Tern Research, ahead of print, 2009.",
        [
            ("author", "Arden, K."),
            ("title", "“Gulls.”"),
            ("journal", "Tern Research"),
            ("status", "ahead of print"),
            ("date", "2009."),
        ],
    ),
    (
        "government-author",
        [
            ("author", "United States,"),
            ("title", "Department of Gulls. Report on Roosts."),
            ("publisher", "Tern Office,"),
        ],
        "United States, Department of Gulls. Report on Roosts. Tern Office, 2019.",
        [
            ("author", "United States, Department of Gulls."),
            ("title", "Report on Roosts."),
            ("publisher", "Tern Office,"),
        ],
    ),
    (
        "nature-imprint",
        [
            ("author", "Arden, K."),
            ("title", "Gull Roosts."),
            ("location", "(Tern & Tern, Linda a Velha,"),
            ("date", "2000)."),
        ],
        "Arden, K. Gull Roosts. (Tern & Tern, Linda a Velha, 2000).",
        [
            ("author", "Arden, K."),
            ("title", "Gull Roosts."),
            ("publisher", "Tern & Tern"),
            ("location", "Linda a Velha"),
            ("date", "2000"),
        ],
    ),
    (
        "pages-in-date",
        [("author", "K. Arden:"), ("journal", "J. Gull Soc. Jpn."), ("volume", "56"), ("date", "(1987) 1684.")],
        "K. Arden: J. Gull Soc. Jpn. 56 (1987) 1684.",
        [
            ("author", "K. Arden:"),
            ("journal", "J. Gull Soc. Jpn."),
            ("volume", "56"),
            ("date", "(1987)"),
            ("pages", "1684"),
        ],
    ),
    (
        "series-then-volume",
        [("title", "Gulls."), ("journal", "Bulletin de la Mouette, Serie"), ("volume", "2 6:"), ("pages", "18-22.")],
        "Gulls. Bulletin de la Mouette, Serie 2 6: 18-22.",
        [("title", "Gulls."), ("journal", "Bulletin de la Mouette, Serie 2"), ("volume", "6:"), ("pages", "18-22.")],
    ),
    (
        "truncation-opens-title",
        [
            ("author", "Arden, Kay,"),
            ("title", "and others. Gull Roosts."),
            ("publisher", "Tern Press,"),
            ("date", "1962."),
        ],
        "Arden, Kay, and others. Gull Roosts. Tern Press, 1962.",
        [
            ("author", "Arden, Kay, and others."),
            ("title", "Gull Roosts."),
            ("publisher", "Tern Press,"),
            ("date", "1962."),
        ],
    ),
    (
        "title-before-date",
        [
            ("author", "Gull Week"),
            ("title", "comes to the harbour."),
            ("date", "(1995, March)."),
            ("journal", "Tern Magazine,"),
        ],
        "Gull Week comes to the harbour. (1995, March). Tern Magazine, 42(3), p. 34.",
        [("title", "Gull Week comes to the harbour."), ("date", "(1995, March)."), ("journal", "Tern Magazine,")],
    ),
    (
        "names-run-into-title",
        [("author", "Kay Arden,"), ("title", "Lena Quist and Tom Marlow. Gull Roosts."), ("journal", "Tern Rev.")],
        "Kay Arden, Lena Quist and Tom Marlow. Gull Roosts. Tern Rev.",
        [("author", "Kay Arden, Lena Quist and Tom Marlow."), ("title", "Gull Roosts."), ("journal", "Tern Rev.")],
    ),
    (
        "publisher-as-journal",
        [("author", "Arden, K.:"), ("title", "Gulls and terns."), ("journal", "W.H. Gullman"), ("date", "(1979)")],
        "Arden, K.: Gulls and terns. W.H. Gullman (1979)",
        [("author", "Arden, K.:"), ("title", "Gulls and terns."), ("publisher", "W.H. Gullman"), ("date", "(1979)")],
    ),
    (
        "genre-in-publisher",
        [("author", "Arden, K. (2007)."), ("title", "Gulls."), ("publisher", "Dissertation. Universität Tern.")],
        "Arden, K. (2007). Gulls. Dissertation. Universität Tern.",
        [
            ("author", "Arden, K. (2007)."),
            ("title", "Gulls."),
            ("genre", "Dissertation"),
            ("publisher", "Universität Tern."),
        ],
    ),
    (
        "names-end-in-title",
        [
            ("author", "Arden, Kay, and Lena M."),
            ("title", "Quist, eds. 1965. Gull Tools."),
            ("publisher", "Tern Press."),
        ],
        "Arden, Kay, and Lena M. Quist, eds. 1965. Gull Tools. Tern Press.",
        [
            ("author", "Arden, Kay, and Lena M. Quist, eds."),
            ("date", "1965."),
            ("title", "Gull Tools."),
            ("publisher", "Tern Press."),
        ],
    ),
    (
        "article-opens-publisher",
        [("title", "Gull Tools."), ("journal", "The"), ("location", "New"), ("publisher", "Tern Library.")],
        "Gull Tools. The New Tern Library.",
        [("title", "Gull Tools."), ("publisher", "The New Tern Library.")],
    ),
    (
        "journal-as-genre",
        [
            ("author", "Arden, K."),
            ("date", "(1987)"),
            ("title", "“Gull fever,”"),
            ("genre", "Tern Med, 258,"),
            ("pages", "pp. 17-19."),
        ],
        "Arden, K. (1987) “Gull fever,” Tern Med, 258, pp. 17-19.",
        [
            ("author", "Arden, K."),
            ("date", "(1987)"),
            ("title", "“Gull fever,”"),
            ("journal", "Tern Med"),
            ("volume", "258"),
            ("pages", "pp. 17-19."),
        ],
    ),
    (
        "publisher-after-medium",
        [
            ("author", "Harbour Clinic."),
            ("title", "Sea sickness [Internet]. Leeds: Harbour Clinic;"),
            ("date", "2021."),
        ],
        "Harbour Clinic. Sea sickness [Internet]. Leeds: Harbour Clinic; 2021.",
        [
            ("author", "Harbour Clinic."),
            ("title", "Sea sickness"),
            ("medium", "Internet"),
            ("location", "Leeds"),
            ("publisher", "Harbour Clinic"),
            ("date", "2021."),
        ],
    ),
    (
        "apa-lead-date",
        [("publisher", "Harbour Press. (n.d.). Gull."), ("note", "In Harbour dictionary.")],
        "Harbour Press. (n.d.). Gull. In Harbour dictionary.",
        [("author", "Harbour Press."), ("date", "(n.d.)."), ("title", "Gull."), ("note", "In Harbour dictionary.")],
    ),
    (
        "entry-in-work",
        [
            ("author", "Gullbook."),
            ("date", "(n.d.)."),
            ("note", "Roost. In Gullbook.com dictionary. Retrieved May 1, 2021, from"),
            ("url", "https://gullbook.example/roost"),
        ],
        "Gullbook. (n.d.). Roost. In Gullbook.com dictionary. Retrieved May 1, 2021, from https://gullbook.example/roost",
        [
            ("author", "Gullbook."),
            ("date", "(n.d.)."),
            ("title", "Roost."),
            ("container-title", "Gullbook.com dictionary."),
            ("note", "Retrieved May 1, 2021, from"),
            ("url", "https://gullbook.example/roost"),
        ],
    ),
    (
        "title-as-last-name",
        [
            ("citation-number", "[3]"),
            ("author", "K. Arden and L. Quist, Gull Roosts,"),
            ("edition", "2nd ed."),
            ("location", "Leeds, U.K.:"),
            ("publisher", "Riverside Press,"),
            ("date", "1999."),
        ],
        "[3] K. Arden and L. Quist, Gull Roosts, 2nd ed. Leeds, U.K.: Riverside Press, 1999.",
        [
            ("citation-number", "[3]"),
            ("author", "K. Arden and L. Quist"),
            ("title", "Gull Roosts,"),
            ("edition", "2nd ed."),
            ("location", "Leeds, U.K.:"),
            ("publisher", "Riverside Press,"),
            ("date", "1999."),
        ],
    ),
    (
        "title-in-names",
        [
            ("author", "Marlow, Tomas. Saltwater."),
            ("date", "1987."),
            ("publisher", "Harbour House,"),
            ("date", "2004."),
        ],
        "Marlow, Tomas. Saltwater. 1987. Harbour House, 2004.",
        [
            ("author", "Marlow, Tomas."),
            ("title", "Saltwater."),
            ("date", "1987."),
            ("publisher", "Harbour House,"),
            ("date", "2004."),
        ],
    ),
    (
        "original-date-first",
        [
            ("author", "Marlow, Tomas."),
            ("title", "Saltwater."),
            ("date", "1987."),
            ("publisher", "Harbour House,"),
            ("date", "2004."),
        ],
        "Marlow, Tomas. Saltwater. 1987. Harbour House, 2004.",
        [
            ("author", "Marlow, Tomas."),
            ("title", "Saltwater."),
            ("original-date", "1987."),
            ("publisher", "Harbour House,"),
            ("date", "2004."),
        ],
    ),
    (
        "day-read-as-volume",
        [
            ("author", "Arden, Kay."),
            ("title", "“Gulls.”"),
            ("journal", "The Harbour Times,"),
            ("volume", "12"),
            ("date", "May 2019,"),
        ],
        "Arden, Kay. “Gulls.” The Harbour Times, 12 May 2019,",
        [("author", "Arden, Kay."), ("title", "“Gulls.”"), ("journal", "The Harbour Times,"), ("date", "12 May 2019,")],
    ),
    (
        "site-as-genre",
        [
            ("author", "Arden, K."),
            ("date", "(2019, October 31)."),
            ("title", "Why gulls steal chips."),
            ("genre", "GullPost."),
            ("url", "https://gullpost.example/chips"),
        ],
        "Arden, K. (2019, October 31). Why gulls steal chips. GullPost. https://gullpost.example/chips",
        [
            ("author", "Arden, K."),
            ("date", "(2019, October 31)."),
            ("title", "Why gulls steal chips."),
            ("container-title", "GullPost."),
            ("url", "https://gullpost.example/chips"),
        ],
    ),
    (
        "title-in-site",
        [
            ("author", "Harbour Clinic Staff."),
            ("date", "(2021)."),
            ("journal", "Sea sickness. Harbour Clinic."),
            ("url", "https://harbour-clinic.example/sea-sickness"),
        ],
        "Harbour Clinic Staff. (2021). Sea sickness. Harbour Clinic. https://harbour-clinic.example/sea-sickness",
        [
            ("author", "Harbour Clinic Staff."),
            ("date", "(2021)."),
            ("title", "Sea sickness."),
            ("container-title", "Harbour Clinic."),
            ("url", "https://harbour-clinic.example/sea-sickness"),
        ],
    ),
    (
        "original-work",
        [
            ("author", "Marlow, T."),
            ("date", "(2004)."),
            ("title", "The salt road. Harbour House."),
            ("note", "(Original work published 1925)"),
        ],
        "Marlow, T. (2004). The salt road. Harbour House. (Original work published 1925)",
        [
            ("author", "Marlow, T."),
            ("date", "(2004)."),
            ("title", "The salt road."),
            ("publisher", "Harbour House."),
            ("original-date", "1925"),
        ],
    ),
    (
        "vancouver-lead",
        [("author", "Marlow BK. Gull wing moult."), ("title", "Field Notes of the Coast."), ("date", "2011.")],
        "Marlow BK. Gull wing moult. Field Notes of the Coast. 2011.",
        [
            ("author", "Marlow BK."),
            ("title", "Gull wing moult."),
            ("container-title", "Field Notes of the Coast."),
            ("date", "2011."),
        ],
    ),
    (
        "url-tail-stamp",
        [
            ("author", "Harbour Nurses Council (2003)."),
            ("title", "Guidance on tidal shifts."),
            ("note", "Retrieved from"),
            ("url", "http://www.harbour-nurses.example/guide"),
            ("container-title", "on November"),
            ("volume", "14,"),
            ("date", "2006."),
        ],
        "Harbour Nurses Council (2003). Guidance on tidal shifts. Retrieved from "
        "http://www.harbour-nurses.example/guide on November 14, 2006.",
        [
            ("author", "Harbour Nurses Council (2003)."),
            ("title", "Guidance on tidal shifts."),
            ("note", "Retrieved from"),
            ("url", "http://www.harbour-nurses.example/guide"),
            ("accessed", "November 14, 2006"),
        ],
    ),
    (
        "volume-without-figure",
        [
            ("author", "Arden, K. (1988)."),
            ("title", "Gull roosts."),
            ("journal", "The Journal of coastal"),
            ("volume", "ecology,"),
            ("pages", "12-30."),
        ],
        "Arden, K. (1988). Gull roosts. The Journal of coastal ecology, 12-30.",
        [
            ("author", "Arden, K. (1988)."),
            ("title", "Gull roosts."),
            ("journal", "The Journal of coastal ecology,"),
            ("pages", "12-30."),
        ],
    ),
    (
        "stray-date-word",
        [("author", "Quinn, Pat."), ("date", "Winter"), ("publisher", "Harbours. Norton,"), ("date", "1999.")],
        "Quinn, Pat. Winter Harbours. Norton, 1999.",
        [("author", "Quinn, Pat."), ("publisher", "Winter Harbours. Norton,"), ("date", "1999.")],
    ),
    (
        "organisation-lead",
        [("title", "Harbour Survey Council. Tidal gauges explained."), ("date", "2014.")],
        "Harbour Survey Council. Tidal gauges explained. 2014.",
        [("author", "Harbour Survey Council."), ("title", "Tidal gauges explained."), ("date", "2014.")],
    ),
    (
        "book-after-title",
        [
            ("author", "Arden, K."),
            ("title", "Gull roosts. in Coastal Birds of the North"),
            ("container-title", "Sea"),
            ("pages", "12–30"),
            ("date", "(2001)."),
        ],
        "Arden, K. Gull roosts. in Coastal Birds of the North Sea 12–30 (2001).",
        [
            ("author", "Arden, K."),
            ("title", "Gull roosts."),
            ("container-title", "Coastal Birds of the North Sea"),
            ("pages", "12–30"),
            ("date", "(2001)."),
        ],
    ),
    (
        "publisher-last-sentence",
        [
            ("author", "Arden K."),
            ("title", "Gull roosts."),
            ("editor", "In: Tern B, ed."),
            ("publisher", "Coastal Birds. Harbour Press;"),
            ("date", "2001:"),
            ("pages", "12-30."),
        ],
        "Arden K. Gull roosts. In: Tern B, ed. Coastal Birds. Harbour Press; 2001:12-30.",
        [
            ("author", "Arden K."),
            ("title", "Gull roosts."),
            ("editor", "In: Tern B, ed."),
            ("container-title", "Coastal Birds."),
            ("publisher", "Harbour Press;"),
            ("date", "2001:"),
            ("pages", "12-30."),
        ],
    ),
    (
        "year-ends-container",
        [("author", "Arden K, Tern B."), ("journal", "Tern Rev. 2016;"), ("volume", "4:"), ("pages", "1-9.")],
        "Arden K, Tern B. Tern Rev. 2016;4:1-9.",
        [
            ("author", "Arden K, Tern B."),
            ("journal", "Tern Rev"),
            ("date", "2016"),
            ("volume", "4:"),
            ("pages", "1-9."),
        ],
    ),
    (
        "initial-names-end",
        [
            ("author", "Arden, K., Marlow, B. B. & Tern, C. Dusk:"),
            ("title", "gull roosts on a tidal flat."),
            ("journal", "Tern Review"),
            ("volume", "4,"),
            ("pages", "1–9"),
            ("date", "(2016)."),
        ],
        "Arden, K., Marlow, B. B. & Tern, C. Dusk: gull roosts on a tidal flat. Tern Review 4, 1–9 (2016).",
        [
            ("author", "Arden, K., Marlow, B. B. & Tern, C."),
            ("title", "Dusk: gull roosts on a tidal flat."),
            ("journal", "Tern Review"),
            ("volume", "4,"),
            ("pages", "1–9"),
            ("date", "(2016)."),
        ],
    ),
    (
        "stamps",
        [("title", "Gull counts."), ("note", "Accessed"), ("date", "March 3, 2019.")],
        "Gull counts. Accessed March 3, 2019.",
        [("title", "Gull counts."), ("accessed", "March 3, 2019.")],
    ),
    (
        "quoted-title-end",
        [
            ("author", "Arden, K."),
            ("title", "“Gull wing moult,” in Field Notes of the Coast,"),
            ("editor", "ed. B. Marlow."),
        ],
        "Arden, K. “Gull wing moult,” in Field Notes of the Coast, ed. B. Marlow.",
        [
            ("author", "Arden, K."),
            ("title", "“Gull wing moult,”"),
            ("container-title", "in Field Notes of the Coast,"),
            ("editor", "ed. B. Marlow."),
        ],
    ),
    (
        "editors-after-book",
        [
            ("author", "Arden, K."),
            ("title", "Gull wing moult. in Field Notes of"),
            ("editor", "the Coast (eds Marlow, B. & Tern, C.)"),
            ("pages", "12–30"),
        ],
        "Arden, K. Gull wing moult. in Field Notes of the Coast (eds Marlow, B. & Tern, C.) 12–30",
        [
            ("author", "Arden, K."),
            ("title", "Gull wing moult."),
            ("container-title", "in Field Notes of the Coast"),
            ("editor", "(eds Marlow, B. & Tern, C.)"),
            ("pages", "12–30"),
        ],
    ),
    (
        "presented-at",
        [
            ("author", "Arden, K."),
            ("date", "(2004, May)."),
            ("title", "Gull counts."),
            ("note", "Paper presented at the"),
            ("publisher", "Coastal Bird Symposium,"),
            ("location", "Leeds."),
        ],
        "Arden, K. (2004, May). Gull counts. Paper presented at the Coastal Bird Symposium, Leeds.",
        [
            ("author", "Arden, K."),
            ("date", "(2004, May)."),
            ("title", "Gull counts."),
            ("container-title", "Paper presented at the Coastal Bird Symposium,"),
            ("location", "Leeds."),
        ],
    ),
    (
        "no-date",
        [("author", "Arden, K."), ("title", "(n.d.). Gull counts."), ("url", "https://example.org/gulls")],
        "Arden, K. (n.d.). Gull counts. https://example.org/gulls",
        [("author", "Arden, K."), ("date", "(n.d.)."), ("title", "Gull counts."), ("url", "https://example.org/gulls")],
    ),
    (
        "published-online",
        [
            ("author", "Arden K."),
            ("title", "Gull counts."),
            ("genre", "Tern Review. Published online"),
            ("date", "2015."),
        ],
        "Arden K. Gull counts. Tern Review. Published online 2015.",
        [("author", "Arden K."), ("title", "Gull counts."), ("journal", "Tern Review."), ("date", "2015.")],
    ),
    (
        "publisher-in-place",
        [
            ("author", "Arden, K."),
            ("title", "Gulls at Dusk."),
            ("location", "(Tern Press, London,"),
            ("date", "2004)."),
        ],
        "Arden, K. Gulls at Dusk. (Tern Press, London, 2004).",
        [
            ("author", "Arden, K."),
            ("title", "Gulls at Dusk."),
            ("publisher", "(Tern Press,"),
            ("location", "London,"),
            ("date", "2004)."),
        ],
    ),
    (
        "journal-only",
        [("author", "Arden K."), ("title", "Gull Rev."), ("date", "2004;"), ("volume", "12:"), ("pages", "97.")],
        "Arden K. Gull Rev. 2004;12:97.",
        [("author", "Arden K."), ("journal", "Gull Rev."), ("date", "2004;"), ("volume", "12:"), ("pages", "97.")],
    ),
    (
        "numero",
        [
            ("author", "Arden, K."),
            ("title", "Les goélands."),
            ("journal", "Revue des côtes,"),
            ("date", "2002,"),
            ("pages", "n°124. p. 16-22."),
        ],
        "Arden, K. Les goélands. Revue des côtes, 2002, n°124. p. 16-22.",
        [
            ("author", "Arden, K."),
            ("title", "Les goélands."),
            ("journal", "Revue des côtes,"),
            ("date", "2002,"),
            ("issue", "n°124."),
            ("pages", "p. 16-22."),
        ],
    ),
    (
        "open-title-end",
        [("title", "The quiet return of"), ("publisher", "northern gulls. Tern Press.")],
        "The quiet return of northern gulls. Tern Press.",
        [("title", "The quiet return of northern gulls."), ("publisher", "Tern Press.")],
    ),
    (
        "year-ends-title",
        [("date", "(2009)."), ("title", "Coastal Goals for"), ("date", "2020.")],
        "(2009). Coastal Goals for 2020.",
        [("date", "(2009)."), ("title", "Coastal Goals for 2020.")],
    ),
    (
        "manual-section",
        [("author", "Marlow BK."), ("title", "Measuring wing length. Marine Biology Lab Manual.")],
        "Marlow BK. Measuring wing length. Marine Biology Lab Manual.",
        [
            ("author", "Marlow BK."),
            ("title", "Measuring wing length."),
            ("container-title", "Marine Biology Lab Manual."),
        ],
    ),
    (
        "apa-book-publisher",
        [("author", "Arden, K."), ("date", "(2003)."), ("title", "Gulls at dusk."), ("journal", "Pier & Quay.")],
        "Arden, K. (2003). Gulls at dusk. Pier & Quay.",
        [("author", "Arden, K."), ("date", "(2003)."), ("title", "Gulls at dusk."), ("publisher", "Pier & Quay.")],
    ),
    (
        "book-title-as-journal",
        [("author", "Arden, K."), ("journal", "Gulls at dusk."), ("location", "Leeds:"), ("publisher", "Tern Press.")],
        "Arden, K. Gulls at dusk. Leeds: Tern Press.",
        [("author", "Arden, K."), ("title", "Gulls at dusk."), ("location", "Leeds:"), ("publisher", "Tern Press.")],
    ),
    (
        "mla-role-publisher",
        [
            ("author", "Arden, Kay."),
            ("title", "Gulls at Dusk."),
            ("editor", "Edited by Bea Marlow and Cal Tern, Pier & Quay,"),
            ("date", "2013."),
        ],
        "Arden, Kay. Gulls at Dusk. Edited by Bea Marlow and Cal Tern, Pier & Quay, 2013.",
        [
            ("author", "Arden, Kay."),
            ("title", "Gulls at Dusk."),
            ("editor", "Edited by Bea Marlow and Cal Tern,"),
            ("publisher", "Pier & Quay,"),
            ("date", "2013."),
        ],
    ),
    (
        "mla-publisher-year",
        [("author", "Arden, Kay."), ("title", "Gulls at Dusk."), ("location", "Saltmarsh,"), ("date", "2004.")],
        "Arden, Kay. Gulls at Dusk. Saltmarsh, 2004.",
        [("author", "Arden, Kay."), ("title", "Gulls at Dusk."), ("publisher", "Saltmarsh,"), ("date", "2004.")],
    ),
    (
        # a "journal" named as only a publisher is ("... House", "... Publications"): MLA's book
        "mla-publisher-year",
        [("author", "Arden, Kay."), ("title", "Gulls at Dusk."), ("journal", "Tern House,"), ("date", "2004.")],
        "Arden, Kay. Gulls at Dusk. Tern House, 2004.",
        [("author", "Arden, Kay."), ("title", "Gulls at Dusk."), ("publisher", "Tern House,"), ("date", "2004.")],
    ),
    (
        "report-number",
        [
            ("author", "Gull Board."),
            ("date", "(2022)."),
            ("title", "Dusk (GB Publication No. 21-GB-8). Tern"),
            ("publisher", "Department of Gulls."),
        ],
        "Gull Board. (2022). Dusk (GB Publication No. 21-GB-8). Tern Department of Gulls.",
        [
            ("author", "Gull Board."),
            ("date", "(2022)."),
            ("title", "Dusk"),
            ("genre", "GB Publication No. 21-GB-8"),
            ("publisher", "Tern Department of Gulls."),
        ],
    ),
    (
        "bare-url",
        [
            ("title", "“Gulls.”"),
            ("publisher", "Tern Board,"),
            ("date", "12 Jan. 2021,"),
            ("pages", "www.tern.org/gulls."),
        ],
        "“Gulls.” Tern Board, 12 Jan. 2021, www.tern.org/gulls.",
        [
            ("title", "“Gulls.”"),
            ("publisher", "Tern Board,"),
            ("date", "12 Jan. 2021,"),
            ("url", "www.tern.org/gulls."),
        ],
    ),
    (
        "mla-site-date",
        [
            ("author", "Arden, Kay."),
            ("title", "“Gulls.”"),
            ("note", "Tern News, 4 Apr. 2019,"),
            ("url", "www.tn.com/g."),
        ],
        "Arden, Kay. “Gulls.” Tern News, 4 Apr. 2019, www.tn.com/g.",
        [
            ("author", "Arden, Kay."),
            ("title", "“Gulls.”"),
            ("container-title", "Tern News,"),
            ("date", "4 Apr. 2019"),
            ("url", "www.tn.com/g."),
        ],
    ),
    (
        "apa-bracket-description",
        [
            ("author", "Arden, K."),
            ("date", "(2019)."),
            ("title", "Gulls at dusk [Doctoral dissertation,"),
            ("publisher", "Tern University]. Shore Theses."),
        ],
        "Arden, K. (2019). Gulls at dusk [Doctoral dissertation, Tern University]. Shore Theses.",
        [
            ("author", "Arden, K."),
            ("date", "(2019)."),
            ("title", "Gulls at dusk"),
            ("genre", "Doctoral dissertation"),
            ("publisher", "Tern University"),
            ("archive", "Shore Theses."),
        ],
    ),
    (
        "edition-publisher",
        [("author", "Arden, K."), ("date", "(2006)."), ("title", "Gulls at dusk"), ("edition", "(Rev. ed.). Tern.")],
        "Arden, K. (2006). Gulls at dusk (Rev. ed.). Tern.",
        [
            ("author", "Arden, K."),
            ("date", "(2006)."),
            ("title", "Gulls at dusk"),
            ("edition", "(Rev. ed.)."),
            ("publisher", "Tern."),
        ],
    ),
    (
        "publisher-ampersand",
        [("author", "Arden, Kay."), ("title", "Gulls at Dusk."), ("location", "Pier"), ("publisher", "& Quay,")],
        "Arden, Kay. Gulls at Dusk. Pier & Quay, 2013.",
        [("author", "Arden, Kay."), ("title", "Gulls at Dusk."), ("publisher", "Pier & Quay,")],
    ),
    (
        "title-in-publisher",
        [("author", "Arden, K."), ("date", "(2010)."), ("publisher", "Gulls at dusk. W. W. Tern.")],
        "Arden, K. (2010). Gulls at dusk. W. W. Tern.",
        [("author", "Arden, K."), ("date", "(2010)."), ("title", "Gulls at dusk."), ("publisher", "W. W. Tern.")],
    ),
    (
        "semicolon-publisher",
        [("author", "Arden K."), ("title", "Gulls at Dusk."), ("journal", "Tern Harbour Books;"), ("date", "1998.")],
        "Arden K. Gulls at Dusk. Tern Harbour Books; 1998.",
        [("author", "Arden K."), ("title", "Gulls at Dusk."), ("publisher", "Tern Harbour Books;"), ("date", "1998.")],
    ),
    (
        "publisher-in-container",
        [
            ("title", "Gulls,"),
            ("container-title", "in K. Arden (ed.) Seabirds. Frankfurt am Main: Tern Verlag,"),
            ("pages", "pp. 9-42."),
        ],
        "Marlow, B. (1985) Gulls, in K. Arden (ed.) Seabirds. Frankfurt am Main: Tern Verlag, pp. 9-42.",
        [
            ("title", "Gulls,"),
            ("container-title", "in K. Arden (ed.) Seabirds."),
            ("location", "Frankfurt am Main:"),
            ("publisher", "Tern Verlag,"),
            ("pages", "pp. 9-42."),
        ],
    ),
    (
        "preprint-mark",
        [("title", "“Gulls,”"), ("journal", "Frontiers"), ("note", "in Seabird Research [Preprint].")],
        "Arden, K. (2015) “Gulls,” Frontiers in Seabird Research [Preprint].",
        [("title", "“Gulls,”"), ("journal", "Frontiers in Seabird Research"), ("note", "[Preprint].")],
    ),
    (
        "journal-as-names",
        [("author", "Tern Lett"), ("date", "(1995),"), ("volume", "372,"), ("pages", "p. 83.")],
        "Tern Lett (1995), 372, p. 83.",
        [("journal", "Tern Lett"), ("date", "(1995),"), ("volume", "372,"), ("pages", "p. 83.")],
    ),
    (
        "year-in-names",
        [("author", "Levy, D. M. 1941. V."), ("title", "The hostile act."), ("journal", "Tern Review,")],
        "Levy, D. M. 1941. V. The hostile act. Tern Review, 48(4): 356-361.",
        [("author", "Levy, D. M."), ("date", "1941."), ("title", "V. The hostile act."), ("journal", "Tern Review,")],
    ),
    (
        "journal-in-title",
        [
            ("author", "Arden, K.,"),
            ("title", "Moult of gulls on the coast, Special Paper of the Seabird Society,"),
            ("issue", "Issue 4,"),
        ],
        "Arden, K., Moult of gulls on the coast, Special Paper of the Seabird Society, Issue 4, pp. 1-9, 2010",
        [
            ("author", "Arden, K.,"),
            ("title", "Moult of gulls on the coast,"),
            ("journal", "Special Paper of the Seabird Society,"),
            ("issue", "Issue 4,"),
        ],
    ),
    (
        "volume-in-container",
        [("title", "Gulls."), ("journal", "Tern Review, Band"), ("volume", "20,"), ("date", "1996.")],
        "Arden K. Gulls. Tern Review, Band 20, 1996.",
        [("title", "Gulls."), ("journal", "Tern Review,"), ("volume", "Band 20,"), ("date", "1996.")],
    ),
    (
        "book-in-title",
        [("author", "Arden K."), ("title", "Gulls. In: Marlow B, editor. Seabirds."), ("date", "2011.")],
        "Arden K. Gulls. In: Marlow B, editor. Seabirds. 2011.",
        [
            ("author", "Arden K."),
            ("title", "Gulls."),
            ("container-title", "In: Marlow B, editor. Seabirds."),
            ("date", "2011."),
        ],
    ),
    (
        "medium-after-title",
        [("author", "Arden K."), ("title", "Gulls at dusk [Internet]."), ("date", "2011.")],
        "Arden K. Gulls at dusk [Internet]. 2011.",
        [("author", "Arden K."), ("title", "Gulls at dusk."), ("medium", "Internet"), ("date", "2011.")],
    ),
    (
        "title-tail-in-journal",
        [
            ("title", "Gull moult on the Faroe Islands,"),
            ("journal", "North Atlantic. Seabird Research"),
            ("volume", "3"),
        ],
        "Arden, K. 2004. Gull moult on the Faroe Islands, North Atlantic. Seabird Research 3.",
        [
            ("title", "Gull moult on the Faroe Islands, North Atlantic."),
            ("journal", "Seabird Research"),
            ("volume", "3"),
        ],
    ),
    (
        "journal-in-names",
        [("author", "Arden K. Seabird Rev."), ("date", "2004;"), ("volume", "12:"), ("pages", "97.")],
        "Arden K. Seabird Rev. 2004;12:97.",
        [("author", "Arden K."), ("journal", "Seabird Rev."), ("date", "2004;"), ("volume", "12:"), ("pages", "97.")],
    ),
    (
        "year-in-volume",
        [("journal", "Seabird Rev."), ("volume", "2011;12(5):"), ("pages", "63-70.")],
        "Arden K. Gull moult. Seabird Rev. 2011;12(5):63-70.",
        [("journal", "Seabird Rev."), ("date", "2011;"), ("volume", "12(5):"), ("pages", "63-70.")],
    ),
    (
        "title-head-in-names",
        [("author", "Arden, K. P., Voss, L. M., Gullwatch:"), ("title", "A census of roosts."), ("date", "1997.")],
        "Arden, K. P., Voss, L. M., Gullwatch: A census of roosts. 1997.",
        [("author", "Arden, K. P., Voss, L. M."), ("title", "Gullwatch: A census of roosts."), ("date", "1997.")],
    ),
    (
        "journal-opening-in-title",
        [
            ("author", "K. Arden,"),
            ("title", "Gull roosts on the coast, Rev."),
            ("journal", "Shore Biol. 12"),
            ("date", "(1990)."),
        ],
        "K. Arden, Gull roosts on the coast, Rev. Shore Biol. 12 (1990).",
        [
            ("author", "K. Arden,"),
            ("title", "Gull roosts on the coast"),
            ("journal", "Rev. Shore Biol. 12"),
            ("date", "(1990)."),
        ],
    ),
    (
        "publisher-after-journal",
        [
            ("author", "Arden, K. (2009),"),
            ("title", "'Gull roosts',"),
            ("journal", "J. Shore Eng., ASCE,"),
            ("volume", "135(11),"),
        ],
        "Arden, K. (2009), 'Gull roosts', J. Shore Eng., ASCE, 135(11), 1-9.",
        [
            ("author", "Arden, K. (2009),"),
            ("title", "'Gull roosts',"),
            ("journal", "J. Shore Eng."),
            ("publisher", "ASCE"),
            ("volume", "135(11),"),
        ],
    ),
    (
        "kind-ends-title",
        [
            ("author", "K. Arden."),
            ("title", "Gull roosts in winter. Technical Report TR-95-14,"),
            ("publisher", "Tern Institute,"),
        ],
        "K. Arden. Gull roosts in winter. Technical Report TR-95-14, Tern Institute, 1995.",
        [
            ("author", "K. Arden."),
            ("title", "Gull roosts in winter"),
            ("genre", "Technical Report TR-95-14"),
            ("publisher", "Tern Institute,"),
        ],
    ),
    (
        "caps-names-in-title",
        [("author", "ARDEN, Katell."), ("title", "VOSS, J.-P. LE GALL, Anne. Les goélands."), ("location", "Brest:")],
        "ARDEN, Katell. VOSS, J.-P. LE GALL, Anne. Les goélands. Brest: Tern, 1990.",
        [("author", "ARDEN, Katell. VOSS, J.-P. LE GALL, Anne."), ("title", "Les goélands."), ("location", "Brest:")],
    ),
    (
        "publisher-in-one-piece",
        [("title", "Gull Roosts."), ("location", "Tern"), ("publisher", "University Press;"), ("date", "1998.")],
        "Arden K. Gull Roosts. Tern University Press; 1998.",
        [("title", "Gull Roosts."), ("publisher", "Tern University Press;"), ("date", "1998.")],
    ),
    (
        "family-before-journal",
        [("journal", "Arden. Seabird Res."), ("volume", "53"), ("date", "(1999):"), ("pages", "481.")],
        "Arden. Seabird Res. 53 (1999): 481.",
        [("author", "Arden"), ("journal", "Seabird Res."), ("volume", "53"), ("date", "(1999):"), ("pages", "481.")],
    ),
    (
        "publisher-before-volume",
        [
            ("author", "Arden K."),
            ("title", "Gull roosts."),
            ("publisher", "Tern Press"),
            ("date", "1996;"),
            ("volume", "5:"),
            ("pages", "36-40."),
        ],
        "Arden K. Gull roosts. Tern Press 1996; 5:36-40.",
        [
            ("author", "Arden K."),
            ("title", "Gull roosts."),
            ("journal", "Tern Press"),
            ("date", "1996;"),
            ("volume", "5:"),
            ("pages", "36-40."),
        ],
    ),
    (
        "year-range-ends-title",
        [
            ("author", "Arden, Kay."),
            ("title", "Gull Colonies of the North Sea,"),
            ("pages", "1885-1915."),
            ("location", "Leeds:"),
            ("publisher", "Tern,"),
            ("date", "1982."),
        ],
        "Arden, Kay. Gull Colonies of the North Sea, 1885-1915. Leeds: Tern, 1982.",
        [
            ("author", "Arden, Kay."),
            ("title", "Gull Colonies of the North Sea, 1885-1915."),
            ("location", "Leeds:"),
            ("publisher", "Tern,"),
            ("date", "1982."),
        ],
    ),
    (
        "page-count",
        [
            ("author", "ARDEN, K."),
            ("title", "Les goélands."),
            ("date", "1990."),
            ("location", "Brest :"),
            ("journal", "Éditions Tern."),
            ("volume", "494"),
            ("pages", "p."),
        ],
        "ARDEN, K. Les goélands. 1990. Brest : Éditions Tern. 494 p.",
        [
            ("author", "ARDEN, K."),
            ("title", "Les goélands."),
            ("date", "1990."),
            ("location", "Brest :"),
            ("publisher", "Éditions Tern."),
            ("pages", "494 p."),
        ],
    ),
    (
        "issue-without-volume",
        [
            ("author", "Arden, K. (2009)"),
            ("title", "“Goélands,”"),
            ("journal", "Oiseaux de la"),
            ("volume", "côte, (1),"),
            ("pages", "pp. 25–27."),
        ],
        "Arden, K. (2009) “Goélands,” Oiseaux de la côte, (1), pp. 25–27.",
        [
            ("author", "Arden, K. (2009)"),
            ("title", "“Goélands,”"),
            ("journal", "Oiseaux de la côte"),
            ("issue", "(1),"),
            ("pages", "pp. 25–27."),
        ],
    ),
    (
        "repeat-sign-then-title",
        [("author", "———. Goélands."), ("location", "Brest:"), ("publisher", "Tern,"), ("date", "2000.")],
        "———. Goélands. Brest: Tern, 2000.",
        [("author", "———."), ("title", "Goélands."), ("location", "Brest:"), ("publisher", "Tern,"), ("date", "2000.")],
    ),
    (
        "lead-in-container",
        [
            ("author", "Arden, Kay."),
            ("title", "“Gull Songs.”"),
            ("journal", "Trans. Lena Voss. Shore Inquiry"),
            ("volume", "13.2"),
        ],
        "Arden, Kay. “Gull Songs.” Trans. Lena Voss. Shore Inquiry 13.2 (1989): 28-29.",
        [
            ("author", "Arden, Kay."),
            ("title", "“Gull Songs.”"),
            ("translator", "Lena Voss"),
            ("journal", "Shore Inquiry"),
            ("volume", "13.2"),
        ],
    ),
    (
        "book-in-editors",
        [
            ("author", "K. Arden,"),
            ("title", "“Gull roosts,”"),
            ("editor", "in Shore, Tide, and Gulls, L. M. Voss and J. Tern, Eds.,"),
            ("location", "Leeds:"),
        ],
        "K. Arden, “Gull roosts,” in Shore, Tide, and Gulls, L. M. Voss and J. Tern, Eds., Leeds: Tern, 1986, pp. 51–62.",
        [
            ("author", "K. Arden,"),
            ("title", "“Gull roosts,”"),
            ("container-title", "Shore, Tide, and Gulls"),
            ("editor", "L. M. Voss and J. Tern, Eds."),
            ("location", "Leeds:"),
        ],
    ),
    (
        "title-end-in-place",
        [
            ("author", "Arden, Kay."),
            ("title", "Gulls of the North: Shore, Tide,"),
            ("location", "Norway. London:"),
            ("publisher", "Tern Press,"),
        ],
        "Arden, Kay. Gulls of the North: Shore, Tide, Norway. London: Tern Press, 1995.",
        [
            ("author", "Arden, Kay."),
            ("title", "Gulls of the North: Shore, Tide, Norway."),
            ("location", "London:"),
            ("publisher", "Tern Press,"),
        ],
    ),
    (
        "journal-word-in-names",
        [("author", "R. C. Arden, Mon."), ("journal", "Not. R. Gull Soc."), ("volume", "20,"), ("pages", "13")],
        "R. C. Arden, Mon. Not. R. Gull Soc. 20, 13 (1859).",
        [("author", "R. C. Arden"), ("journal", "Mon. Not. R. Gull Soc."), ("volume", "20,"), ("pages", "13")],
    ),
    (
        "page-read-as-date",
        [("author", "Arden, K."), ("journal", "Gull Lett"), ("volume", "10"), ("date", "(2010):"), ("date", "1979.")],
        "Arden, K. Gull Lett 10 (2010): 1979.",
        [("author", "Arden, K."), ("journal", "Gull Lett"), ("volume", "10"), ("date", "(2010):"), ("pages", "1979.")],
    ),
    (
        "month-ends-journal",
        [
            ("author", "ARDEN, K."),
            ("title", "Les goélands."),
            ("journal", "La Gazette des Côtes, Septembre"),
            ("date", "2014,"),
            ("issue", "n°110,"),
        ],
        "ARDEN, K. Les goélands. La Gazette des Côtes, Septembre 2014, n°110, p. 35.",
        [
            ("author", "ARDEN, K."),
            ("title", "Les goélands."),
            ("journal", "La Gazette des Côtes"),
            ("date", "Septembre 2014,"),
            ("issue", "n°110,"),
        ],
    ),
    (
        "volume-of-series",
        [
            ("author", "Marlow, Ann."),
            ("title", "The Gull Book."),
            ("volume", "Vol. 2"),
            ("container-title", "of Collected Shore Writings."),
        ],
        "Marlow, Ann. The Gull Book. Vol. 2 of Collected Shore Writings.",
        [
            ("author", "Marlow, Ann."),
            ("title", "The Gull Book."),
            ("volume", "Vol. 2"),
            ("container-title", "Collected Shore Writings."),
        ],
    ),
    (
        "genre-as-field",
        [("author", "Arden, K."), ("title", "Tide tables, revised."), ("journal", "Draft Paper,"), ("date", "1996.")],
        "Arden, K. Tide tables, revised. Draft Paper, 1996.",
        [("author", "Arden, K."), ("title", "Tide tables, revised."), ("genre", "Draft Paper,"), ("date", "1996.")],
    ),
]


@pytest.mark.parametrize("rule, segments, raw, expected", CASES, ids=[c[0] for c in CASES])
def test_each_repair_rule_mends_its_kind(rule: str, segments: list, raw: str, expected: list) -> None:
    assert REPAIR[rule](list(segments), raw) == expected


@pytest.mark.parametrize("rule, segments, raw, expected", CASES, ids=[c[0] for c in CASES])
def test_repair_rules_leave_segments_they_do_not_handle(rule: str, segments: list, raw: str, expected: list) -> None:
    plain = [
        ("author", "Arden, K."),
        ("date", "(2016)."),
        ("title", "Gulls at dusk."),
        ("journal", "Tern Review,"),
        ("volume", "4,"),
        ("pages", "1-9."),
    ]
    assert REPAIR[rule](list(plain), "Arden, K. (2016). Gulls at dusk. Tern Review, 4, 1-9.") == plain


def test_every_repair_rule_has_a_case_and_the_tables_unique_names() -> None:
    assert {c[0] for c in CASES} == set(REPAIR)
    for table in (fields._SEGMENT_RULES, fields._REPAIR_RULES, fields._FINISH_RULES):
        names = [name for name, _ in table]
        assert len(names) == len(set(names))


def test_a_label_with_no_field_reader_adds_nothing() -> None:
    with_number = to_csl([("citation-number", "[3]"), ("author", "Arden, K."), ("title", "Gulls at dusk.")], "")
    without = to_csl([("author", "Arden, K."), ("title", "Gulls at dusk.")], "")
    assert with_number == without
    assert "citation-number" not in fields._FIELD_RULES


@pytest.mark.parametrize(
    "title, after",
    [
        ("“Be like” and the quotative in the north.", "publisher"),  # a quotation inside, no punctuation at its end
        ("'Gull wing moult', Tern Review,", "journal"),  # a journal follows and the rest does not start with "In"
        ("« La « marée » des goélands », Revue,", "publisher"),  # nested quotation marks
        ("'L'estran et l'écume' revisited.", "publisher"),  # an apostrophe inside a word is no closing mark
    ],
)
def test_quoted_title_end_keeps_quotations_it_cannot_close(title: str, after: str) -> None:
    segs = [("author", "Arden, K."), ("title", title), (after, "Gull Review")]
    assert REPAIR["quoted-title-end"](list(segs), "") == segs


def test_published_online_ends_a_two_sentence_title_with_the_journal() -> None:
    segs = [
        ("author", "Arden K."),
        ("title", "Gull counts. Tern Review."),
        ("genre", "Published online"),
        ("date", "2015."),
    ]
    assert REPAIR["published-online"](segs, "Arden K. Gull counts. Tern Review. Published online 2015.") == [
        ("author", "Arden K."),
        ("title", "Gull counts."),
        ("journal", "Tern Review."),
        ("date", "2015."),
    ]


@pytest.mark.parametrize("place", ["(Padua, Italy,", "(Nashville, TN,", "(Rochester, New York, USA,", "(New York, NY,"])
def test_publisher_in_place_leaves_places(place: str) -> None:
    segs = [("author", "Arden, K."), ("title", "Gull counts."), ("location", place), ("date", "2004).")]
    assert REPAIR["publisher-in-place"](list(segs), "") == segs


def test_no_date_at_a_fields_end_goes_after_it() -> None:
    segs = [("author", "Arden, K."), ("title", "Gull counts."), ("location", "Leeds, n.d.")]
    assert REPAIR["no-date"](segs, "Arden, K. Gull counts. Leeds, n.d.") == [
        ("author", "Arden, K."),
        ("title", "Gull counts."),
        ("location", "Leeds,"),
        ("date", "n.d."),
    ]


def test_an_abbreviated_journal_after_an_apa_date_is_not_split_into_title_and_journal() -> None:
    csl = to_csl(
        [("author", "Arden, K."), ("date", "(2013)."), ("journal", "Gull. Rev. Lett,"), ("volume", "4,")],
        "Arden, K. (2013). Gull. Rev. Lett, 4,",
    )
    assert csl["container-title"] == "Gull. Rev. Lett" and "title" not in csl
    split = to_csl(
        [("author", "Arden, K."), ("date", "(2013)."), ("journal", "Gull counts at dusk. Tern Review")],
        "Arden, K. (2013). Gull counts at dusk. Tern Review",
    )
    assert split["title"] == "Gull counts at dusk" and split["container-title"] == "Tern Review"


def test_editors_in_parentheses_are_read_as_names() -> None:
    csl = to_csl(
        [
            ("author", "Arden, K."),
            ("title", "Gulls."),
            ("container-title", "in Notes"),
            ("editor", "(eds Marlow, B. & Tern, C.)"),
        ],
        "",
    )
    assert [n["family"] for n in csl["editor"]] == ["Marlow", "Tern"]


def test_mla_role_publisher_ends_the_names_after_the_last_and() -> None:
    """A role and a publisher cut elsewhere than at the names' end are cut again there; three names keep
    the comma between them; a place after the names stays a place."""
    cut_inside = [
        ("title", "Gulls."),
        ("translator", "Translated by Bea Marlow, Cal Tern, and Dee"),
        ("publisher", "Wren, T. J. Harbor,"),
        ("date", "2019."),
    ]
    assert REPAIR["mla-role-publisher"](cut_inside, "Gulls. Translated by ... 2019.")[1:3] == [
        ("translator", "Translated by Bea Marlow, Cal Tern, and Dee Wren,"),
        ("publisher", "T. J. Harbor,"),
    ]
    place = [("title", "Gulls."), ("editor", "Edited by Bea Marlow,"), ("location", "London,"), ("date", "2019.")]
    assert REPAIR["mla-role-publisher"](list(place), "Gulls. Edited by Bea Marlow, London, 2019.") == place


@pytest.mark.parametrize(
    "author, place",
    [
        ("Arden, K.", "Saltmarsh,"),
        ("Arden, Kay.", "London,"),
        ("Arden, Kay.", "Leeds: Tern,"),
        ("Arden, Kay.", "(Leeds),"),
    ],
)
def test_mla_publisher_year_leaves_places(author: str, place: str) -> None:
    """A one-word "place" stays one when the author has only initials (older styles name the place) or when
    it is a known place, a "Place: Publisher" or in parentheses."""
    segs = [("author", author), ("title", "Gulls at Dusk."), ("location", place), ("date", "2004.")]
    assert REPAIR["mla-publisher-year"](list(segs), "") == segs


def test_mla_book_entries_read_editors_translators_and_publisher() -> None:
    csl = to_csl(
        [
            ("author", "Arden, Kay."),
            ("title", "Gulls at Dusk."),
            ("editor", "Edited by Bea Marlow and Cal Tern, Pier & Quay,"),
            ("date", "2013."),
        ],
        "Arden, Kay. Gulls at Dusk. Edited by Bea Marlow and Cal Tern, Pier & Quay, 2013.",
    )
    assert [n["family"] for n in csl["editor"]] == ["Marlow", "Tern"]
    assert csl["publisher"] == "Pier & Quay" and "publisher-place" not in csl


def test_a_publisher_with_initials_or_an_abbreviation_keeps_them() -> None:
    # "W. W. Tern" and "St. Kilda Press": the full stops of a publisher's own name cut no title from it
    for name in ("W. W. Tern.", "St. Kilda Press."):
        segs = [("author", "Arden, K."), ("date", "(2010)."), ("publisher", name)]
        assert REPAIR["title-in-publisher"](list(segs), "") == segs


def test_common_book_forms_parse_with_their_title_and_publisher() -> None:
    from essayconv.references.parse import parse_reference

    apa = parse_reference("Arden, K. (2010). Gulls and society. Taylor & Francis.").csl
    assert (apa.get("title"), apa.get("publisher")) == ("Gulls and society", "Taylor & Francis")
    mla = parse_reference("Arden, Kay. Dusk. Farrar, Straus & Giroux, 2010.").csl
    assert (mla.get("title"), mla.get("publisher"), mla.get("publisher-place")) == (
        "Dusk",
        "Farrar, Straus & Giroux",
        None,
    )


def test_an_mla_book_s_publisher_read_as_a_journal_is_its_publisher_but_after_a_quoted_title() -> None:
    book = [("author", "Arden, Kay."), ("title", "Gulls at Dusk."), ("journal", "Pier & Quay,"), ("date", "1949.")]
    assert REPAIR["mla-publisher-year"](list(book), "") == [*book[:2], ("publisher", "Pier & Quay,"), book[3]]
    article = [("author", "Arden, Kay."), ("title", "“Gulls at Dusk.”"), ("journal", "Pier & Quay,"), ("date", "2019.")]
    assert REPAIR["mla-publisher-year"](list(article), "") == article


def test_a_medium_in_brackets_is_the_genre_and_a_translated_title_stays_in_the_title() -> None:
    video = [("author", "Gull Academy."), ("date", "(2017, March 3)."), ("note", "Dusk [Video]. SeaTube.")]
    assert REPAIR["apa-bracket-description"](list(video), "Gull Academy. (2017, March 3). Dusk [Video]. SeaTube.") == [
        *video[:2],
        ("title", "Dusk"),
        ("genre", "Video"),
        ("publisher", "SeaTube."),
    ]
    translated = [("author", "Arden, K."), ("date", "(2010)."), ("title", "La gaviota [The gull].")]
    raw = "Arden, K. (2010). La gaviota [The gull]."
    assert REPAIR["apa-bracket-description"](list(translated), raw) == translated


def test_a_journal_abbreviated_without_spaces_is_no_web_address() -> None:
    segs = [("author", "Arden, K."), ("date", "(2001)."), ("journal", "J.Biol.Chem,"), ("volume", "12,")]
    assert REPAIR["bare-url"](list(segs), "Arden, K. (2001). Gulls. J.Biol.Chem, 12, 1-5/6.") == segs


def test_the_cue_of_a_stamp_ends_no_field_and_from_after_it_is_no_note() -> None:
    # APA 6's web page: "Gull Board. (n.d.). Dusk. Retrieved March 1, 2023, from https://..."
    raw = "Gull Board. (n.d.). Dusk. Retrieved March 1, 2023, from https://gulls.org/dusk"
    segs = [
        ("author", "Gull Board."),
        ("publisher", "Dusk. Retrieved"),
        ("date", "March 1, 2023,"),
        ("note", "from"),
        ("url", "https://gulls.org/dusk"),
    ]
    assert REPAIR["stamps"](list(segs), raw) == [
        ("author", "Gull Board."),
        ("title", "Dusk."),
        ("accessed", "March 1, 2023,"),
        ("url", "https://gulls.org/dusk"),
    ]


def test_a_www_address_among_a_field_s_words_is_cut_out_as_the_url() -> None:
    raw = "Gull Board. “Dusk.” Gull Board, www.gulls.org/dusk. Accessed 14 Feb. 2023."
    segs = [("author", "Gull Board."), ("title", "“Dusk.”"), ("note", "Gull Board, www.gulls.org/dusk. Accessed")]
    assert REPAIR["bare-url"](list(segs), raw) == [
        ("author", "Gull Board."),
        ("title", "“Dusk.”"),
        ("note", "Gull Board,"),
        ("url", "www.gulls.org/dusk"),
        ("note", "Accessed"),
    ]


def test_ama_and_vancouver_books_end_with_the_publisher_before_a_semicolon_and_the_year() -> None:
    rule = REPAIR["semicolon-publisher"]
    # a chapter: the publisher ends the book's title field; a place there stays a place
    chapter = [
        ("title", "Moult."),
        ("editor", "In: Marlow B, ed."),
        ("container-title", "Notes on Terns: Essays for Gull Lovers. Harbour & Sons;"),
        ("date", "2008:"),
        ("pages", "45-60."),
    ]
    assert rule(chapter, "")[2:4] == [
        ("container-title", "Notes on Terns: Essays for Gull Lovers."),
        ("publisher", " Harbour & Sons;"),
    ]
    placed = chapter[:2] + [("container-title", "Proceedings of the Tern Meeting. London;")] + chapter[3:]
    assert rule(placed, "")[2:4] == [("container-title", "Proceedings of the Tern Meeting."), ("location", " London;")]
    # a publisher read as the place; a city alone stays (proceedings print their city: "Padua, Italy; 2001.")
    book = [("author", "Arden K."), ("title", "Gulls."), ("location", "Harbour & Sons;"), ("date", "1998.")]
    assert rule(book, "")[2] == ("publisher", "Harbour & Sons;")
    for city in ("Padua, Italy;", "Nashville, TN;", "Wiesbaden;"):
        kept = book[:2] + [("location", city), ("date", "1998.")]
        assert rule(kept, "") == kept
    # a journal: a full stop before the year, a volume after it
    article = [("title", "Gulls."), ("journal", "Tern Rev."), ("date", "2000;"), ("volume", "22:"), ("pages", "5-9.")]
    assert rule(article, "") == article
    parsed = to_csl(rule(book, ""), "Arden K. Gulls. Harbour & Sons; 1998.")
    assert (parsed.get("publisher"), parsed.get("publisher-place")) == ("Harbour & Sons", None)


def test_a_field_keeps_no_bracket_it_does_not_close() -> None:
    # Nature's "(Wiley-Interscience, New York, NY, 2001)": the publisher is cut out of a bracket the year closes
    from essayconv.references.parse import parse_reference

    csl = parse_reference("Arden, K. Gulls of the North Sea. (Harbour Press, New York, NY, 2001).").csl
    assert (csl.get("publisher"), csl.get("publisher-place")) == ("Harbour Press", "New York, NY")
    assert fields.clean_text("(Wiley-Interscience,") == "Wiley-Interscience"
    assert fields.clean_text("New York, 2001)") == "New York, 2001"
    assert fields.clean_text("(Re)thinking gulls") == "(Re)thinking gulls"
    assert fields.clean_text("(Technical report)") == "Technical report"


def test_nature_chapters_name_the_book_then_its_editors() -> None:
    # "in Book (eds A. Name & B. Name) pages (Publisher, Place, Year)": the book is the container, the names
    # its editors (the labeller reads the whole "in ... (eds ...)" as the editors)
    from essayconv.references.parse import parse_reference

    csl = parse_reference(
        "Arden, K. Gull moult. in Seabirds of the North (eds Marlow, B. & Quist, T. R.) 83–109 "
        "(Harbour Press, Leeds, 2001)."
    ).csl
    assert csl["container-title"] == "Seabirds of the North"
    assert [(n["family"], n["given"]) for n in csl["editor"]] == [("Marlow", "B."), ("Quist", "T. R.")]
    assert (csl["publisher"], csl["type"], csl["page"]) == ("Harbour Press", "chapter", "83-109")
    split = fields._split_editors([("editor", "in Werke (ed. Bollacher, M.)"), ("volume", "10")])
    assert split == [("container-title", "Werke"), ("editor", "ed. Bollacher, M."), ("volume", "10")]


def test_vancouver_web_references_keep_the_title_without_its_medium_and_the_date_cited() -> None:
    from essayconv.references.parse import parse_reference

    csl = parse_reference(
        "Arden K. Gull counts at dusk [Internet]. Leeds: Tern Press; 2010 [cited 2020 May 3]. "
        "Available from: http://example.org/gulls"
    ).csl
    assert csl["title"] == "Gull counts at dusk"
    assert csl["accessed"] == {"date-parts": [[2020, 5, 3]]} and csl["issued"] == {"date-parts": [[2010]]}
    assert csl["URL"] == "http://example.org/gulls"
    # the bracket of a title that is no medium stays ("[Self-portrait]")
    assert REPAIR["medium-after-title"]([("title", "Untitled [Self-portrait].")], "") == [
        ("title", "Untitled [Self-portrait].")
    ]


def test_an_abbreviated_journal_keeps_its_first_word() -> None:
    rule = REPAIR["title-tail-in-journal"]
    for journal in (
        "Phys. Rev. Lett.",
        "Renew. Sustain. Energy Rev.",
        "Geomech. Eng., Int. J.",
        "Proceedings. Research",
    ):
        segs = [("title", "Gulls."), ("journal", journal)]
        assert rule(segs, "") == segs, journal


def test_to_csl_names_the_segment_rules_that_changed_the_segments() -> None:
    # the confidence's "repaired" evidence: whether the repair table changed the labeller's fields
    fired: list[str] = []
    to_csl([("journal", "Seabird Rev."), ("volume", "2011;12(5):"), ("pages", "63-70.")], "", fired)
    assert fired == ["repair"]
    fired = []
    to_csl([("journal", "Seabird Rev."), ("date", "2011;"), ("volume", "12:"), ("pages", "63-70.")], "", fired)
    assert fired == []


@pytest.mark.parametrize(
    "segments, expected",
    [
        # no title segment: the words after the names are the title
        (
            [("author", "Arden, K. Gull Roosts at Dusk."), ("journal", "The Coast Times"), ("date", "(2016).")],
            [
                ("author", "Arden, K."),
                ("title", "Gull Roosts at Dusk."),
                ("journal", "The Coast Times"),
                ("date", "(2016)."),
            ],
        ),
        # no title, both abbreviated: the journal's first words (a journal article cited without its title)
        (
            [("author", "Arden, K. Tern Rev."), ("journal", "Coast. Stud."), ("volume", "4,"), ("pages", "12")],
            [("author", "Arden, K."), ("journal", "Tern Rev. Coast. Stud."), ("volume", "4,"), ("pages", "12")],
        ),
        # a middle name written out before the title
        (
            [("author", "Arden, K. Marlow."), ("title", "Gulls at dusk.")],
            [("author", "Arden, K. Marlow."), ("title", "Gulls at dusk.")],
        ),
        # names that go on: "and" with a name in natural order, a suffix, a particle, a number last
        (
            [("author", "Arden, K. Marlow, and Bea Tern."), ("title", "Gulls.")],
            [("author", "Arden, K. Marlow, and Bea Tern."), ("title", "Gulls.")],
        ),
        (
            [("author", "Arden, K. Jr. And Tern, B."), ("title", "Gulls.")],
            [("author", "Arden, K. Jr. And Tern, B."), ("title", "Gulls.")],
        ),
        ([("author", "Arden, K. de la."), ("title", "Gulls.")], [("author", "Arden, K. de la."), ("title", "Gulls.")]),
        (
            [("author", "Arden, K. Tern Review 4,"), ("pages", "12")],
            [("author", "Arden, K. Tern Review 4,"), ("pages", "12")],
        ),
    ],
)
def test_initial_names_end_only_where_a_title_begins(segments: list, expected: list) -> None:
    assert REPAIR["initial-names-end"](list(segments), " ".join(t for _, t in segments)) == expected


def test_year_ends_container_leaves_a_year_in_the_name_and_a_dated_reference() -> None:
    rule = REPAIR["year-ends-container"]
    in_name = [("title", "Gulls."), ("container-title", "In: Proceedings of GULLCON 2016."), ("pages", "1-9")]
    assert rule(list(in_name), "") == in_name  # no full stop or semicolon before the year: part of the name
    dated = [("journal", "Tern Rev. 2016;"), ("date", "2017")]
    assert rule(list(dated), "") == dated


def test_a_range_read_as_the_volume_of_an_article_with_no_pages_is_its_pages() -> None:
    # Vancouver's "Tern Rev. 2013;1–133.": no volume yet, the range after the year is the pages
    segs = [
        ("author", "Arden K."),
        ("title", "Gulls."),
        ("journal", "Tern Rev."),
        ("date", "2013;"),
        ("volume", "1–133."),
    ]
    csl = to_csl(segs, "Arden K. Gulls. Tern Rev. 2013;1–133.")
    assert csl["page"] == "1-133" and "volume" not in csl
    books = [("author", "Arden K."), ("title", "Gulls."), ("volume", "Vols. 1-3."), ("date", "2013.")]
    assert to_csl(books, "Arden K. Gulls. Vols. 1-3. 2013.")["volume"] == "1-3"


def test_a_title_that_opens_with_a_season_keeps_it() -> None:
    from essayconv.references.parse import parse_reference

    csl = parse_reference("Quinn, Pat. Winter Harbours. Norton, 1999.").csl
    assert (csl["title"], csl["publisher"], csl["issued"]) == ("Winter Harbours", "Norton", {"date-parts": [[1999]]})


@pytest.mark.parametrize(
    "segs",
    [
        # beside its year, or before a day or a page number, the word stays the date
        [
            ("author", "Quinn, P."),
            ("title", "Harbours."),
            ("journal", "Sea Review,"),
            ("date", "Winter"),
            ("date", "1999."),
        ],
        [
            ("author", "Quinn, P."),
            ("date", "1999."),
            ("title", "Harbours."),
            ("journal", "Tide,"),
            ("date", "May"),
            ("volume", "11."),
        ],
    ],
)
def test_stray_date_word_leaves_a_date_beside_its_year_or_a_number(segs: list[tuple[str, str]]) -> None:
    assert REPAIR["stray-date-word"](list(segs), "") == segs


@pytest.mark.parametrize(
    ("raw", "accessed"),
    [
        # the stamp after the address, in the forms the corpus shows (every text invented for the test)
        ("Gull Trust. Roost counts. Retrieved from http://gulls.example/roosts on April 12, 2008.", [2008, 4, 12]),
        ("Roost counts, http://gulls.example/roosts, accessed 3/20/2008.", [2008, 3, 20]),
        ("Gull Trust (2007), “Roost counts”, http://gulls.example/roosts, viewed on Oct. 14, 2008", [2008, 10, 14]),
        ("Gull Trust. Roost counts. <http://gulls.example/roosts>. Accessed 9 January 2008.", [2008, 1, 9]),
    ],
)
def test_an_access_stamp_after_the_address_is_the_access_date_only(raw: str, accessed: list[int]) -> None:
    from essayconv.references.parse import parse_reference

    csl = parse_reference(raw).csl
    assert csl["accessed"] == {"date-parts": [accessed]}
    assert csl["URL"] == "http://gulls.example/roosts"
    assert csl.get("issued") != csl["accessed"]  # (the date the page was read is not the work's)
    assert not {"volume", "page", "container-title"} & set(csl)


def test_a_note_keeps_its_words_before_an_access_stamp() -> None:
    # "Dallas, Texas. Accessed 10/30/2018" read as one note: the date is the access date, "Texas" stays a note
    segs = [("title", "Roost counts of the northern shore."), ("note", "Texas. Accessed 10/30/2018")]
    item = to_csl(segs, "Roost counts of the northern shore. Texas. Accessed 10/30/2018")
    assert item["accessed"] == {"date-parts": [[2018, 10, 30]]}
    assert "Texas" in item["note"]


def test_stray_date_word_with_no_year_in_any_date_goes_to_the_text_after_it() -> None:
    # the year read into a note ("... Accessed February 17, 2019."): "Winter" is still the title's first word
    segs = [
        ("author", "Quinn, Pat."),
        ("date", "Winter"),
        ("title", "Harbours: A Field Guide."),
        ("note", "Coast Press. Accessed February 17, 2019."),
    ]
    raw = "Quinn, Pat. Winter Harbours: A Field Guide. Coast Press. Accessed February 17, 2019."
    assert REPAIR["stray-date-word"](segs, raw)[1] == ("title", "Winter Harbours: A Field Guide.")


@pytest.mark.parametrize(
    ("segs", "kept"),
    [
        # a page label goes (the pages after it are the field); a season, a roman numeral, a labelled volume,
        # and a word that cannot end a journal's name stay the volume
        (
            [("journal", "Shore Birds."), ("volume", "Pp."), ("pages", "37-69.")],
            [("journal", "Shore Birds."), ("pages", "37-69.")],
        ),
        ([("journal", "Tide News,"), ("volume", "Autumn,"), ("pages", "24-25.")], None),
        ([("journal", "Tide Review,"), ("volume", "vol. XLII,"), ("pages", "p. 164.")], None),
        ([("journal", "Tide Studies on Shore"), ("volume", "and"), ("pages", "development")], None),
    ],
)
def test_volume_without_figure_drops_page_labels_and_keeps_volumes_as_written(segs: list, kept: list | None) -> None:
    assert REPAIR["volume-without-figure"](segs, " ".join(t for _, t in segs)) == (segs if kept is None else kept)


@pytest.mark.parametrize(
    ("title", "section", "manual"),
    [
        # the course's name alone before the department that issues its manual, and "Manuel" as students write it
        ("Measuring wing length. Marine Ecology.", "Measuring wing length.", "Marine Ecology."),
        (
            "Measuring wing length. Marine Ecology BIO210 Laboratory Manuel.",
            "Measuring wing length.",
            "Marine Ecology BIO210 Laboratory Manuel.",
        ),
    ],
)
def test_manual_section_reads_the_course_before_its_department(title: str, section: str, manual: str) -> None:
    segs = [("author", "Marlow BK."), ("title", title), ("publisher", "Dept. Biology, Harbour College,")]
    raw = " ".join(t for _, t in segs)
    assert REPAIR["manual-section"](segs, raw)[1:3] == [("title", section), ("container-title", manual)]


def test_manual_section_leaves_a_two_sentence_title_without_a_department_or_manual() -> None:
    segs = [("author", "Marlow BK."), ("title", "Gulls at dusk. A Field Study."), ("publisher", "Harbour Press,")]
    assert REPAIR["manual-section"](segs, " ".join(t for _, t in segs)) == segs


def test_a_title_cut_in_two_by_a_rule_keeps_both_pieces() -> None:
    # The names run into the title ("Marlow BK, Dene A. Gulls:") and the rest of the title is labelled
    # title: vancouver-lead ends the names at "A." and opens the title with "Gulls:" (the second piece was
    # dropped, as a second title is when a journal is labelled); where a rule leaves the two pieces side by
    # side, join-pieces makes them one
    raw = "Marlow BK, Dene A. Gulls: A field guide to moult. Coast Notes. 2011;4(2):1-9."
    segs = [
        ("author", "Marlow BK, Dene A. Gulls:"),
        ("title", "A field guide to moult."),
        ("journal", "Coast Notes."),
        ("date", "2011;"),
        ("volume", "4"),
        ("issue", "(2):"),
        ("pages", "1-9."),
    ]
    fired: list[str] = []
    csl = to_csl(segs, raw, fired)
    assert csl["title"] == "Gulls: A field guide to moult"
    assert csl["container-title"] == "Coast Notes"
    assert fired == ["repair"]
    from essayconv.references.fields import _join_pieces

    assert _join_pieces([("author", "Dene A."), ("title", "Gulls:"), ("title", "A field guide.")], raw) == [
        ("author", "Dene A."),
        ("title", "Gulls: A field guide."),
    ]
    # two titles apart are two fields, as before: the second is the container when none is labelled
    apart = to_csl([("title", "Gull wing moult."), ("date", "2011."), ("title", "Coast Notes.")], raw)
    assert apart["title"] == "Gull wing moult" and apart["container-title"] == "Coast Notes"


@pytest.mark.parametrize(
    ("title", "journal", "expected_title"),
    [
        # a colon: the subtitle follows
        ("The Lore of ‘Tide’:", "Notes on Gull Roosts. Coast Ethics.", "The Lore of ‘Tide’: Notes on Gull Roosts."),
        # a plural's possessive with no opening quotation mark
        (
            "From Dunes to Marsh Reading Wardens’",
            "Tidal Logic. Journal of Coast Lore.",
            "From Dunes to Marsh Reading Wardens’ Tidal Logic.",
        ),
    ],
)
def test_open_title_end_takes_back_what_follows_a_colon_or_a_possessive(
    title: str, journal: str, expected_title: str
) -> None:
    segs = [("author", "Arden K."), ("title", title), ("journal", journal), ("date", "2006;")]
    out = REPAIR["open-title-end"](list(segs), "")
    assert out[1] == ("title", expected_title)
    assert out[2][0] == "journal" and out[2][1] in ("Coast Ethics.", "Journal of Coast Lore.")


@pytest.mark.parametrize("title", ["Gulls in ‘the Dunes’", "A Gull’s Year.", "Wardens’ Notes."])
def test_open_title_end_leaves_a_closed_quotation_or_a_possessive_inside(title: str) -> None:
    segs = [("author", "Arden K."), ("title", title), ("journal", "Tidal Logic. Coast Lore."), ("date", "2006;")]
    assert REPAIR["open-title-end"](list(segs), "") == segs


def test_title_tail_in_journal_makes_the_sentence_the_title_when_none_is_labelled() -> None:
    rule = REPAIR["title-tail-in-journal"]
    segs = [
        ("author", "Arden, K. & Dene, M."),
        ("journal", "Gull Roosts at Nightfall. Coastal Research"),
        ("volume", "24,"),
    ]
    assert rule(list(segs), "") == [
        ("author", "Arden, K. & Dene, M."),
        ("title", "Gull Roosts at Nightfall."),
        ("journal", "Coastal Research"),
        ("volume", "24,"),
    ]
    # a short last word after another word ends a title too ("... Study Group. J Clin Oncol")
    after_title = [("title", "Gull counts."), ("journal", "Tern Study Group. Seabird Research"), ("volume", "7")]
    assert rule(list(after_title), "")[:2] == [
        ("title", "Gull counts. Tern Study Group."),
        ("journal", "Seabird Research"),
    ]
    # an abbreviated journal's first word is no title ("Astrophys. J."), nor a sentence when a title is labelled
    for kept in (
        [("author", "Arden, K."), ("journal", "Astrophys. J."), ("volume", "517,")],
        [("title", "Gulls."), ("date", "2001."), ("journal", "Gull Roosts at Dusk. Coastal Research")],
    ):
        assert rule(list(kept), "") == kept


ROLE = dict(fields._SEGMENT_RULES)["role-phrases"]


@pytest.mark.parametrize(
    ("raw", "segments", "expected"),
    [
        # two roles read as one editor: the translator's name is no editor's
        (
            "Arden, K. “Gulls.” In Tern Lore, edited by Mara J. Dene, translated by Olek Finn. Shore Press.",
            [
                ("author", "Arden, K."),
                ("title", "“Gulls.”"),
                ("container-title", "In Tern Lore,"),
                ("editor", "edited by Mara J. Dene, translated by Olek Finn."),
                ("publisher", "Shore Press."),
            ],
            [
                ("author", "Arden, K."),
                ("title", "“Gulls.”"),
                ("container-title", "In Tern Lore,"),
                ("editor", "edited by Mara J. Dene"),
                ("translator", "translated by Olek Finn"),
                ("publisher", "Shore Press."),
            ],
        ),
        # the role words left unlabelled, its names read as the publisher's (MLA: the publisher after a comma)
        (
            "Arden, Kai. Gulls. Translated by Olek Finn, Shore Books, 1995.",
            [
                ("author", "Arden, Kai."),
                ("title", "Gulls."),
                ("publisher", "Olek Finn, Shore Books,"),
                ("date", "1995."),
            ],
            [
                ("author", "Arden, Kai."),
                ("title", "Gulls."),
                ("translator", "Translated by Olek Finn"),
                ("publisher", "Shore Books,"),
                ("date", "1995."),
            ],
        ),
        # the translator read on past the names' full stop; the publisher goes on in the next segment
        (
            "Arden, Kai. Gulls. Translated by Olek Finn. Shore Brace Bailey, 1974.",
            [
                ("author", "Arden, Kai."),
                ("title", "Gulls."),
                ("translator", "Translated by Olek Finn. Shore Brace"),
                ("location", "Bailey,"),
                ("date", "1974."),
            ],
            [
                ("author", "Arden, Kai."),
                ("title", "Gulls."),
                ("translator", "Translated by Olek Finn"),
                ("publisher", "Shore Brace Bailey,"),
                ("date", "1974."),
            ],
        ),
        # the names cut at an initial: the name's last word is in the next segment, and the container's last
        # words in the editor's
        (
            "Arden, K. “Gulls.” In Essays for M. R. Dene, edited by A. B. Finn and Tomas G. Holt. Shore Press.",
            [
                ("author", "Arden, K."),
                ("title", "“Gulls.”"),
                ("container-title", "In Essays for"),
                ("editor", "M. R. Dene, edited by A. B. Finn and Tomas G."),
                ("publisher", "Holt. Shore Press."),
            ],
            [
                ("author", "Arden, K."),
                ("title", "“Gulls.”"),
                ("container-title", "In Essays for"),
                ("container-title", "M. R. Dene,"),
                ("editor", "edited by A. B. Finn and Tomas G. Holt"),
                ("publisher", "Shore Press."),
            ],
        ),
    ],
)
def test_role_phrases_cut_each_role_out_with_its_names(raw: str, segments: list, expected: list) -> None:
    assert ROLE(segments, raw) == expected


@pytest.mark.parametrize(
    ("raw", "segments"),
    [
        # the labeller's own cut (its punctuation is left for mla-role-publisher)
        (
            "Arden, K. Gulls, edited by Mara Dene, Shore Books, 2008.",
            [
                ("author", "Arden, K."),
                ("title", "Gulls,"),
                ("editor", "edited by Mara Dene,"),
                ("publisher", "Shore Books,"),
            ],
        ),
        # an organisation, and names that go on past what the names' pattern takes
        (
            "Gulls. Edited by Association of Shore Wardens, 1970.",
            [("title", "Gulls."), ("editor", "Edited by Association of Shore Wardens,"), ("date", "1970.")],
        ),
        (
            "Gulls. Edited by Japan Association of Wardens (Nihon Kyokai), 1970.",
            [
                ("title", "Gulls."),
                ("editor", "Edited by Japan Association of Wardens (Nihon Kyokai),"),
                ("date", "1970."),
            ],
        ),
        # a place before its publisher's colon is no name
        (
            "Arden K. Gulls. In Shore Lore, edited by Dene R. L. and Finn W. U. Boulder: Shore Society, 2010.",
            [
                ("author", "Arden K. Gulls."),
                ("container-title", "In Shore Lore,"),
                ("editor", "edited by Dene R. L. and Finn W. U."),
                ("location", "Boulder:"),
                ("publisher", "Shore Society,"),
            ],
        ),
    ],
)
def test_role_phrases_leave_what_the_labeller_cut_right(raw: str, segments: list) -> None:
    assert ROLE(segments, raw) == segments


def test_role_phrases_keep_a_reference_s_translator_and_publisher() -> None:
    csl = to_csl(
        [("author", "Arden, Kai."), ("title", "Gulls."), ("publisher", "Olek Finn, Shore Books,"), ("date", "1995.")],
        "Arden, Kai. Gulls. Translated by Olek Finn, Shore Books, 1995.",
    )
    assert csl["translator"] == [{"family": "Finn", "given": "Olek"}]
    assert csl["publisher"] == "Shore Books"


def test_open_title_end_takes_back_a_decade_read_as_the_date() -> None:
    segs = [("author", "Arden, K."), ("title", "Gull Colonies of the"), ("date", "1980s."), ("pages", "19-23.")]
    assert REPAIR["open-title-end"](list(segs), "") == [
        ("author", "Arden, K."),
        ("title", "Gull Colonies of the 1980s."),
        ("pages", "19-23."),
    ]
    # a date with a year stays the date
    dated = [("author", "Arden, K."), ("title", "Gull Colonies of the"), ("date", "1980.")]
    assert REPAIR["open-title-end"](list(dated), "") == dated


def test_year_ends_title_keeps_a_year_that_opens_a_subtitle() -> None:
    segs = [
        ("author", "Arden, K."),
        ("title", "Gull Counts"),
        ("date", "2010:"),
        ("title", "The Report of the Coast Survey."),
        ("location", "(Leeds,"),
        ("date", "2011)."),
    ]
    assert REPAIR["year-ends-title"](list(segs), "") == [
        ("author", "Arden, K."),
        ("title", "Gull Counts 2010: The Report of the Coast Survey."),
        ("location", "(Leeds,"),
        ("date", "2011)."),
    ]
    # the year that dates the work, with no other date after it, stays the date
    dated = [("author", "Arden, K."), ("title", "Gull Counts"), ("date", "2010:"), ("title", "The Report.")]
    assert REPAIR["year-ends-title"](list(dated), "") == dated


def test_vancouver_genre_in_brackets_after_the_title_is_the_genre() -> None:
    rule = REPAIR["medium-after-title"]
    assert rule([("title", "Tidal flats of the north [dissertation].")], "") == [
        ("title", "Tidal flats of the north."),
        ("genre", "dissertation"),
    ]
    # a medium and a genre, each taken off in turn
    assert rule([("title", "Gull counts [Masters Thesis] [Internet].")], "") == [
        ("title", "Gull counts."),
        ("genre", "Masters Thesis"),
        ("medium", "Internet"),
    ]
    from essayconv.references.parse import parse_reference

    csl = parse_reference("Lane P. Tidal flats of the north [dissertation]. Leeds: University of Leeds; 2001.").csl
    assert (csl["title"], csl["genre"], csl["type"]) == ("Tidal flats of the north", "dissertation", "thesis")


def test_a_title_read_on_into_the_chapters_book_ends_before_in_colon() -> None:
    segs = [
        ("author", "Reiner H, Ulm M."),
        ("title", "Gull colonies of the coast. In: Gast B, Jung H, editors. Seabirds of the North."),
        ("location", "Leeds;"),
        ("date", "2008."),
    ]
    assert REPAIR["book-in-title"](list(segs), "") == [
        ("author", "Reiner H, Ulm M."),
        ("title", "Gull colonies of the coast."),
        ("container-title", "In: Gast B, Jung H, editors. Seabirds of the North."),
        ("location", "Leeds;"),
        ("date", "2008."),
    ]
    from essayconv.references.fields import to_csl

    csl = to_csl(segs, "")
    assert csl["title"] == "Gull colonies of the coast" and csl["container-title"] == "Seabirds of the North"
    assert [n["family"] for n in csl["editor"]] == ["Gast", "Jung"] and csl["type"] == "chapter"
    # "In" without its colon may open a title's sentence ("In the North")
    plain = [("title", "Gulls. In the North they nest late.")]
    assert REPAIR["book-in-title"](list(plain), "") == plain


def test_a_journals_name_read_on_into_its_volume_gives_the_volume_its_words() -> None:
    rule = REPAIR["volume-in-container"]
    assert rule([("journal", "Coast Research, Volume"), ("volume", "66,"), ("date", "2014,")], "") == [
        ("journal", "Coast Research,"),
        ("volume", "Volume 66,"),
        ("date", "2014,"),
    ]
    assert rule([("journal", "Journal of Gulls, XXVII,"), ("date", "1949,")], "") == [
        ("journal", "Journal of Gulls,"),
        ("volume", "XXVII,"),
        ("date", "1949,"),
    ]
    # a part or series numeral names the journal's part; a second volume is never made
    for segs in (
        [("journal", "Annals of the Coast, Part II,"), ("date", "1990.")],
        [("journal", "Gull Notes, IV,"), ("volume", "12,")],
    ):
        assert rule(list(segs), "") == segs


def test_a_title_whose_last_comma_part_names_no_journal_stays_whole() -> None:
    rule = REPAIR["journal-in-title"]
    for segs in (
        # a sentence-case part, a part that names no journal, a journal already labelled
        [("title", "Gulls of the coast, and the journal of a winter,"), ("date", "2010.")],
        [("title", "Gulls of the North Sea, Winter Counts and Moult,"), ("volume", "4,")],
        [("title", "Gulls of the coast, Tern Review,"), ("journal", "Seabirds,"), ("volume", "4,")],
    ):
        assert rule(list(segs), "") == segs


def test_an_update_stamps_date_cut_in_two_is_read_whole() -> None:
    # a course manual's only date is its version's update: "August 2," read as a note and "2018)," as the date
    raw = "Arden K. Gulls. Tern Lab Manual. Vers. 18.2 (updated August 2, 2018), pp. 17-18."
    segs = [
        ("author", "Arden K."),
        ("title", "Gulls."),
        ("container-title", "Tern Lab Manual."),
        ("note", "Vers. 18.2 (updated August 2,"),
        ("date", "2018),"),
        ("pages", "pp. 17-18."),
    ]
    out = REPAIR["stamps"](list(segs), raw)
    assert out[3:] == [("note", "Vers. 18.2 (updated"), ("updated", "August 2, 2018"), ("pages", "pp. 17-18.")]
    from essayconv.references.fields import to_csl

    assert to_csl(segs, raw)["issued"] == {"date-parts": [[2018, 8, 2]]}


def test_a_containers_colon_without_a_place_before_it_stays_in_the_container() -> None:
    rule = REPAIR["publisher-in-container"]
    for segs in (
        # a subtitle after a colon, no full stop before a place
        [("container-title", "Seabirds: A Handbook of the North,"), ("pages", "pp. 9-42.")],
        # a publisher already labelled
        [("container-title", "Seabirds. Leeds: Tern Press,"), ("publisher", "Gull Books"), ("pages", "pp. 9-42.")],
    ):
        assert rule(list(segs), "") == segs


def test_names_that_merely_hold_a_journals_word_stay_names() -> None:
    rule = REPAIR["journal-as-names"]
    for segs in (
        [("author", "Arden JA."), ("title", "Gulls."), ("volume", "12:")],  # a Vancouver name: initials last
        [("author", "Arden, K. & Marlow, B."), ("volume", "12,")],
        [("author", "Monto. Blood."), ("date", "1990;"), ("volume", "79:")],  # a name, then the journal
        [("author", "Tern Review Board"), ("title", "Gulls.")],  # no volume: a report's body
    ):
        assert rule(list(segs), "") == segs


@pytest.mark.parametrize(
    "names",
    [
        "Arden, K. P., Voss, L. M.:",  # a name list closed by a colon after its initials
        "Arden, Kay, Voss, Lena:",  # full given names: "Lena" ends the last name
        "Arden, K. and S. K. Gullwatch:",  # initials first: "S. K. Gullwatch" is a name
        "Arden, K., Eds.:",
    ],
)
def test_title_head_in_names_leaves_a_name_list_that_ends_at_its_colon(names: str) -> None:
    segs = [("author", names), ("title", "A census of roosts.")]
    assert REPAIR["title-head-in-names"](list(segs), "") == segs


def test_volume_of_series_reads_a_work_taken_for_its_container_as_the_title() -> None:
    segs = [
        ("editor", "Arden, K. (Ed.)."),
        ("date", "(1990)."),
        ("journal", "Coastal Birds,"),
        ("volume", "vol. 1"),
        ("title", "of Shore Studies Series."),
    ]
    assert REPAIR["volume-of-series"](list(segs), "") == [
        ("editor", "Arden, K. (Ed.)."),
        ("date", "(1990)."),
        ("title", "Coastal Birds,"),
        ("volume", "vol. 1"),
        ("container-title", "Shore Studies Series."),
    ]


def test_genre_as_field_keeps_journals_and_titles_that_name_more_than_a_kind() -> None:
    segs = [("author", "Arden, K."), ("title", "Manuscript."), ("journal", "Dissertation Abstracts International,")]
    assert REPAIR["genre-as-field"](list(segs), "") == segs
    alone = [("author", "Arden, K."), ("title", "Personal communication."), ("date", "2005.")]
    assert REPAIR["genre-as-field"](list(alone), "Arden, K. Personal communication. 2005.")[1] == (
        "genre",
        "Personal communication.",
    )


@pytest.mark.parametrize(
    "title, journal",
    [
        ("Gulls, Terns.", "Ibis"),  # no journal's abbreviation after the comma
        ("Gull roosts,", "Phys. Rev. Lett."),  # the cut is already at the comma
        ("Gull roosts.", "Shore Compos. Struct., Int. J."),  # the comma is inside the journal's name
    ],
)
def test_journal_opening_in_title_leaves_cuts_at_the_journal(title: str, journal: str) -> None:
    segs = [("author", "K. Arden,"), ("title", title), ("journal", journal), ("volume", "12")]
    assert REPAIR["journal-opening-in-title"](list(segs), "") == segs


@pytest.mark.parametrize(
    "journal",
    [
        "Shore Processing Magazine, IEEE,",  # IEEE's journals written inverted: the name's own
        "Tern Studies, Part A,",  # no organisation
        "Development, Journal of the Shore Society,",  # a journal after the comma
        "Math. Gullforsch. Statist., Ser. Statistics",  # an abbreviated series
    ],
)
def test_publisher_after_journal_leaves_names_that_end_otherwise(journal: str) -> None:
    segs = [("author", "Arden, K."), ("title", "Gull roosts."), ("journal", journal), ("volume", "12,")]
    assert REPAIR["publisher-after-journal"](list(segs), "") == segs


@pytest.mark.parametrize(
    "title, genre",
    [
        ("Gull roosts in winter PhD thesis", "PhD thesis"),
        ("Gull roosts in winter. Unpublished manuscript.", "Unpublished manuscript"),
        ("Gull roosts in winter, Preprint.", "Preprint"),
        ("The Voynich Manuscript.", None),  # a title's own last word
        ("Gull roosts. Manuscript.", "Manuscript"),
        ("Manuscript.", None),
    ],
)
def test_kind_ends_title_reads_the_kind_after_a_stop(title: str, genre: str | None) -> None:
    segs = [("author", "Arden, K."), ("title", title), ("date", "1995.")]
    got = dict(REPAIR["kind-ends-title"](list(segs), ""))
    assert got.get("genre") == genre


def test_an_edition_that_ends_a_title_without_its_full_stop_is_the_edition() -> None:
    csl = to_csl(
        [("author", "Arden, K.,"), ("title", "Gull Roosts and Tides, 4th Ed,"), ("publisher", "Tern Press")], ""
    )
    assert (csl["title"], csl["edition"]) == ("Gull Roosts and Tides", "4")


@pytest.mark.parametrize(
    "author, title",
    [
        ("Arden, K.", "VOSS, Jean. Les goélands."),  # the author not written in the capitals' style
        ("ARDEN, Katell.", "GULLS, TERNS AND SKUAS. A survey."),  # a title in capitals
        ("ARDEN, Katell.", "VOSS, Jean."),  # nothing would be left of the title
    ],
)
def test_caps_names_in_title_moves_only_names_written_the_authors_way(author: str, title: str) -> None:
    segs = [("author", author), ("title", title)]
    assert REPAIR["caps-names-in-title"](list(segs), "") == segs


@pytest.mark.parametrize(
    "place, publisher, raw",
    [
        ("London:", "Tern Press,", "Gull Roosts. London: Tern Press, 1998."),  # a colon between them
        ("New York", "Tern Press,", "Gull Roosts. New York Tern Press, 1998."),  # a known city, its colon forgotten
        ("Boulder, CO.", "Tern Press", "Gull Roosts. Tern Press Boulder, CO."),  # a city and its state
        (",Bristol", "Tern", "Gull Roosts. (Tern ,Bristol, 1998)."),  # a comma in between
    ],
)
def test_publisher_in_one_piece_keeps_places_that_are_set_apart(place: str, publisher: str, raw: str) -> None:
    first = raw.index(place) < raw.index(publisher)
    segs = [("title", "Gull Roosts.")] + (
        [("location", place), ("publisher", publisher)] if first else [("publisher", publisher), ("location", place)]
    )
    assert REPAIR["publisher-in-one-piece"](list(segs), raw) == segs


def test_harvard_no_date_in_a_title_is_the_date_saying_there_is_none() -> None:
    raw = "Gull Atlas of the North (no date). Available at: https://gulls.example/atlas.html."
    segs = [
        ("title", "Gull Atlas of the North (no date)."),
        ("note", "Available at:"),
        ("url", "https://gulls.example/atlas.html."),
    ]
    assert REPAIR["no-date"](list(segs), raw)[:2] == [("title", "Gull Atlas of the North"), ("date", "(no date).")]
    assert to_csl(segs, raw)["title"] == "Gull Atlas of the North"


@pytest.mark.parametrize("journal", ["Arch. Seabird Res.", "GuL, Seabird Res.", "Seabird Research."])
def test_family_before_journal_leaves_journals_that_open_otherwise(journal: str) -> None:
    segs = [("journal", journal), ("volume", "53"), ("pages", "481.")]
    assert REPAIR["family-before-journal"](list(segs), "") == segs


def test_publisher_before_volume_keeps_a_publisher_s_own_name() -> None:
    segs = [
        ("author", "Arden K."),
        ("title", "Gull roosts."),
        ("publisher", "Springer Verlag"),
        ("volume", "5:"),
        ("pages", "36-40."),
    ]
    assert REPAIR["publisher-before-volume"](list(segs), "") == segs


def test_year_range_after_a_title_stays_the_pages_of_an_undated_or_unended_title() -> None:
    undated = [("title", "Gull Colonies,"), ("pages", "1885-1915.")]
    assert REPAIR["year-range-ends-title"](list(undated), "") == undated
    article = [("title", "Gull roosts."), ("journal", "Tern Review"), ("pages", "1885-1915."), ("date", "1990.")]
    assert REPAIR["year-range-ends-title"](list(article), "") == article


def test_a_book_s_page_count_is_its_number_of_pages() -> None:
    raw = "ARDEN, K. Les goélands. Brest : Tern, 1990. 494 p."
    segs = [
        ("author", "ARDEN, K."),
        ("title", "Les goélands."),
        ("location", "Brest :"),
        ("publisher", "Tern,"),
        ("date", "1990."),
        ("pages", "494 p."),
    ]
    csl = to_csl(segs, raw)
    assert (csl["number-of-pages"], csl.get("page")) == ("494", None)


@pytest.mark.parametrize(
    "segs, raw",
    [
        ([("journal", "Gull Review,"), ("volume", "(41)"), ("pages", "15-21.")], "Gull Review, (41)15-21."),
        (
            [("journal", "Gull Review,"), ("date", "1997,"), ("volume", "(3):"), ("pages", "229-244")],
            "Gull Review, 1997, (3): 229-244",
        ),
    ],
)
def test_issue_without_volume_leaves_a_volume_typed_in_parentheses(segs: list, raw: str) -> None:
    assert REPAIR["issue-without-volume"](list(segs), raw) == segs


def test_vancouver_issue_after_the_year_is_the_issue() -> None:
    raw = "Arden K. Goélands. Oiseaux. 2009;(1):91-106."
    segs = [("journal", "Oiseaux."), ("date", "2009;"), ("volume", "(1):"), ("pages", "91-106.")]
    assert REPAIR["issue-without-volume"](list(segs), raw)[2] == ("issue", "(1):")


def test_repeat_sign_then_title_gives_the_title_its_first_words() -> None:
    segs = [("author", "______. In"), ("title", "Gullis epistulam tractatus x."), ("journal", "PL")]
    assert REPAIR["repeat-sign-then-title"](list(segs), "") == [
        ("author", "______."),
        ("title", "In Gullis epistulam tractatus x."),
        ("journal", "PL"),
    ]
    plain = [("author", "———."), ("title", "Goélands.")]
    assert REPAIR["repeat-sign-then-title"](list(plain), "") == plain


def test_volume_of_series_after_a_book_keeps_the_series_as_the_collection() -> None:
    segs = [
        ("title", "Gull calls."),
        ("container-title", "Shore Control,"),
        ("volume", "volume 402"),
        ("collection-title", "of Lecture Notes in Gulls,"),
    ]
    assert REPAIR["volume-of-series"](list(segs), "")[-1] == ("collection-title", "Lecture Notes in Gulls,")
    csl = to_csl(segs + [("pages", "pages 195-210.")], "")
    assert (csl["container-title"], csl["collection-title"]) == ("Shore Control", "Lecture Notes in Gulls")


def test_the_rules_leave_what_the_labeller_read_right_in_kinds_near_theirs() -> None:
    # a series' name with its organisation, not a journal and its publisher
    series = [
        ("title", "Forest insects."),
        ("journal", "Miscellaneous publications, Tern Department of Agriculture"),
        ("volume", "1175:"),
        ("pages", "1-642"),
    ]
    assert REPAIR["publisher-after-journal"](list(series), "") == series
    # a volume typed in parentheses after the journal's name
    raw = 'Arden, K. "Gulls," Journal of the Tern Society (25), 1978, pages 675-686.'
    acm = [
        ("journal", "Journal of the Tern Society"),
        ("volume", "(25),"),
        ("date", "1978,"),
        ("pages", "pages 675-686."),
    ]
    assert REPAIR["issue-without-volume"](list(acm), raw) == acm
    # two places, each with its publisher
    raw = "Gull Law (London: SCM and Bristol: Tern Press, 1990)."
    two = [
        ("title", "Gull Law"),
        ("location", "(London:"),
        ("publisher", "SCM"),
        ("location", "and Bristol:"),
        ("publisher", "Tern Press,"),
    ]
    assert REPAIR["publisher-in-one-piece"](list(two), raw) == two
    # an abbreviated journal's name throughout
    abbreviated = [("journal", "Internat. J. Gull Phys.,"), ("volume", "38,"), ("pages", "1113-1133")]
    assert REPAIR["family-before-journal"](list(abbreviated), "") == abbreviated


def test_the_course_manual_s_department_and_version_stay_the_publisher_s() -> None:
    # the SWP course manual: "Vers. 18.2" read as a volume after the department must not make it a journal
    segs = [
        ("author", "Arden KD."),
        ("title", "Gull Behavior."),
        ("container-title", "Shore Principles Laboratory Manual."),
        ("publisher", "Dept. Biology, Tern Forest University, Harbor, NC. Vers."),
        ("volume", "18.2"),
        ("pages", "pp. 5-24."),
    ]
    assert REPAIR["publisher-before-volume"](list(segs), "") == segs
    no_title = [
        ("author", "Arden KD."),
        ("title", "Gull Behavior."),
        ("publisher", "Tern Institute"),
        ("volume", "3:"),
        ("pages", "31."),
    ]
    assert REPAIR["publisher-before-volume"](list(no_title), "") == no_title


def test_volume_of_series_leaves_a_title_that_opens_with_of_after_a_number() -> None:
    segs = [
        ("author", "Arden, K. (2003, February 10)."),
        ("volume", "1"),
        ("title", "of every 3 gulls stays ashore."),
        ("journal", "The Tern Star,"),
    ]
    assert REPAIR["volume-of-series"](list(segs), "") == segs


def test_repeat_sign_with_its_date_is_left_to_the_date() -> None:
    segs = [("author", "------. 1978b."), ("title", "Gull Law."), ("publisher", "Tern Press.")]
    assert REPAIR["repeat-sign-then-title"](list(segs), "") == segs


def test_lead_in_container_reads_a_status_and_leaves_a_journal_named_transactions() -> None:
    status = [
        ("title", "“Gull roosts,”"),
        ("container-title", "to appear in GULLCON'05, Shore Conf.,"),
        ("date", "2005"),
    ]
    assert REPAIR["lead-in-container"](list(status), "")[1:3] == [
        ("note", "to appear in"),
        ("container-title", "GULLCON'05, Shore Conf.,"),
    ]
    transactions = [("title", "Gull roosts."), ("journal", "Trans. Amer. Gull Soc."), ("volume", "13")]
    assert REPAIR["lead-in-container"](list(transactions), "") == transactions


def test_preprint_mark_makes_the_words_before_it_the_journal_when_none_is_read() -> None:
    segs = [("author", "Arden, K. (2001)"), ("title", "“Gull roosts,”"), ("note", "Shore Research Letters [Preprint].")]
    assert REPAIR["preprint-mark"](list(segs), "")[2:] == [
        ("journal", "Shore Research Letters"),
        ("note", "[Preprint]."),
    ]


def test_book_in_editors_leaves_editors_alone_and_a_book_read_already() -> None:
    alone = [("title", "“Gull roosts,”"), ("editor", "L. M. Voss and J. Tern, Eds.,")]
    assert REPAIR["book-in-editors"](list(alone), "") == alone
    read = [("title", "“Gull roosts,”"), ("container-title", "Shore Studies,"), ("editor", "in part, L. M. Voss, Ed.,")]
    assert REPAIR["book-in-editors"](list(read), "") == read


def test_a_year_after_the_title_s_comma_before_the_journal_ends_the_title_when_dated_elsewhere() -> None:
    raw = "Arden K. Gull counts—North Shore, 1996. Shore Wkly Rep 1997;46:661-7."
    segs = [
        ("author", "Arden K."),
        ("title", "Gull counts—North Shore,"),
        ("date", "1996."),
        ("journal", "Shore Wkly Rep"),
        ("date", "1997;"),
        ("volume", "46:"),
        ("pages", "661-7."),
    ]
    csl = to_csl(segs, raw)
    assert (csl["title"], csl["issued"]) == ("Gull counts—North Shore, 1996", {"date-parts": [[1997]]})
    alone = [("author", "Arden K."), ("title", "Gull counts,"), ("date", "1996."), ("journal", "Shore Wkly Rep")]
    assert REPAIR["year-ends-title"](list(alone), "") == alone  # (the only date: the work's)


@pytest.mark.parametrize(
    "segs",
    [
        [("author", "Arden K."), ("title", "Gull roosts at dusk. Shore Letters. Published online"), ("date", "2008.")],
        [
            ("author", "Arden K."),
            ("title", "Gull roosts at dusk. Shore Letters."),
            ("journal", "Published online"),
            ("date", "2008."),
        ],
    ],
)
def test_ama_published_online_after_a_journal_read_into_the_title(segs: list) -> None:
    raw = "Arden K. Gull roosts at dusk. Shore Letters. Published online 2008."
    csl = to_csl(segs, raw)
    assert (csl["title"], csl["container-title"]) == ("Gull roosts at dusk", "Shore Letters")


def test_title_end_in_place_gives_the_title_its_last_word_and_leaves_places() -> None:
    segs = [("title", "Discourses of the Gulls: Shore, Tide,"), ("location", "Japan. London:"), ("publisher", "Tern")]
    assert REPAIR["title-end-in-place"](list(segs), "")[:2] == [
        ("title", "Discourses of the Gulls: Shore, Tide, Japan."),
        ("location", "London:"),
    ]
    for place in ("St. Louis:", "Washington, D.C.:", "Switzerland. Disponible sur:"):
        kept = [("title", "Gulls."), ("location", place), ("publisher", "Tern")]
        assert REPAIR["title-end-in-place"](list(kept), "") == kept


def test_a_known_city_after_a_journal_s_comma_is_its_place() -> None:
    segs = [
        ("title", "Gull roosts."),
        ("journal", "L'Oiseau, Journal de la Côte, Paris"),
        ("volume", "30:"),
        ("pages", "105-136."),
    ]
    assert REPAIR["publisher-after-journal"](list(segs), "")[1:3] == [
        ("journal", "L'Oiseau, Journal de la Côte"),
        ("location", "Paris"),
    ]


def test_a_country_after_a_journal_s_comma_is_its_place_as_the_bench_reads_it() -> None:
    segs = [("title", "Gull roosts."), ("journal", "Gull Review, USA,"), ("volume", "12,")]
    assert REPAIR["publisher-after-journal"](list(segs), "")[1:3] == [("journal", "Gull Review"), ("location", "USA")]


def test_journal_word_in_names_leaves_a_last_name() -> None:
    segs = [("author", "Arden, J., Voss."), ("journal", "Gull Review"), ("volume", "3")]
    assert REPAIR["journal-word-in-names"](list(segs), "") == segs


def test_page_read_as_date_reads_chicago_s_second_volume_and_leaves_a_lone_date() -> None:
    chicago = [("author", "Arden, K."), ("journal", "A&G"), ("volume", "420"), ("date", "(2004):"), ("volume", "97.")]
    assert REPAIR["page-read-as-date"](list(chicago), "")[-1] == ("pages", "97.")
    dated = [("author", "Arden, K."), ("journal", "Gull Lett,"), ("volume", "10,"), ("date", "1979.")]
    assert REPAIR["page-read-as-date"](list(dated), "") == dated  # (its only date)


def test_page_read_as_date_leaves_a_date_s_year_after_its_day() -> None:
    segs = [
        ("author", "Arden Kay."),
        ("title", "Gull Facts."),
        ("note", "Published October"),
        ("volume", "1,"),
        ("date", "2015."),
    ]
    assert REPAIR["page-read-as-date"](list(segs + [("date", "2016")]), "") == segs + [("date", "2016")]


def test_month_ends_journal_leaves_a_month_word_inside_a_journal_s_name() -> None:
    segs = [("title", "Gulls."), ("journal", "Journal of May Studies,"), ("date", "2012,")]
    assert REPAIR["month-ends-journal"](list(segs), "") == segs


def test_original_work_gives_a_note_s_publisher_and_keeps_a_named_one() -> None:
    raw = "Quist, L. (1952). Tide mills. Riverside Press. (Original work published 1936)"
    in_note = [
        ("author", "Quist, L."),
        ("date", "(1952)."),
        ("title", "Tide mills."),
        ("note", raw[raw.index("Riverside") :]),
    ]
    assert REPAIR["original-work"](list(in_note), raw)[-2:] == [
        ("publisher", "Riverside Press."),
        ("original-date", "1936"),
    ]
    named = [*in_note[:3], ("publisher", "Riverside Press."), ("note", "(Original work published 1936)")]
    assert REPAIR["original-work"](list(named), raw) == [*named[:4], ("original-date", "1936")]
    csl = to_csl(in_note, raw)
    assert csl["original-date"] == {"date-parts": [[1936]]} and csl["issued"] == {"date-parts": [[1952]]}
    assert csl["publisher"] == "Riverside Press" and csl["type"] == "book"


def test_stamps_take_ama_s_published_cue_out_of_a_site_name_and_read_the_access_date_after_its_cue() -> None:
    # AMA's web page: "Site. Published March 3, 2015. Updated May 1, 2016. Accessed February 12, 2019. URL";
    # the site had been "Gull Society. Published", and the access date the update's
    raw = (
        "Arden K. Gull roosts. Gull Society. Published March 3, 2015. Updated May 1, 2016. "
        "Accessed February 12, 2019. http://gulls.example/roosts"
    )
    segs = [
        ("author", "Arden K."),
        ("title", "Gull roosts."),
        ("journal", "Gull Society. Published"),
        ("date", "March 3, 2015."),
        ("note", "Updated May 1, 2016. Accessed February 12, 2019."),
        ("url", "http://gulls.example/roosts"),
    ]
    csl = to_csl(segs, raw)
    assert csl["container-title"] == "Gull Society"
    assert csl["issued"] == {"date-parts": [[2015, 3, 3]]}
    assert csl["accessed"] == {"date-parts": [[2019, 2, 12]]}
    assert csl["note"] == "Updated May 1, 2016"  # (the update's words kept)
    titled = [("author", "Arden K."), ("title", "Gull roosts. Revised"), ("date", "2015.")]
    assert to_csl(titled, "Arden K. Gull roosts. Revised 2015.")["title"] == "Gull roosts. Revised"


def test_site_as_genre_keeps_a_kind_of_work_and_title_in_site_keeps_a_journal_with_a_volume() -> None:
    kind = [("author", "Arden, K."), ("title", "Gull roosts."), ("genre", "Video."), ("url", "https://v.example/1")]
    assert REPAIR["site-as-genre"](list(kind), "") == kind
    article = [
        ("author", "Arden K."),
        ("journal", "Gull roosts. Gull Rev."),
        ("volume", "3:"),
        ("url", "https://g.example"),
    ]
    assert REPAIR["title-in-site"](list(article), "") == article


def test_mla_s_republished_book_keeps_both_years_and_its_title() -> None:
    raw = "Marlow, Tomas. Saltwater. 1987. Harbour House, 2004."
    csl = to_csl(
        [
            ("author", "Marlow, Tomas. Saltwater."),
            ("date", "1987."),
            ("publisher", "Harbour House,"),
            ("date", "2004."),
        ],
        raw,
    )
    assert csl["author"] == [{"family": "Marlow", "given": "Tomas"}] and csl["title"] == "Saltwater"
    assert csl["original-date"] == {"date-parts": [[1987]]} and csl["issued"] == {"date-parts": [[2004]]}


def test_day_read_as_volume_keeps_a_volume_with_its_comma_and_a_date_without_a_month() -> None:
    nature = [("journal", "Gull Rev."), ("volume", "12,"), ("date", "May 2019")]
    assert REPAIR["day-read-as-volume"](list(nature), "") == nature
    plain = [("journal", "Gull Rev."), ("volume", "12"), ("date", "2019")]
    assert REPAIR["day-read-as-volume"](list(plain), "") == plain


def test_publisher_ampersand_joins_a_publisher_to_a_book_that_ends_with_the_ampersand() -> None:
    segs = [
        ("title", "Hamlet."),
        ("editor", "Edited by Kay Arden,"),
        ("container-title", "Gull &"),
        ("publisher", "Tern,"),
    ]
    assert REPAIR["publisher-ampersand"](list(segs), "Gull & Tern")[-1] == ("publisher", "Gull & Tern,")


def test_title_as_last_name_leaves_a_name_cut_short_and_a_journal() -> None:
    cut = [("author", "K. Arden, L. Quist, W."), ("journal", "Gull Rev. B"), ("volume", "68,")]
    assert REPAIR["title-as-last-name"](list(cut), "") == cut
    journal = [("author", "K. Arden, Gull Rev. Lett,"), ("volume", "vol. 59,")]
    assert REPAIR["title-as-last-name"](list(journal), "") == journal


def test_ieee_s_address_inside_a_note_is_the_url_and_chicago_s_last_modified_is_no_journal() -> None:
    raw = '[7] Harbour Clinic, "Sea sickness," 2021. [Online]. Available: https://clinic.example/sea (accessed Mar. 3, 2022).'
    segs = [
        ("citation-number", "[7]"),
        ("author", "Harbour Clinic,"),
        ("title", '"Sea sickness,"'),
        ("date", "2021."),
        ("note", "[Online]. Available: https://clinic.example/sea (accessed Mar. 3, 2022)."),
    ]
    csl = to_csl(segs, raw)
    assert csl["URL"] == "https://clinic.example/sea" and csl["accessed"] == {"date-parts": [[2022, 3, 3]]}
    raw = 'Harbour Clinic. "Sea Sickness." Last modified March 3, 2021. https://clinic.example/sea.'
    segs = [
        ("author", "Harbour Clinic."),
        ("title", '"Sea Sickness."'),
        ("journal", "Last"),
        ("date", "modified March 3, 2021."),
        ("url", "https://clinic.example/sea."),
    ]
    csl = to_csl(segs, raw)
    assert "container-title" not in csl and csl["issued"] == {"date-parts": [[2021, 3, 3]]}


def test_entry_in_work_reads_the_work_after_a_title_and_a_title_written_first() -> None:
    raw = "Harbour Press. (n.d.). Gull. In Harbour dictionary. Retrieved May 1, 2021, from https://h.example/gull"
    segs = [
        ("author", "Harbour Press."),
        ("date", "(n.d.)."),
        ("title", "Gull."),
        ("note", "In Harbour dictionary. Retrieved May 1, 2021, from"),
        ("url", "https://h.example/gull"),
    ]
    assert REPAIR["entry-in-work"](list(segs), raw)[3:5] == [
        ("container-title", "Harbour dictionary."),
        ("note", "Retrieved May 1, 2021, from"),
    ]
    raw = "Roost. (2021, March 3). In Gullpedia. https://gullpedia.example/Roost"
    segs = [("author", "Roost."), ("date", "(2021, March 3)."), ("container-title", "In Gullpedia."), ("url", raw[35:])]
    csl = to_csl(segs, raw)
    assert csl["title"] == "Roost" and "author" not in csl and csl["container-title"] == "Gullpedia"
    chapter = [("author", "Arden, K."), ("date", "(2001)."), ("container-title", "In K. Lee (Ed.), Gulls")]
    assert REPAIR["entry-in-work"](list(chapter), "Arden, K. (2001). In K. Lee (Ed.), Gulls") == chapter


def test_a_talk_s_bracket_gives_its_event_and_place() -> None:
    raw = "Arden, K. (2019, April 3). Gull roosts [Paper presentation]. Coastal Society Meeting, Leeds, UK."
    segs = [
        ("author", "Arden, K."),
        ("date", "(2019, April 3)."),
        ("title", "Gull roosts [Paper presentation]. Coastal"),
        ("publisher", "Society Meeting, Leeds, UK."),
    ]
    csl = to_csl(segs, raw)
    assert csl["title"] == "Gull roosts" and csl["genre"] == "Paper presentation"
    assert csl["event"] == "Coastal Society Meeting" and csl["event-place"] == "Leeds, UK"
    assert csl["type"] == "speech" and "publisher" not in csl


def test_harvard_s_day_and_month_after_the_container_complete_the_year() -> None:
    raw = "Arden, K. (2019) 'Gulls', The Harbour Times, 12 May, p. 4."
    segs = [("author", "Arden, K."), ("date", "(2019)"), ("title", "'Gulls',"), ("journal", "The Harbour Times,")]
    csl = to_csl([*segs, ("date", "12 May,"), ("pages", "p. 4.")], raw)
    assert csl["issued"] == {"date-parts": [[2019, 5, 12]]} and csl["page"] == "4"
    raw = "Gull News (2020) 'Gulls', Gull News, 4 May."
    cut = [
        ("author", "Gull News"),
        ("date", "(2020)"),
        ("title", "'Gulls',"),
        ("journal", "Gull News,"),
        ("volume", "4"),
        ("date", "May."),
    ]
    csl = to_csl(cut, raw)
    assert csl["issued"] == {"date-parts": [[2020, 5, 4]]} and "volume" not in csl
    assert csl["author"] == [{"literal": "Gull News"}]  # (a news organisation: no given name "Gull")
    # a month that opens a date cut in two ("September" | "23, 2019") is no month of the year before it
    raw = "Arden, K., 2003. Gulls. Gull Rev. 7, 1-9. September 23, 2019"
    cut = [
        ("author", "Arden, K.,"),
        ("date", "2003."),
        ("title", "Gulls."),
        ("journal", "Gull Rev."),
        ("date", "September"),
    ]
    assert to_csl(cut, raw)["issued"] == {"date-parts": [[2003]]}


def test_vancouver_s_date_and_cited_date_read_as_one_date_are_parted() -> None:
    raw = "Harbour Clinic. Sea sickness. Leeds: Harbour Clinic; 2021 [cited 2022 Mar 3]."
    segs = [("author", "Harbour Clinic."), ("title", "Sea sickness."), ("date", "2021 [cited 2022 Mar 3].")]
    csl = to_csl(segs, raw)
    assert csl["issued"] == {"date-parts": [[2021]]} and csl["accessed"] == {"date-parts": [[2022, 3, 3]]}


def test_an_undated_work_s_letter_keeps_it_undated() -> None:
    raw = "House, D. (n.d.-a). Glossary. Gull Press."
    csl = to_csl(
        [("author", "House, D."), ("date", "(n.d.-a)."), ("title", "Glossary."), ("publisher", "Gull Press.")], raw
    )
    assert csl["issued"] == {"literal": "n.d."}


def test_a_day_between_the_month_and_the_year_and_the_work_s_year_in_full() -> None:
    raw = "Arden, Kay. 2007. Gull lecture. Oct. 2, 2007."
    segs = [
        ("author", "Arden, Kay."),
        ("date", "2007."),
        ("title", "Gull lecture."),
        ("date", "Oct."),
        ("volume", "2,"),
    ]
    csl = to_csl([*segs, ("date", "2007.")], raw)
    assert csl["issued"] == {"date-parts": [[2007, 10, 2]]} and "volume" not in csl


def test_mla_7_s_date_right_before_the_address_is_the_access_date() -> None:
    raw = "Arden, Kay. “Gulls.” Tern Society. 2006. 03 November 2006. <http://terns.example/gulls>."
    segs = [("author", "Arden, Kay."), ("title", "“Gulls.”"), ("journal", "Tern Society."), ("date", "2006.")]
    csl = to_csl([*segs, ("volume", "03"), ("date", "November 2006."), ("url", "<http://terns.example/gulls>.")], raw)
    assert csl["issued"] == {"date-parts": [[2006]]} and csl["accessed"] == {"date-parts": [[2006, 11, 3]]}


def test_publisher_as_journal_leaves_a_periodical_and_genre_in_publisher_reads_a_trailing_kind() -> None:
    segs = [("title", "Gulls."), ("journal", "Tern Publishing Review"), ("date", "1979.")]
    assert REPAIR["publisher-as-journal"](list(segs), "") == segs
    ieee = [("title", "“Gulls,”"), ("container-title", "NASA, Tech. Rep.,"), ("date", "1988.")]
    raw = "“Gulls,” NASA, Tech. Rep., 1988."
    assert REPAIR["genre-in-publisher"](list(ieee), raw)[1:3] == [("publisher", "NASA"), ("genre", "Tech. Rep.")]
    release = [("title", "Gulls."), ("publisher", "Press release.")]
    assert REPAIR["genre-in-publisher"](release, "Gulls. Press release.")[1][0] == "genre"


def test_names_run_into_title_leaves_a_title_that_reads_like_names() -> None:
    segs = [("author", "Kay Arden, Lena Quist,"), ("title", "The Dead and Their Gifts. The Will of Eberhard.")]
    assert REPAIR["names-run-into-title"](list(segs), "") == segs
    named = [("author", "Arden, K."), ("title", "Gull Week comes to the harbour."), ("date", "(1995).")]
    assert REPAIR["title-before-date"](list(named), "Arden, K. Gull Week comes to the harbour. (1995).") == named


def test_pages_in_date_leaves_the_year_twice_and_a_page_read_as_an_old_year() -> None:
    twice = [("title", "Gulls,"), ("container-title", "in Gull Technology 2001,"), ("date", "2001, 2001.")]
    assert REPAIR["pages-in-date"](list(twice), "") == twice
    old = [("title", "Gulls."), ("journal", "Development"), ("volume", "127:"), ("date", "1607, 2000.")]
    assert REPAIR["pages-in-date"](list(old), "") == old
    german = [("journal", "J. Gull Sci"), ("volume", "16,"), ("date", "1972,"), ("note", "Seite 203")]
    assert REPAIR["pages-in-date"](list(german), "")[-1] == ("pages", "203")


def test_series_then_volume_needs_a_series_word_or_parentheses() -> None:
    segs = [("journal", "Gull Review"), ("volume", "2 6:")]
    assert REPAIR["series-then-volume"](list(segs), "") == segs


def test_nature_imprint_reads_a_state_after_a_city_and_leaves_a_place_alone() -> None:
    raw = "Arden, K. Gulls. (Tern-Hall, Inc, Englewood Cliffs, New Jersey, 1983)."
    segs = [
        ("author", "Arden, K."),
        ("title", "Gulls."),
        ("publisher", "(Tern-Hall, Inc, Englewood Cliffs,"),
        ("location", "New Jersey, 1983)."),
    ]
    assert REPAIR["nature-imprint"](list(segs), raw)[-3:-1] == [
        ("publisher", "Tern-Hall, Inc"),
        ("location", "Englewood Cliffs, New Jersey"),
    ]
    for raw in (
        "Arden, K. Gulls. (Nashville, TN, 1999).",
        "Arden, K. Gulls. (Padua, Italy, 1996).",
        "Arden, K. Gulls. (New Haven, CT: Yale Press, 2003).",
        "Arden, K. Gulls. (New York, Tern Books, 1994).",
    ):
        segs = [("author", "Arden, K."), ("title", "Gulls."), ("location", raw[17:])]
        assert REPAIR["nature-imprint"](list(segs), raw) == segs


def test_genre_in_publisher_reads_mla_s_thesis_note() -> None:
    raw = 'Arden, Kay. "Gulls." 2022. University of Tern, PhD dissertation.'
    segs = [
        ("author", "Arden, Kay."),
        ("title", '"Gulls."'),
        ("date", "2022."),
        ("note", "University of Tern, PhD dissertation."),
    ]
    csl = to_csl(segs, raw)
    assert csl["publisher"] == "University of Tern" and csl["genre"] == "PhD dissertation" and csl["type"] == "thesis"


def test_status_ends_journal_reads_ahead_of_cut_before_print() -> None:
    raw = "Arden, K. 2020. “Gulls.” Tern Chemistry A, ahead of print. https://doi.org/10.1000/x"
    segs = [
        ("author", "Arden, K."),
        ("date", "2020."),
        ("title", "“Gulls.”"),
        ("journal", "Tern Chemistry A, ahead of"),
    ]
    csl = to_csl([*segs, ("url", "print. https://doi.org/10.1000/x")], raw)
    assert csl["container-title"] == "Tern Chemistry A" and csl["status"] == "ahead of print"
