"""Districts the gazetteer does not know: a capitalised run closed by a
second-level type word ("North Waziristan district", "Kurram District",
"Harris County"). The gazetteer ships no second-level divisions, so such a
name is kept as an admin2 candidate and placed later from the text
(place_pick.admin2_entry) rather than dropped or matched to a namesake town.

The runs' tokens and their memoised info come from place_runs; sub_key is its
key of a token range.
"""
from __future__ import annotations


def district_ends(text, r):
    """Where a run followed by a second-level type word ends ("Kurram| district"),
    or None: a text naming none of those words (most) costs a few substring tests."""
    if not any(map(text.__contains__, r["admin2"])):
        return None
    ends = set()
    for m in r["admin2_rx"].finditer(text):
        p = m.start()
        while p and text[p - 1].isspace():
            p -= 1
        ends.add(p)
    return ends


def no_place(text, rs, re_, tail, toks, info, r, sub_key):
    """The candidates of a run whose words name nothing: a district, or none."""
    if tail is None and info[-1][1] not in r["admin2"]:
        return ()
    d = district(text, rs, re_, tail, toks, info, r, sub_key)
    return (d,) if d else ()


def district(text, rs, re_, tail, toks, info, r, sub_key, i0=0):
    """A run naming nothing the gazetteer knows, closed by a second-level type
    word ("North Waziristan district", "Kurram District"): an admin2 candidate
    (start, end, "admin2", length of the name, "strong", key), offsets relative
    to rs, or None. Where it lies is decided later, from the text."""
    a2, n = r["admin2"], len(toks)
    if tail is not None and tail[0] in a2:
        last, end = n, re_ + tail[1]
    elif n - i0 >= 2 and info[-1][1] in a2 and text[toks[-2][1]:toks[-1][0]] == " ":
        last, end = n - 1, toks[-1][1]
    else:
        return None
    if not 1 <= last - i0 <= 3 or info[i0][1] in r["admin2_not_first"]:
        return None
    k = sub_key(text, toks, info, i0, last)
    # A capitalised type word makes the run a district's name ("Harris County"); with a
    # lower-case one a word mostly a person's or a common word stays no name ("the Obama district").
    if not k or k in r["common"] or (last == n and k in r["stop"]):
        return None
    if last - i0 == 1 and toks[i0][1] - toks[i0][0] <= 4 and text[toks[i0][0]:toks[i0][1]].isupper():
        return None  # "NYPD district": an acronym, not a name
    s = toks[i0][0]
    # The name as written, with its type word when that is capitalised ("Harris County").
    return (s - rs, end - rs, "admin2", toks[last if last < n else last - 1][1] - s, "strong", k)
