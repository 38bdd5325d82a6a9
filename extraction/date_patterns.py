"""Compiled regular expressions for date expressions, built once from dates.yaml.

Every rule is tied to a cheap anchor: a month name, a weekday, a four-digit
year, or a lower-case word (week, ago, summer, quarter...). Rules in ``lefts``
start or end at the anchor: the rule's regex is matched once at each hit and
what may come before it ("from", "Tuesday,", "mid-", "in", "the past two") by a
short regex ending at the end of the string, searched backwards from the hit; no position of the
text is tried in vain. The other rules scan small windows around their anchors.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .fast_regex import lead_alternation
from .lexicon import load


def _alt(words) -> str:
    # Longest first so "September" wins over "Sep"; escape for safety.
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


def _alt_fast(words, fold_case=False) -> str:
    # The same alternation, class-first (fast_regex): sre fails a position in one step.
    items = sorted(set(words), key=len, reverse=True)
    if fold_case and not all(w.isascii() for w in items):
        return _alt(items)
    return lead_alternation(items, fold_case=fold_case)


def _cased(words) -> list[str]:
    # Capitalised and upper-case forms only: "may" (the verb) never matches.
    out = []
    for w in words:
        out += [w[0].upper() + w[1:], w.upper()]
    return out


@dataclass(frozen=True)
class Vocab:
    month_of: dict            # lower-case name -> month number
    weekday_of: dict          # lower-case name -> 0..6
    ambiguous_months: frozenset
    weak_month_context: frozenset
    relative_days: dict
    unit_words: dict
    number_words: dict
    ordinal_words: dict
    future_cues: re.Pattern
    future_window: int
    year_determiners: frozenset  # "the 2007 season": a year before a noun, see date_kinds
    year_count_nouns: frozenset  # ... but not before a counted noun ("the 2012 people")
    seasons: dict             # lower-case name -> (first month, last month)
    holidays: dict            # name as written -> (month, day)
    bare_holidays: frozenset  # holiday names that need a cue word or a year to be a date
    holiday_cues: frozenset


@dataclass(frozen=True)
class Patterns:
    vocab: Vocab
    rules: tuple  # (kind, compiled regex, anchor), most specific first
    # A leading look-behind stops sre from skipping ahead on the first character,
    # so these rules check the character before a match in Python instead.
    not_after: dict  # kind or anchor name -> characters that may not precede a match
    lowered: frozenset  # kinds matched against the ASCII-lowered text
    anchors: dict  # anchor name -> cheap regex whose hits bound where a rule can match
    # rule anchor name -> (anchor regex name, chars a match can reach before the hit, after it);
    # tight reaches keep the windows, and so the per-position cost of the rules, small.
    reach: dict
    word_groups: dict  # lower-case anchor word -> rule anchors it opens windows for
    lefts: dict  # kind -> (regex ending in \Z, reach, required): rules matched at their anchor


_W = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_"
_AN = _W.replace("_", "")
# An ISO date may follow "-" or "_" ("report-2002-10-09.xlsx", "archive-2018-09-23-page").
_NOT_AFTER = {"iso": _AN + "/.", "numeric": _W + "/.-", "decade": _W + "-", "rel_day": _W + "-",
              "rel_unit": _W + "-", "month": _W, "year": "0123456789", "ago": _W + "-"}


def month_regexes(full, abbr) -> tuple[str, str]:
    """(month pattern for the rules, the same as a fast whole-text anchor).

    Only an abbreviation takes a dot ("Oct."); a full name's dot ends the
    sentence. The anchor scans whole texts, so it is written to start with a
    character class (fast_regex), ~15x faster, with the same matches.
    """
    tail_full, tail_abbr = r"(?![\w])", r"(?:\.(?!\d)|(?![\w]))"
    plain = "(?:(?:" + _alt(_cased(full)) + ")" + tail_full + "|(?:" + _alt(_cased(abbr)) + ")" + tail_abbr + ")"
    fast = lead_alternation([(w, tail_full) for w in sorted(set(_cased(full)), key=len, reverse=True)]
                            + [(w, tail_abbr) for w in sorted(set(_cased(abbr)), key=len, reverse=True)])
    return plain, fast


@lru_cache(maxsize=1)
def patterns() -> Patterns:
    return build_patterns(fast=True)


def build_patterns(fast: bool) -> Patterns:
    """fast=False writes every alternation plainly: tests check both match alike."""
    A = _alt_fast if fast else _alt
    AI = (lambda w: _alt_fast(w, fold_case=True)) if fast else _alt
    lex = load("dates.yaml")
    month_of = {n.lower(): int(m) for m, names in lex["months"].items() for n in names}
    weekday_of = {n.lower(): int(d) for d, names in lex["weekdays"].items() for n in names}
    full_weekdays = [names[0] for names in lex["weekdays"].values()]
    vocab = Vocab(
        month_of=month_of,
        weekday_of=weekday_of,
        ambiguous_months=frozenset(m.lower() for m in lex["ambiguous_months"]),
        weak_month_context=frozenset(w.lower() for w in lex["weak_month_context"]),
        relative_days={k.lower(): v for k, v in lex["relative_days"].items()},
        unit_words={k.lower(): v for k, v in lex["relative_unit_words"].items()},
        number_words={k.lower(): v for k, v in lex["number_words"].items()},
        ordinal_words={k.lower(): v for k, v in lex["ordinal_words"].items()},
        # class-first (fast_regex): sre skips to candidate letters in each sentence searched
        future_cues=re.compile(r"(?i:" + lead_alternation(sorted(set(lex["future_cues"]), key=len, reverse=True),
                                                           not_after=r"[\w']", fold_case=True) + r")(?!\w)"),
        future_window=int(lex["future_window_months"]),
        year_determiners=frozenset(w.lower() for w in lex["year_determiners"]),
        year_count_nouns=frozenset(w.lower() for w in lex["year_count_nouns"]),
        seasons={k.lower(): tuple(v) for k, v in lex["seasons"].items()},
        holidays={k: tuple(v) for k, v in lex["holidays"].items()},
        bare_holidays=frozenset(lex["holidays_need_cue"]),
        holiday_cues=frozenset(w.lower() for w in lex["holiday_cues"]),
    )

    full = [names[0] for names in lex["months"].values()]
    abbr = [n for names in lex["months"].values() for n in names[1:]]
    mon_plain, mon_fast = month_regexes(full, abbr)
    mon = mon_fast if fast else mon_plain
    wd_full = r"(?:" + A(_cased(full_weekdays)) + r")(?![\w])"
    wd_any = r"(?:" + A(_cased(weekday_of)) + r")\.?(?![\w])"
    ordinals = AI(vocab.ordinal_words)
    # A day number is not a price ("$12 December 27") nor part of a numeric date ("01/22").
    day = (r"(?<![\w.,/$£€#])(?:[0-3]?\d(?:st|nd|rd|th)?(?![\w,/.]\d)|(?i:" + ordinals + r"))"
           r"(?![\w])")
    year = r"(?:1[5-9]\d\d|20\d\d)(?![\w])"
    sep = r"\s*(?P<sep>-|–|—|/|to|through|till|until|and|thru)\s*"
    wd_pre = r"(?:(?P<wdp>" + wd_any + r"),?\s+(?:the\s+)?)?"
    # "the week of April 10", "the week beginning 4 February": the Monday-to-Sunday week
    week_of = r"(?P<wk>(?:[Tt]he\s+)?[Ww]eek\s+(?:of|beginning|starting|commencing)(?:\s+on)?\s+)?"
    lead = r"(?:(?i:" + (lead_alternation(["from", "between"], fold_case=True) if fast
                         else "from|between") + r")\s+)?"
    mods = r"(?:(?i:" + AI(lex["modifiers"]) + r")(?:\s+|-))?"
    ctx_m = r"(?<![\w-])(?P<ctx>(?i:" + AI(lex["month_context"]) + r"))\s+"
    ctx_y = r"(?<![\w-])(?P<yctx>(?i:" + AI(lex["year_context"] + lex["year_determiners"]) + r"))\s+"
    nums = A(k for k, v in vocab.number_words.items())
    rel_days = A(vocab.relative_days)
    unit_words = A(vocab.unit_words)
    units = A(lex["relative_units"])
    seasons = A(vocab.seasons)
    holidays = A(vocab.holidays)
    span_words = A(lex["span_words"])
    y2 = r"(?:19|20)\d\d"

    def c(p):
        return re.compile(p)

    rules = (
        # "October 27-28", "from October 27 to November 2, 2024", "Nov 18-Dec 19, 2015"
        ("mdy_range", c(r"(?P<m1>" + mon + r")\s*(?P<d1>" + day + r")"
                        r"(?:,?\s*(?P<y1>" + year + r"))?" + sep + r"(?:(?P<m2>" + mon + r")\s*)?"
                        r"(?P<d2>" + day + r")(?:,?\s*(?P<y2>" + year + r"))?")),
        # "27-28 October 2024", "between 3 and 5 March", "26 June 2019 to 28 June 2020"
        ("dmy_range", c(r"(?P<lead>" + lead + r")" + wd_pre + r"(?P<d1>" + day + r")(?:\s*(?:of\s+)?(?P<m1>" + mon
                        + r"))?(?:,?\s*(?P<y1>" + year + r"))?" + sep + r"(?:the\s+)?(?P<d2>" + day
                        + r")\s*(?:of\s+)?(?P<m2>" + mon + r")(?:,?\s*(?:of\s+|in\s+)?(?P<y2>" + year
                        + r"))?")),
        # "June-August 1992", "from May to Oct 2020", "between March and May"
        ("my_range", c(r"(?P<m1>" + mon + r")(?:\s*(?P<y1>" + year + r"))?"
                       r"\s*(?:-|–|to|through|until|till|and)\s*(?P<m2>" + mon + r"),?\s*(?P<y2>"
                       + year + r")?")),
        # "Tuesday, October 22, 2024", "Oct. 22", "October 22nd", "July 4th of 1995", "Sep-23-2020"
        ("mdy", c(r"(?P<m>" + mon + r")(?:,?\s*|-)(?:the\s+)?"
                  r"(?P<d>" + day + r")(?:(?:\s*,?\s*|-)(?:of\s+|in\s+)?(?P<y>" + year + r"))?")),
        # "22 October 2024", "the 4th of July", "05-Aug-2016"
        ("dmy", c(week_of + wd_pre + r"(?:the\s+)?(?P<d>" + day + r")(?:\s*|-)(?:of\s+)?(?P<m>" + mon
                  + r")(?:(?:,?\s*|-)(?:of\s+|in\s+)?(?P<y>" + year + r"))?")),
        # "2024-10-22", "2019/8/1"
        ("iso", c(r"(?P<y>1[5-9]\d\d|20\d\d)([-/.])(?P<m>[01]?\d)\2(?P<d>[0-3]?\d)"
                  r"(?![\w/.-]?\d)")),
        # "10/22/2024" (order: see date_kinds._numeric), "22.10.2024"
        # ([0-3]?\d written digit-first, same matches: sre then skips to digits)
        ("numeric", c(r"(?P<a>\d(?:(?<=[0-3])\d)?)([/.])(?P<b>[0-3]?\d)\2(?P<y>(?:19|20)\d\d)"
                      r"(?![\w/.-]?\d)")),
        # "2015-03" (ISO year-month; "2011-12" is a season, see date_kinds)
        ("iso_ym", c(r"(?P<y>(?:19|20)\d\d)-(?P<m>0[1-9]|1[0-2])(?![\w/.-]?\d)")),
        # "October 2024", "mid-October 2024", "June of 1992", "Dec/2018", "Dec-2018"
        ("my", c(r"(?P<m>" + mon + r")(?:,?\s*(?:of\s+)?|/|-)(?P<y>" + year + r")")),
        # "the first week of March 2023", "the last week of July"
        ("week_n", c(r"(?P<m>" + mon + r")(?:,?\s*(?P<y>" + year + r"))?")),
        # "in October", "since mid-May"
        ("month_ctx", c(r"(?P<m>" + mon + r")")),
        # "early October" at any position: a modifier makes a bare month a date
        ("month_mod", c(r"(?P<m>" + mon + r")")),
        # "from 2019 to 2021", "between 2014 and 2016", "2019-2021"
        ("year_range", c(r"(?P<y1>(?:19|20)\d\d)\s*(?P<sep>-|–|to|through|and)\s*(?P<y2>(?:19|20)\d\d)"
                         r"(?![\w-])")),
        # "in 2023", "since early 2014", "the first half of 2019"
        ("year_ctx", c(r"(?P<y>(?:19|20)\d\d)(?![\w-]|,\d)")),
        # "early 2024" at any position
        ("year_mod", c(r"(?P<y>(?:19|20)\d\d)(?![\w-])")),
        # "the 1990s", "the '90s"
        ("decade", c(r"(?:(?P<y>(?:19|20)\d0)'?|['’](?P<yy>\d0))s(?![\w])")),
        # "Christmas Day", "New Year's Eve 2019"
        ("holiday", c(r"(?P<h>" + holidays + r")(?![\w])(?:(?:\s+of|,)?\s+(?P<y>" + year + r"))?")),
        # "yesterday", "last night", "the day after tomorrow"
        ("rel_day", c(r"(?:" + rel_days + r")(?![\w-])")),
        # "two days ago", "a week ago", "3 years ago"
        # "two days ago", "a week ago", "3 years ago" (the count and unit: see lefts)
        ("ago", c(r"(?P<ref>ago|earlier|before)(?![\w-])")),
        # "in two weeks" in a forward-looking sentence
        ("in_n", c(r"(?P<u>day|week|month|year)s?(?![\w-])")),
        # "the past two weeks", "the last 24 hours", "the next three months"
        ("rel_span", c(r"(?P<u>hour|day|week|month|year)s(?![\w-])")),
        # "last week", "next month", "earlier this year", "the end of this month", "last quarter"
        ("rel_unit", c(r"(?P<u>" + units + r")(?![\w-])")),
        # "over the weekend", "at the weekend": the latest weekend (or the next in a forward sentence)
        ("weekend", c(r"weekend(?![\w-])")),
        # "the end of the year", "end of month": the anchor's own unit
        ("end_of", c(r"(?P<u>week|month|year)(?![\w-])")),
        # "this summer", "in the winter", "the summer of 2019", "autumn 2020"
        ("season", c(r"(?<![\w-])(?:(?P<ctx>in|during|since|until|by|over|throughout)\s+)?(?P<span>"
                     r"(?:(?P<w>last|this|next|past|coming)\s+|the\s+)?(?:(?:early|late|mid)[\s-]+)?"
                     r"(?P<s>" + seasons + r")(?:(?:\s+of|,)?\s+(?P<y>" + y2 + r"))?)(?![\w-])")),
        # "the third quarter of 2023", "Q1 2019", "2019-Q3", "Q4"
        ("quarter", c(r"(?<![\w-])(?:(?P<qw>first|second|third|fourth|final|1st|2nd|3rd|4th)[\s-]+quarter"
                      r"(?:(?:\s+of|,)?\s+(?P<y>" + y2 + r")|\s+of\s+(?:the\s+)?(?:(?P<rw>last|this|next|"
                      r"previous)\s+)?year)|q(?P<qn>[1-4])(?:[\s-]*(?P<y2>" + y2 + r"))?|(?P<y3>" + y2
                      + r")[\s-]*q(?P<qn2>[1-4]))(?![\w-])")),
        # "last Tuesday", "on Monday", "Friday"
        ("weekday", c(r"(?<![\w-])(?:(?P<w>(?i:last|next|this|previous|coming|following|past))\s+)?"
                      r"(?P<wd>" + wd_full + r")")),
        # "Friday the 13th", "Tuesday, the eleventh": a weekday and an ordinal day, no month
        ("wd_day", c(r"(?P<wd>" + wd_full + r"),?\s+(?:the\s+)?(?P<d>[0-3]?\d(?:st|nd|rd|th)|(?i:" + ordinals
                     + r"))(?![\w])")),
    )
    # Rules that start at their anchor hit (rx.match there, no window scan); what may
    # precede the anchor is matched backwards from it by a regex ending in \Z:
    # kind -> (regex, how far back it can reach, whether the rule needs it). The
    # group "in" is the part that belongs to the span ("in" of "in October" does not).
    def left(p):
        return re.compile(p + r"\Z")

    lefts = {
        "mdy_range": (left(r"(?P<in>(?P<lead>" + lead + r")" + wd_pre + r")"), 30, False),
        "my_range": (left(r"(?P<in>(?P<lead>" + lead + r"))"), 10, False),
        "mdy": (left(r"(?P<in>" + week_of + wd_pre + r"(?P<mod>" + mods + r"))"), 64, False),
        "my": (left(r"(?P<in>(?P<mod>" + mods + r"))"), 24, False),
        "week_n": (left(r"(?i:(?<![\w-])(?P<in>(?:the\s+)?(?P<wkn>first|second|third|fourth|last|final)\s+"
                        r"week\s+of\s+))"), 30, True),
        "month_ctx": (left(ctx_m + r"(?P<in>(?P<mod>" + mods + r"))"), 48, True),
        "month_mod": (left(r"(?P<in>(?P<mod>(?i:early|mid|late)(?:\s+|-)))"), 8, True),
        "year_range": (left(r"(?<![\w-])(?P<in>(?P<lead>(?i:from|between)\s+)?)"), 10, True),
        "year_ctx": (left(ctx_y + r"(?P<in>(?P<mod>" + mods + r"))"), 48, True),
        "year_mod": (left(r"(?P<in>(?P<mod>(?i:early|mid|late)(?:\s+|-)))"), 8, True),
        # on the lowered text, ending at a unit word
        "ago": (left(r"(?<![\w-])(?P<in>(?P<n>\d{1,3}|(?:" + nums + r"))\s+(?P<u>day|week|month|year)s?\s+)"),
                30, True),
        "in_n": (left(r"(?<![\w-])(?P<in>in\s+(?P<n>\d{1,3}|(?:" + nums + r"))\s+)"), 20, True),
        "rel_span": (left(r"(?<![\w-])(?P<in>(?P<w>" + span_words + r")\s+(?P<n>\d{1,3}|(?:" + nums
                          + r"))\s+)"), 30, True),
        "rel_unit": (left(r"(?<![\w-])(?P<in>(?P<mod>(?:the\s+)?(?:end|start|beginning|middle)\s+of\s+)?"
                          r"(?P<w>" + unit_words + r")\s+)"), 40, True),
        "wd_day": (left(r"(?P<in>)"), 0, False),
        "weekend": (left(r"(?<![\w-])(?:over|at|during|on|for)\s+(?P<in>the\s+)"), 12, True),
        "end_of": (left(r"(?<![\w-])(?P<in>(?P<mod>(?:the\s+)?(?:end|start|beginning|middle)\s+of\s+)"
                        r"(?:the\s+)?)"), 28, True),
    }
    # Each rule runs only at or around hits of a cheap anchor (see dates.py): rules
    # with a left part (lefts) are matched at each hit, the others in windows.
    anchor_of = {"mdy_range": "month", "dmy_range": "month_dayfirst", "my_range": "month", "mdy": "month",
                 "dmy": "month_dayfirst", "my": "month", "week_n": "month", "month_ctx": "month", "month_mod": "month",
                 "year_range": "year", "year_ctx": "year", "year_mod": "year",
                 "iso": "year_near", "numeric": "year_near", "iso_ym": "year_near", "decade": "decade",
                 "holiday": "holiday", "rel_day": "rel_day", "ago": "ago", "rel_span": "unit", "in_n": "unit",
                 "weekend": "weekend",
                 "rel_unit": "unit", "end_of": "unit", "season": "season", "quarter": "quarter",
                 "weekday": "weekday", "wd_day": "weekday_at"}
    # Lower-case anchor words (dates._word_hits finds them with str.find in the lowered
    # text); each word serves the rule anchors listed for it.
    word_groups: dict[str, set] = {}
    for group, words in lex["anchor_words"].items():
        for w in words:
            word_groups.setdefault(w, set()).add(group)
    for w in {h.split()[-1].lower() for h in vocab.holidays}:
        word_groups.setdefault(w, set()).add("holiday")
    anchors = {"month": re.compile(mon), "year": re.compile(r"(?:19|20)\d\d(?!\d)"),
               "decade_end": re.compile(r"0'?s(?![\w])"),
               "weekday": re.compile(wd_full)}
    # rule anchor -> (anchor scan, reach before the hit, reach after it): the farthest a
    # rule's match can extend around its anchor.
    reach = {"month": ("month", 0, 0), "month_dayfirst": ("month", 72, 16), "year": ("year", 0, 0),
             "year_near": ("year", 8, 8),
             "decade": ("decade_end", 8, 2), "holiday": ("words", 30, 30), "rel_day": ("words", 18, 2),
             "ago": ("words", 0, 0), "unit": ("words", 0, 0), "weekend": ("words", 0, 0), "season": ("words", 30, 12),
             "quarter": ("words", 14, 24), "weekday": ("weekday", 12, 0),
             "weekday_at": ("weekday", 0, 0)}
    lowered = frozenset({"rel_day", "ago", "in_n", "rel_span", "rel_unit", "weekend", "end_of", "season", "quarter"})
    return Patterns(vocab, tuple((k, rx, anchor_of.get(k)) for k, rx in rules),
                    anchors=anchors, reach=reach, not_after=_NOT_AFTER, lowered=lowered,
                    word_groups={w: frozenset(g) for w, g in word_groups.items()},
                    lefts=lefts)
