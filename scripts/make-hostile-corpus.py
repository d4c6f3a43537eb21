#!/usr/bin/env python3
"""(Re)generates the hostile-input corpus under tests/hostile/.

Every file in tests/hostile/register/ is broken or malicious in one clear
way, and its name says how. `tests/it/hostile.rs` runs `partreg check` over
the whole folder and asserts that partreg names every file in a diagnostic,
exits 1 and never panics or hangs.

Run from anywhere:

    python3 scripts/make-hostile-corpus.py

The output is deterministic: running it twice gives the same bytes. Only
the standard library is used. Big files (1 MB strings, 10,000-deep nesting,
100,000-item arrays) are built here by code so that nobody has to review
them by hand.

Every entry that decodes gets a name of its own ("Hostile test ..."), so
that no file is named in a report only because of a duplicate name: each
file has to earn its diagnostic through the fault it was made for.

The `wrong-type-*` and `every-key-as-*` files start with the comment
`# expect wrong-type: N`: the number of values of a wrong type in the file,
each of which the test expects reported once.

tests/hostile/README.md (written by hand) lists the groups of files.
"""

import os
import re
import shutil
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "tests", "hostile")
REGISTER = os.path.join(OUT, "register")
# Files whose names Windows cannot hold (`con.toml`: a device name). They
# are kept here under a safe name, and `tests/it/hostile.rs` puts them into
# a copy of the corpus at test time under the name in the test's table, so
# that no committed path stops Git for Windows checking the repository out.
AT_TEST_TIME = os.path.join(OUT, "at-test-time")
AT_TEST_TIME_FILES = {}

# The settings of the corpus project: the same as the integration tests'.
SETTINGS = """council = "Hostile Test Council"

[priorities]
P1 = "Growth"
P2 = "Communities"
P3 = "Environment"
"""

# `VALID` from tests/it/support.rs without its `#:schema` line: a complete,
# valid active entry as of 2026-11-30 (the date the test checks with).
VALID = """# A test partnership.
name = "Test Waste Partnership"
lead_partner = "Norfolk County Council"
partners = ["Norfolk County Council", "South Norfolk Council"]
status = "active"
function = "To plan and deliver household waste services jointly."
objectives = ["Raise recycling rates", "Cut contamination"]
kind = "operational"
statutory = false
governance = "formal-legal"
role = "influence"
meeting_frequency = "quarterly"
priorities = ["P1", "P2"]
staff_hours_per_month = 6
budget_contribution_gbp = 12000
budgeted = true
budget_source = "Waste services revenue budget"
exit_impact = "Short-term disruption to recycling contracts."
value_summary = "Shared contracts and better prices."
information_sharing = "Minutes go to the portfolio holder."
comments = "Keep under review."
started = 2015-04-01
documents = ["https://example.org/terms.pdf"]

[[representatives]]
name = "Cllr Ann Brown"
level = "member"
position = "Board member"
appointed = 2023-05-25
term_ends = 2027-05-01

[risk]
failure_impact = "medium"
priority_impact = "medium"
reputation = "low"
administration = "medium"
overall = "medium"

[value]
corporate_plan = "high"
cost_reduction = "medium"
external_funding = "low"
reputation = "medium"
service_delivery = "high"
overall = "medium"

[reporting]
frequency = "quarterly"
responsible = "Head of Waste"
reports_to = "portfolio-holder"

[approval]
by = "cmt"
date = 2015-03-01
portfolio_holder = "Cllr Pat Jones"

[[reviews]]
year = 2026
date = 2026-06-15
reviewer = "CI&P Team"
outcome = "continue"
notes = "Performing well."
"""

