"""Arabic words as the lexicon sees them: what is written after a word, and what is not."""

import pytest

from partways.core.text.tokens import forms


@pytest.mark.parametrize(
    ("word", "form"),
    [
        ("خذلتونا", "خذلتو"),  # let us down: "us" off
        ("شغلكم", "شغل"),  # your work
        ("عجبهم", "عجب"),  # they liked
        ("ثقتنا", "ثقه"),  # our trust: the ت is the ة again
        ("خسارتهم", "خساره"),  # their loss
        ("ثقتي", "ثقه"),  # my trust: "my" after a ة
        ("ملاحظاتي", "ملاحظات"),  # my notes
        ("عجبنيش", "عجبني"),  # Egyptian negation ش
        ("ماعجبكمش", "ماعجبكم"),  # negation, then the pronoun
        ("ماعجبكمش", "ماعجب"),
        ("بهالشغل", "شغل"),  # "with this" written on
        ("هالفوضى", "فوضي"),
    ],
)
def test_arabic_pronouns_and_negation_are_split_off(word, form):
    assert form in forms(word, "ar", {})


@pytest.mark.parametrize(
    ("word", "not_a_form"),
    [
        ("مهم", "م"),  # important, not م + هم
        ("غيرها", "غير"),  # "another one", not the negator غير
        ("بدونه", "بدون"),
        ("كما", "ما"),  # as
        ("لما", "ما"),  # when
        ("بما", "ما"),  # since, with what
        ("لولا", "ولا"),  # if not for
        ("لاكن", "لا"),  # a spelling of "لكن", not لا + كن
        ("الأسواني", "اسوا"),  # ـني ends adjectives: "from Aswan", not "worst"
        ("ثوري", "ثور"),  # ـي too: "revolutionary", not "bull"
        ("خولة", "خول"),  # ـه is how ة is written: a name
        ("خوله", "خول"),
        ("مجنونك", "مجنون"),  # ـك ends courtesies and love songs
        ("زفتى", "زفت"),  # ى is never "my": a town
        ("وتفتيش", "تفه"),  # once ش is cut, a ت is a verb's, never a ة: "inspection"
    ],
)
def test_arabic_word_endings_that_are_not_pronouns_stay_on(word, not_a_form):
    assert not_a_form not in forms(word, "ar", {})
