"""A core finding worded for the reader: the catalog's sentence, the language's
numbers, money and dates, the user's data isolated, the plural the language's own."""

from __future__ import annotations

import datetime as dt

from partways.core.phrase import Money, Share, say, say_n
from partways.i18n import render
from partways.i18n.render import FSI, LRI, PDI

NEGATIVE = say_n(
    "pessimism.value",
    "{negative} of {n} client message was negative ({share}).",
    "{negative} of {n} client messages were negative ({share}).",
    20,
    negative=5,
    share=Share(0.25),
)


def test_a_finding_is_translated_with_the_languages_own_numbers():
    assert render(NEGATIVE, "en") == "5 of 20 client messages were negative (25%)."
    assert render(NEGATIVE, "id") == "5 dari 20 pesan klien bernada negatif (25%)."
    assert render(NEGATIVE, "hr") == "5 od 20 klijentovih poruka bilo je negativno (25%)."


def test_plural_forms_follow_each_language():
    two = say_n("meetings", "{n} meeting was missed.", "{n} meetings were missed.", 2)
    three = say_n("meetings", "{n} meeting was missed.", "{n} meetings were missed.", 3)
    assert render(two, "ar") == "فات اجتماعان."
    assert render(three, "ar") == "فاتت 3 اجتماعات."
    assert render(three, "hr") == "3 sastanka su propuštena."


def test_money_and_dates_are_written_the_readers_way():
    owed = say(
        "payment_risk.outstanding", "{amount} is still outstanding.", amount=Money(1351064, "EUR")
    )
    assert render(owed, "en") == "€13,510.64 is still outstanding."
    assert render(owed, "hr") == "13.510,64\xa0€ još nije plaćeno."
    last = say(
        "talk.last_day", "The last day of work together is {end_on}.", end_on=dt.date(2027, 1, 5)
    )
    # One stop after a Croatian date that ends the sentence, not two.
    assert render(last, "hr") == "Posljednji dan suradnje je 5. sij 2027."


def test_the_users_own_words_and_the_playbook_tags_keep_their_direction_in_arabic():
    flag = say(
        "not_a_fit.value", "Marked as no longer a fit: {reason}.", reason="Needs a bigger agency"
    )
    worded = render(flag, "ar")
    assert f"{FSI}Needs a bigger agency{PDI}" in worded
    tagged = say("stance.generic", "I no longer think our services meet your needs [001].")
    assert f"{LRI}[001]{PDI}" in render(tagged, "ar")
    # The terminal gets no isolates in left-to-right text.
    assert FSI not in render(flag, "en", isolated=False)


def test_a_one_word_finding_is_translated_and_a_bare_field_is_left_as_it_is():
    assert render(say("evidence.never_answered", "never answered"), "hr") == "bez odgovora"
    assert render(say("text", "{text}", text="Their own words"), "hr") == (
        "\u2068Their own words\u2069"
    )