# The format's keys and the kind of value each takes (register-format.md).
# s: string, e: enum string, b: bool, d: date, n: number (hours),
# i: integer, l: array of strings, le: array of enum strings.
TOP_KEYS = [
    ("name", "s"),
    ("lead_partner", "s"),
    ("partners", "l"),
    ("status", "e"),
    ("function", "s"),
    ("objectives", "l"),
    ("kind", "e"),
    ("statutory", "b"),
    ("governance", "e"),
    ("role", "e"),
    ("meeting_frequency", "e"),
    ("priorities", "l"),
    ("staff_hours_per_month", "n"),
    ("budget_contribution_gbp", "i"),
    ("budgeted", "b"),
    ("budget_source", "s"),
    ("exit_impact", "s"),
    ("value_summary", "s"),
    ("information_sharing", "s"),
    ("comments", "s"),
    ("started", "d"),
    ("documents", "l"),
]
LEVEL_KEYS_RISK = ["time_commitment", "failure_impact", "priority_impact", "reputation", "administration"]
LEVEL_KEYS_VALUE = [
    "corporate_plan",
    "cost_reduction",
    "external_funding",
    "reputation",
    "service_delivery",
    "resilience",
    "influence",
    "statutory_function",
    "benefit_vs_investment",
]
QUESTION_KEYS = [
    "structure",
    "decision_makers",
    "representation",
    "member_powers",
    "other_authorities",
    "feedback",
    "officers",
    "hours_per_week",
    "officer_roles",
    "contribution",
    "contribution_budget",
    "payment",
    "other_contributors",
    "funding_received",
    "spending",
    "effective",
    "improvements",
    "aims",
    "achieving",
    "council_help",
    "importance",
    "priority_link",
    "employs_staff",
    "political_agendas",
]
# (table, is an array of tables, [(key, kind)])
TABLES = [
    (
        "representatives",
        True,
        [("name", "s"), ("level", "e"), ("position", "s"), ("appointed", "d"), ("term_ends", "d")],
    ),
    ("risk", False, [(k, "e") for k in LEVEL_KEYS_RISK] + [("overall", "e"), ("rationale", "s")]),
    ("value", False, [(k, "e") for k in LEVEL_KEYS_VALUE] + [("overall", "e"), ("rationale", "s")]),
    ("reporting", False, [("frequency", "e"), ("responsible", "s"), ("reports_to", "e")]),
    ("approval", False, [("by", "e"), ("date", "d"), ("portfolio_holder", "s")]),
    (
        "exit",
        False,
        [
            ("reasons", "le"),
            ("risks", "s"),
            ("controls", "s"),
            ("approved_by", "e"),
            ("approved_on", "d"),
            ("significant", "b"),
            ("executive_reviewed", "b"),
        ],
    ),
    (
        "reviews",
        True,
        [("year", "i"), ("date", "d"), ("reviewer", "s"), ("outcome", "e"), ("notes", "s")],
    ),
    ("questions", False, [(k, "s") for k in QUESTION_KEYS]),
]

# The register's files: relative path -> bytes. Filled in below, in order.
FILES = {}
NAMES = set()


def quote(text):
    """A TOML basic string: escapes quotes, backslashes and control characters."""
    out = []
    for c in text:
        if c == '"':
            out.append('\\"')
        elif c == "\\":
            out.append("\\\\")
        elif ord(c) < 0x20 or ord(c) == 0x7F:
            out.append("\\u%04X" % ord(c))
        else:
            out.append(c)
    return '"' + "".join(out) + '"'


def unique_name(path):
    """A readable partnership name derived from the file's path, unique in
    the corpus."""
    stem = os.path.splitext(os.path.basename(path))[0]
    words = re.sub(r"[^A-Za-z0-9]+", " ", stem).strip().lower() or "unnamed"
    name = "Hostile test " + words
    n = 2
    while name.lower() in NAMES:
        name = "Hostile test %s %d" % (words, n)
        n += 1
    NAMES.add(name.lower())
    return name


def sub(text, old, new, count=1):
    """Replaces `old`, which must occur exactly `count` times: fails loudly
    when VALID changes under a case."""
    found = text.count(old)
    if found != count:
        sys.exit("make-hostile-corpus: %r occurs %d times, expected %d" % (old, found, count))
    return text.replace(old, new)


def add(path, content):
    """Records one file; `content` is text (written as UTF-8) or bytes."""
    if path in FILES:
        sys.exit("make-hostile-corpus: %s made twice" % path)
    if any(part.startswith(".") for part in path.split("/")):
        sys.exit("make-hostile-corpus: %s would be skipped as hidden" % path)
    FILES[path] = content.encode("utf-8") if isinstance(content, str) else content


