"""Shortcuts of the name keys (place_keys) must give exactly what the general
steps give: the gazetteer's keys were built with those, and a text key that
differs by one letter finds no place."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from extraction import place_keys as K

# Letters the spelling rules rewrite ("kh", "ya", "ts", "iy", doubled letters,
# "northern", "kray"), mixed with others and with upper case.
_WORDISH = st.text(alphabet="abehikjnorstuyzAKNSYZ", min_size=1, max_size=14)
_PIECES = ["north", "Northern", "Nord", "sud", "ouest", "kray", "ya", "Yu", "kh", "zh", "ts", "ll", "iy",
           "ye", "al ", "el-", "ez ", "  ", "'", "’", "-", "ä", "x", "Q"]


def _general_fold_key(s):
    """fold_key as the general steps compute it, without the one-plain-word shortcut."""
    f = K._fold1(s.replace("\n", " "))
    w = K._word_keyed(f)
    k = K.finish_key(w) if w is not None else K._key_of_fold1(f)
    return f.strip(), k, (w if w and s.isascii() else None)


@settings(max_examples=600, deadline=None)
@given(_WORDISH)
def test_one_word_shortcut_is_the_general_fold_key(word):
    assert K.fold_key(word) == _general_fold_key(word)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), min_size=1, max_size=6).map("".join))
def test_fold_key_matches_the_bulk_key_on_any_pieces(name):
    f, k, _ = K.fold_key(name)
    assert k == K._key_bulk(name).strip()
    assert f == K._fold_bulk(name).strip()


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="abhkstyzein lr\n-", max_size=30))
def test_prepared_replacements_replace_as_the_strings_do(s):
    # sub() with a prepared replacement (re._subx's function) and with the
    # rule's own string must give the same text for every rule.
    for (rx, rep), (_, fast) in zip(K._variants(), K._fast_variants()):
        assert rx.sub(fast, s) == rx.sub(rep, s)


def test_known_rewrites():
    assert K.fold_key("Kharkiv")[1] == "harkiv"
    assert K.fold_key("Hillary")[1] == "hilary"
    assert K.fold_key("Northern")[1] == "north"
    assert K.fold_key("Sergeyevka")[1] == K.fold_key("Sergeevka")[1]