VALID_NAME = 'name = "Test Waste Partnership"'


def entry(path, name=None):
    """VALID for the file at `path`: with a name of its own, or with the
    line `name = <name>` when `name` (TOML text) is given."""
    line = "name = " + (name if name is not None else quote(unique_name(path)))
    return sub(VALID, VALID_NAME, line)


def top(path, extra):
    """An entry with `extra` lines added among the top-level keys."""
    return top_of(entry(path), extra)


def top_of(text, extra):
    """`text` with `extra` lines added among the top-level keys."""
    return sub(text, "\n[[representatives]]", "\n" + extra + "\n[[representatives]]")


def expect_wrong_types(n, text):
    """Prefixes the comment that tells the test how many `wrong-type`
    diagnostics the file must get: every wrong value, each once."""
    return "# expect wrong-type: %d\n%s" % (n, text)


# --- Truncated files -----------------------------------------------------------


def truncated():
    p = "truncated-mid-string.toml"
    text = entry(p)
    add(p, text[: text.index("To plan and deli") + len("To plan and deli")])

    p = "truncated-mid-table-header.toml"
    text = entry(p)
    add(p, text[: text.index("[[representatives]]") + len("[[represent")])

    p = "truncated-after-equals.toml"
    text = entry(p)
    add(p, text[: text.index("exit_impact = ") + len("exit_impact = ")])

    # Cut between the two bytes of a UTF-8 `é`: the file ends mid-character.
    p = "truncated-mid-utf8-char.toml"
    data = sub(entry(p), 'comments = "Keep under review."', 'comments = "Café society"').encode()
    add(p, data[: data.index("é".encode()) + 1])

    p = "unterminated-multiline-string.toml"
    add(p, sub(entry(p), 'comments = "Keep under review."', 'comments = """Keep under review.'))


# --- Empty files ---------------------------------------------------------------


def empty():
    add("empty-file.toml", b"")
    add("only-comments.toml", '# This partnership has not been written yet.\n#\n# name = "Draft"\n')


# --- Deep nesting and very large values -------------------------------------------


def big():
    deep = 10_000
    p = "nested-arrays-10000.toml"
    add(
        p,
        sub(entry(p), 'documents = ["https://example.org/terms.pdf"]', "documents = " + "[" * deep + "]" * deep),
    )

    # Never closed: the parser must give up at its depth limit or at the end.
    p = "nested-arrays-unclosed-10000.toml"
    text = sub(entry(p), 'documents = ["https://example.org/terms.pdf"]\n', "")
    add(p, text + "\ndocuments = " + "[" * deep + "\n")

    p = "deep-inline-tables-10000.toml"
    add(p, sub(entry(p), 'comments = "Keep under review."', "comments = " + "{ a = " * deep + '"x"' + " }" * deep))

    # Dotted keys and table headers nest tables without brackets: a parser,
    # a decoder or a recursive drop with no limit goes 10,000 levels down.
    p = "deep-dotted-key-10000.toml"
    add(p, top(p, ".".join(["a"] * deep) + " = 1\n"))

    p = "deep-table-header-10000.toml"
    add(p, entry(p) + "\n[" + ".".join(["x"] * deep) + "]\ny = 1\n")

    # A 1 MiB name: too long (the most is 200 characters), and the report
    # must not print it whole.
    p = "string-1mb-name.toml"
    add(p, entry(p, name='"' + "x" * (1 << 20) + '"'))

    # 100,000 partners; the last one is a number.
    p = "huge-array-100000-items.toml"
    add(
        p,
        sub(
            entry(p),
            'partners = ["Norfolk County Council", "South Norfolk Council"]',
            "partners = [" + '"a",' * 99_999 + "42]",
        ),
    )

    # An unknown key 100,000 characters long: "did you mean" must not take
    # long over it, and the report must not print it whole.
    p = "key-100k-chars.toml"
    add(p, top(p, "k" * 100_000 + " = 1\n"))

    # 10,000 unknown keys: 10,000 diagnostics, each with a "did you mean".
    p = "many-unknown-keys-10000.toml"
    add(p, top(p, "".join("k%d = %d\n" % (i, i) for i in range(10_000))))


# --- Encodings and line endings -----------------------------------------------------


def encodings():
    p = "nul-byte.toml"
    add(p, sub(entry(p), 'comments = "Keep under review."', 'comments = "Keep\x00under review."'))

    p = "nul-byte-in-comment.toml"
    add(p, sub(entry(p), "# A test partnership.", "# A test\x00partnership."))

    p = "invalid-utf8.toml"
    add(p, entry(p).encode().replace(b"Keep under review.", b"Keep \xff\xfe under review."))

    # `£` saved by an older Windows program: the single Latin-1 byte 0xA3.
    p = "latin1-pound.toml"
    text = sub(
        entry(p),
        'budget_source = "Waste services revenue budget"',
        'budget_source = "£12,000 from reserves"',
    )
    add(p, text.encode("latin-1"))

    # An overlong encoding of `/` (0xC0 0xAF), the old way past path filters.
    p = "overlong-utf8-slash.toml"
    add(p, entry(p).encode().replace(b"https://example.org/terms.pdf", b"..\xc0\xaf..\xc0\xafetc\xc0\xafpasswd"))

    # A UTF-16 surrogate encoded as if it were a character (CESU-8).
    p = "utf8-encoded-surrogate.toml"
    add(p, entry(p).encode().replace(b"Keep under review.", b"Keep \xed\xa0\x80 under review."))

    p = "utf16-bom.toml"
    add(p, ("\ufeff" + entry(p)).encode("utf-16-le"))

    p = "utf16-no-bom.toml"
    add(p, entry(p).encode("utf-16-be"))

    # Windows line endings are fine; the misspelt status must still be found.
    p = "crlf-with-error.toml"
    add(p, sub(entry(p), 'status = "active"', 'status = "actve"').replace("\n", "\r\n"))

    # Classic Mac line endings: a lone CR is not a line break in TOML.
    p = "lone-cr-line-endings.toml"
    add(p, entry(p).replace("\n", "\r"))

    # A byte-order mark is fine; the misspelt kind must still be found.
    p = "bom-with-error.toml"
    add(p, "\ufeff" + sub(entry(p), 'kind = "operational"', 'kind = "operatonal"'))

    # Only one mark is skipped; the second is text where a key should be.
    p = "double-bom.toml"
    add(p, "\ufeff\ufeff" + entry(p))

    p = "binary-png-header.toml"
    add(p, b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x06\x00\x00\x00\x1f\xf3\xffa")


# --- Control and invisible characters -----------------------------------------------


def control():
    # TOML escapes make real control characters in values: clear screen,
    # colours, set the terminal title, ring the bell. None may reach a
    # terminal; each is a hidden-character error.
    p = "control-chars-escape-sequences.toml"
    text = entry(p)
    text = sub(
        text,
        'function = "To plan and deliver household waste services jointly."',
        'function = "\\u001b[2J\\u001b[31mPWNED\\u001b[0m"',
    )
    text = sub(text, 'comments = "Keep under review."', 'comments = "\\u001b]0;owned title\\u0007"')
    text = sub(
        text,
        'information_sharing = "Minutes go to the portfolio holder."',
        'information_sharing = "bell\\u0007 backspace\\b delete\\u007F"',
    )
    add(p, text)

    # A raw ESC byte may not stand in a TOML string: a syntax error whose
    # snippet must not echo it.
    p = "raw-escape-char.toml"
    add(p, sub(entry(p), 'comments = "Keep under review."', 'comments = "\x1b[31mred\x1b[0m"'))

    # "Trojan source": a right-to-left override makes text display
    # reversed. Written raw in this file, as a TOML escape in the next.
    p = "name-rtl-override.toml"
    add(p, entry(p, name='"Hostile \u202eetisoppo"'))

    p = "name-rtl-override-escaped.toml"
    add(p, entry(p, name='"Hostile \\u202Eesrever"'))

    # Looks like "Hostile zerowidth".
    p = "name-zero-width-space.toml"
    add(p, entry(p, name='"Hostile zero\u200bwidth"'))

    # The other default-ignorable characters (Part 2 of the format): each
    # makes a name look like one without it. Written raw.
    for stem, hidden in [
        ("name-soft-hyphen", "\u00ad"),
        ("name-arabic-letter-mark", "\u061c"),
        ("name-hangul-filler", "\u3164"),
        ("name-tag-characters", "\U000e0041\U000e0042"),
        ("name-variation-selector", "\ufe0f"),
    ]:
        p = stem + ".toml"
        add(p, entry(p, name='"Hostile ' + stem + hidden + '"'))

    # A C1 control (the 8-bit CSI, U+009B) through a TOML escape: some
    # terminals read it as ESC [.
    p = "name-c1-csi-escaped.toml"
    add(p, entry(p, name='"Hostile \\u009B2J"'))

    # Unknown keys whose names hold a line break, or nothing at all: the
    # report must quote them so that they stay on one line and visible.
    p = "key-with-newline-escape.toml"
    add(p, top(p, '"bad\\nkey" = 1\n'))

    p = "empty-key.toml"
    add(p, top(p, '"" = 1\n'))


# --- Names ---------------------------------------------------------------------------


def names():
    p = "name-only-spaces.toml"
    add(p, entry(p, name='"      "'))

    p = "name-201-chars.toml"
    add(p, entry(p, name='"' + "N" * 201 + '"'))

    # A name that is a path is only text. The same text in two files
    # (after trimming and lower-casing) is a duplicate name in both.
    p = "name-path-traversal.toml"
    add(p, entry(p, name='"../../etc/passwd"'))

    p = "name-path-traversal-duplicate.toml"
    add(p, entry(p, name='"  ../../ETC/passwd  "'))


# --- Keys and tables ---------------------------------------------------------------------


def keys():
    p = "duplicate-key.toml"
    add(p, top(p, 'name = "Again"\n'))

    p = "duplicate-table.toml"
    add(p, entry(p) + '\n[risk]\noverall = "low"\n')

    # `risk.overall` at the top level makes the table [risk]; the header
    # then defines it again.
    p = "dotted-key-redefines-table.toml"
    add(p, top(p, 'risk.overall = "low"\n'))

    # An inline array cannot be extended with [[representatives]].
    p = "inline-array-then-table-array.toml"
    add(p, top(p, 'representatives = [{ name = "Cllr X", level = "member" }]\n'))

    # A misspelt or invented key in every table, including an `id` that
    # tries to override the file name.
    p = "unknown-keys-everywhere.toml"
    text = top(p, 'nmae = "typo"\nid = "../../outside"\n')
    text = sub(text, 'level = "member"\n', 'level = "member"\nlevle = "member"\n')
    text = sub(text, 'administration = "medium"\n', 'administration = "medium"\nresource = "high"\n')
    text = sub(text, 'service_delivery = "high"\n', 'service_delivery = "high"\nservice = "high"\n')
    text = sub(text, 'reports_to = "portfolio-holder"\n', 'reports_to = "portfolio-holder"\nreport_to = "cmt"\n')
    text = sub(
        text,
        'portfolio_holder = "Cllr Pat Jones"\n',
        'portfolio_holder = "Cllr Pat Jones"\napprover = "cmt"\n',
    )
    text = sub(text, 'notes = "Performing well."\n', 'notes = "Performing well."\nnote = "x"\n')
    text += '\n[questions]\nstructur = "x"\n\n[exit]\nrisks = "r"\ncontrols = "c"\nreason = ["other"]\n'
    add(p, text)


# --- Numbers ------------------------------------------------------------------------------


def numbers():
    p = "integer-past-i64.toml"
    add(p, sub(entry(p), "budget_contribution_gbp = 12000", "budget_contribution_gbp = 9223372036854775808"))

    p = "integer-hex-past-i64.toml"
    add(p, sub(entry(p), "year = 2026", "year = 0x10000000000000000"))

    p = "integer-negative-past-i64.toml"
    add(p, sub(entry(p), "staff_hours_per_month = 6", "staff_hours_per_month = -9223372036854775809"))

    # `1e400` is past the largest float: it reads as infinity.
    for stem, value in [
        ("hours-nan", "nan"),
        ("hours-negative-nan", "-nan"),
        ("hours-inf", "inf"),
        ("hours-negative-inf", "-inf"),
        ("hours-1e400", "1e400"),
    ]:
        p = stem + ".toml"
        add(p, sub(entry(p), "staff_hours_per_month = 6", "staff_hours_per_month = " + value))

    p = "budget-nan.toml"
    add(p, sub(entry(p), "budget_contribution_gbp = 12000", "budget_contribution_gbp = nan"))

    p = "review-year-inf.toml"
    add(p, sub(entry(p), "year = 2026", "year = inf"))

    # The largest contribution there can be, not in budgets and approved by
    # CMT (it needs Cabinet): the rules must weigh it without overflowing.
    p = "budget-i64-max-unbudgeted.toml"
    text = sub(entry(p), "budget_contribution_gbp = 12000", "budget_contribution_gbp = 9223372036854775807")
    add(p, sub(text, "budgeted = true", "budgeted = false"))

    # Review years at both ends of i64, the largest given twice: nothing
    # may overflow when years are compared or counted.
    p = "review-year-i64-extremes.toml"
    text = sub(entry(p), "year = 2026", "year = 9223372036854775807")
    for year in ["9223372036854775807", "-9223372036854775808"]:
        text += '\n[[reviews]]\nyear = %s\ndate = 2026-06-15\nreviewer = "X"\noutcome = "continue"\n' % year
    add(p, text)


# --- Dates ----------------------------------------------------------------------------------


def dates():
    for stem, old, new in [
        ("date-feb-30", "appointed = 2023-05-25", "appointed = 2025-02-30"),
        ("date-feb-29-non-leap", "date = 2026-06-15", "date = 2025-02-29"),
        ("date-month-13", "started = 2015-04-01", "started = 2015-13-01"),
        ("date-day-zero", "date = 2015-03-01", "date = 2015-03-00"),
        ("datetime-with-offset", "started = 2015-04-01", "started = 2015-04-01T09:00:00+01:00"),
        ("local-datetime", "date = 2015-03-01", "date = 2015-03-01T10:00:00"),
        ("time-only", "started = 2015-04-01", "started = 10:30:00"),
    ]:
        p = stem + ".toml"
        add(p, sub(entry(p), old, new))

    # The calendar's ends: a term that "ends" in year 0 and begins in 9999.
    p = "dates-year-0000-and-9999.toml"
    text = sub(entry(p), "appointed = 2023-05-25", "appointed = 9999-12-31")
    add(p, sub(text, "term_ends = 2027-05-01", "term_ends = 0000-01-01"))


# --- File names that are not ids or try to leave the folder -----------------------------------


def file_names():
    # Valid contents: the file name is the only fault.
    for stem in [
        "UPPER-CASE",
        "under_score",
        "space in name",
        "a..b",
        "-leading-hyphen",
        "trailing-hyphen-",
        "double--hyphen",
        # URL-encoded `../`: a plain (bad) name, never decoded.
        # (`..%2F..%2Fpasswd.toml` itself starts with a dot: it would be
        # skipped as hidden, by design, so it is spelt in capitals here.)
        "%2e%2e%2fetc",
        "%2E%2E%2F%2E%2E%2Fpasswd",
        # 100 characters, and 65: an id has at most 64.
        "too-long-" + "x" * 91,
        "sixty-five-" + "y" * 54,
        "café",
        # A right-to-left override (U+202E): shown raw, the rest of the name
        # displays reversed, "rlo-lmot.html", the trick that disguises file
        # types. It must never reach a terminal as it is.
        "rlo-\u202elmth",
        # Looks exactly like the valid id `zerowidth`.
        "zero\u200bwidth",
    ]:
        p = stem + ".toml"
        add(p, entry(p))

    # `con` is a valid id but a reserved device name on Windows; its
    # contents are broken too, so that it is reported everywhere. Made as
    # `register/con.toml` only at test time (see AT_TEST_TIME).
    AT_TEST_TIME_FILES["reserved-device-name.toml"] = sub(
        entry("con.toml"), 'status = "active"', 'status = "activ"'
    ).encode("utf-8")

    # The same id in two folders: both files are told.
    add("duplicate-id.toml", entry("duplicate-id.toml"))
    add("sub/folder/duplicate-id.toml", entry("sub/folder/duplicate-id.toml"))


# --- Wrong types -------------------------------------------------------------------------------

# Values of every TOML type, in the order tried.
LITERALS = ["7", "true", "2.5", "2020-01-01", "{ a = 1 }", '"x"', '["x"]']


def is_wrong_type(kind, literal):
    """Whether `literal` is of the wrong type for a key of `kind`. A string
    for an enum, or an array of strings for an array of enums, is the right
    type with a bad value: not counted."""
    if literal == "7":
        return kind not in ("n", "i")
    if literal == "true":
        return kind != "b"
    if literal == "2.5":
        return kind != "n"
    if literal == "2020-01-01":
        return kind != "d"
    if literal == '"x"':
        return kind not in ("s", "e")
    if literal == '["x"]':
        return kind not in ("l", "le")
    return True


def wrong_literal(kind, turn):
    """A literal of a wrong type for `kind`, taking turns over the types."""
    for k in range(len(LITERALS)):
        literal = LITERALS[(turn + k) % len(LITERALS)]
        if is_wrong_type(kind, literal):
            return literal
    raise AssertionError(kind)


def table_text(table, is_array, lines):
    header = "[[%s]]" % table if is_array else "[%s]" % table
    return "\n%s\n%s" % (header, "".join("%s = %s\n" % kv for kv in lines))


def remove_table(text, header):
    """`text` without the table (and its lines) that starts at `header`."""
    start = text.index("\n" + header + "\n")
    end = text.find("\n[", start + 1)
    return text[:start] + (text[end:] if end != -1 else "\n")


def wrong_types():
    # One file per top-level key, each given a value of a wrong type.
    for key, old, new in [
        ("name", VALID_NAME, "name = 42"),
        ("lead_partner", 'lead_partner = "Norfolk County Council"', 'lead_partner = ["Norfolk County Council"]'),
        (
            "partners",
            'partners = ["Norfolk County Council", "South Norfolk Council"]',
            'partners = "Norfolk County Council, South Norfolk Council"',
        ),
        ("status", 'status = "active"', "status = true"),
        (
            "function",
            'function = "To plan and deliver household waste services jointly."',
            'function = { text = "To plan" }',
        ),
        (
            "objectives",
            'objectives = ["Raise recycling rates", "Cut contamination"]',
            'objectives = "Raise recycling rates"',
        ),
        ("kind", 'kind = "operational"', "kind = 1"),
        ("statutory", "statutory = false", 'statutory = "yes"'),
        ("governance", 'governance = "formal-legal"', 'governance = ["formal-legal"]'),
        ("role", 'role = "influence"', "role = 2026-01-01"),
        ("meeting_frequency", 'meeting_frequency = "quarterly"', "meeting_frequency = 4"),
        ("priorities", 'priorities = ["P1", "P2"]', 'priorities = "P1"'),
        ("staff_hours_per_month", "staff_hours_per_month = 6", 'staff_hours_per_month = "6 hours"'),
        ("budget_contribution_gbp", "budget_contribution_gbp = 12000", 'budget_contribution_gbp = "£12,000"'),
        ("budgeted", "budgeted = true", 'budgeted = "true"'),
        ("budget_source", 'budget_source = "Waste services revenue budget"', "budget_source = 12000"),
        ("exit_impact", 'exit_impact = "Short-term disruption to recycling contracts."', "exit_impact = false"),
        (
            "value_summary",
            'value_summary = "Shared contracts and better prices."',
            'value_summary = ["Shared contracts"]',
        ),
        (
            "information_sharing",
            'information_sharing = "Minutes go to the portfolio holder."',
            "information_sharing = 1.5",
        ),
        ("comments", 'comments = "Keep under review."', 'comments = { note = "x" }'),
        ("started", "started = 2015-04-01", 'started = "2015-04-01"'),
        ("documents", 'documents = ["https://example.org/terms.pdf"]', 'documents = "https://example.org/terms.pdf"'),
    ]:
        # File names use hyphens: an underscore would make a bad id too.
        p = "wrong-type-%s.toml" % key.replace("_", "-")
        text = entry(p, name=new[len("name = ") :]) if key == "name" else sub(entry(p), old, new)
        add(p, expect_wrong_types(1, text))

    # The tables, each written as a value of a wrong shape.
    p = "wrong-type-representatives.toml"  # one table, not an array of them
    add(p, expect_wrong_types(1, sub(entry(p), "[[representatives]]", "[representatives]")))
    for table, value in [
        ("risk", '["medium"]'),
        ("value", '"medium"'),
        ("reporting", '"quarterly"'),
        ("approval", "true"),
    ]:
        p = "wrong-type-%s.toml" % table
        text = remove_table(entry(p), "[%s]" % table)
        add(p, expect_wrong_types(1, top_of(text, "%s = %s\n" % (table, value))))
    p = "wrong-type-reviews.toml"  # an array, but of years, not tables
    add(p, expect_wrong_types(1, top_of(remove_table(entry(p), "[[reviews]]"), "reviews = [2026]\n")))
    p = "wrong-type-exit.toml"
    add(p, expect_wrong_types(1, top(p, 'exit = "none"\n')))
    p = "wrong-type-questions.toml"
    add(p, expect_wrong_types(1, top(p, 'questions = "see attached"\n')))

    # One file per table: every key in it given a value of a wrong type.
    for table, is_array, pairs in TABLES:
        p = "wrong-type-%s-keys.toml" % table
        lines = [(key, wrong_literal(kind, turn)) for turn, (key, kind) in enumerate(pairs)]
        header = "[[%s]]" % table if is_array else "[%s]" % table
        text = entry(p)
        if "\n" + header + "\n" in text:
            text = remove_table(text, header)
        add(p, expect_wrong_types(len(lines), text.rstrip("\n") + "\n" + table_text(table, is_array, lines)))

    # Every key of the format, at once, given a value of one type: each
    # key whose type that is not must be reported, each once.
    for label, literal in [
        ("integer", "7"),
        ("bool", "true"),
        ("float", "2.5"),
        ("date", "2020-01-01"),
        ("inline-table", "{ a = 1 }"),
        ("string", '"x"'),
        ("array", '["x"]'),
    ]:
        p = "every-key-as-%s.toml" % label
        count = 0
        lines = []
        for key, kind in TOP_KEYS:
            value = literal
            if key == "name" and literal == '"x"':
                value = quote(unique_name(p))
            lines.append("%s = %s\n" % (key, value))
            count += is_wrong_type(kind, literal)
        text = "".join(lines)
        for table, is_array, pairs in TABLES:
            text += table_text(table, is_array, [(key, literal) for key, _ in pairs])
            count += sum(is_wrong_type(kind, literal) for _, kind in pairs)
        add(p, expect_wrong_types(count, text))


# --- Writing ------------------------------------------------------------------------------------


def main():
    truncated()
    empty()
    big()
    encodings()
    control()
    names()
    keys()
    numbers()
    dates()
    file_names()
    wrong_types()

    if os.path.isdir(REGISTER):
        shutil.rmtree(REGISTER)
    os.makedirs(REGISTER)
    with open(os.path.join(OUT, "partreg.toml"), "w", encoding="utf-8", newline="\n") as f:
        f.write(SETTINGS)
    for path in sorted(FILES):
        full = os.path.join(REGISTER, *path.split("/"))
        os.makedirs(os.path.dirname(full), exist_ok=True)
        with open(full, "wb") as f:
            f.write(FILES[path])
    if os.path.isdir(AT_TEST_TIME):
        shutil.rmtree(AT_TEST_TIME)
    os.makedirs(AT_TEST_TIME)
    for name in sorted(AT_TEST_TIME_FILES):
        with open(os.path.join(AT_TEST_TIME, name), "wb") as f:
            f.write(AT_TEST_TIME_FILES[name])
    total = sum(len(b) for b in FILES.values())
    print("make-hostile-corpus: wrote %d files (%.2f MB) to %s" % (len(FILES), total / 1e6, os.path.relpath(REGISTER, ROOT)))


if __name__ == "__main__":
    main()
