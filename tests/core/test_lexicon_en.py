"""The English lexicon finds what clients mean, and leaves ordinary business mail alone."""

import pytest

from partways.core.text.lexicon_analyzer import LexiconAnalyzer
from tests.core.lexicon_cases import SIGNS, evidence, labels, shows


@pytest.fixture(scope="module")
def en():
    # English alone: every message is read with en.yaml only.
    return LexiconAnalyzer(languages=("en",))


def test_english_insult_is_found_with_its_evidence(en):
    text = "You are a complete moron, fix it."
    assert "abuse" in labels(en, text)
    assert evidence(en, text, "abuse") == ["moron"]


def test_english_swearing_is_found_in_its_inflected_forms(en):
    for text, word in (
        ("This fucking site is down again", "fucking"),
        ("What a load of bullshit.", "bullshit"),
        ("Stop being such an asshole about it", "asshole"),
        ("Your team are idiots", "idiots"),
    ):
        assert evidence(en, text, "abuse") == [word], text


def test_a_mild_swear_word_alone_is_not_abuse_but_with_a_second_hint_it_is(en):
    assert "abuse" not in labels(en, "Damn, I forgot the attachment.")
    text = "Damn it, what the hell happened to the layout?"
    assert "abuse" in labels(en, text)


def test_negation_cancels_an_english_insult(en):
    assert "abuse" not in labels(en, "You are not stupid, the brief was unclear.")
    # another clause: the negator does not reach it
    assert "abuse" in labels(en, "No, you are stupid.")


def test_swearing_stays_swearing_after_a_negator(en):
    text = "I don't give a shit about your excuses"
    assert "abuse" in labels(en, text)
    assert "abuse" in labels(en, "This is not fucking acceptable")


def test_negated_positive_word_is_negative(en):
    text = "We are not happy with the second draft."
    assert evidence(en, text, "negative") == ["not happy"]
    assert "negative" in labels(en, "Honestly it isn't good enough.")
    assert "negative" in labels(en, "I don't like the new colours at all.")


def test_negation_cancels_a_negative_word(en):
    assert "negative" not in labels(en, "No problem at all, that works for us.")
    assert "negative" not in labels(en, "Not bad for a first version.")


def test_intensifier_raises_a_weak_word_over_the_threshold(en):
    assert "negative" not in labels(en, "The result is bad.")
    text = "The result is really bad."
    assert evidence(en, text, "negative") == ["bad"]


def test_shouting_raises_a_weak_word_over_the_threshold(en):
    assert "abuse" not in labels(en, "damn")
    assert "abuse" in labels(en, "DAMN")


def test_elongated_and_leetspeak_spellings_are_read(en):
    for text, word in (
        ("you are sooo stupiiid", "stupiiid"),
        ("what a load of sh1t", "sh1t"),
        ("stop being an @sshole", "@sshole"),
        ("f*ck this project", "f*ck"),
        ("what an 1d10t", "1d10t"),
    ):
        assert evidence(en, text, "abuse") == [word], text


def test_chat_spellings_are_read(en):
    assert "abuse" in labels(en, "u r an idiot")
    text = "i dont like it"
    assert evidence(en, text, "negative") == ["dont like"]
    assert "abuse" in labels(en, "stfu and fix it")


def test_threats_are_abuse(en):
    for text in ("If this happens again I will kill you.", "I hope you die in a fire"):
        assert "abuse" in labels(en, text), text


def test_belittling_competence_is_disrespect(en):
    for text, piece in (
        ("Honestly my kid could do this in an afternoon.", "my kid could"),
        ("How hard can it be to centre a logo?", "How hard can it be"),
        ("I pay you, so do as I say.", "do as I say"),
        ("Your developers are clueless.", "clueless"),
    ):
        assert "disrespect" in labels(en, text), text
        assert shows(en, text, "disrespect", piece), text


def test_frustration_and_hopelessness_are_negative(en):
    for text in (
        "I'm fed up with the delays.",
        "This will never work, it's a waste of money.",
        "Frankly the new homepage is a disaster.",
    ):
        assert "negative" in labels(en, text), text


def test_deadline_pressure_is_a_demand(en):
    for text, piece in (
        ("Send me the files by tomorrow morning.", "by tomorrow morning"),
        ("We need the fix within 2 hours.", "within 2 hours"),
        ("Drop everything and get this done.", "Drop everything"),
    ):
        assert shows(en, text, "demand", piece), text
    assert "demand" not in labels(en, "Could you confirm by Friday?")
    assert "demand" not in labels(en, "No rush, whenever suits you.")


def test_extra_work_is_out_of_scope(en):
    for text, piece in (
        ("Could you also set up our newsletter? It won't take long.", "won't take long"),
        ("Just add a blog section for free.", "for free"),
        ("It's only a small change.", "only a small change"),
    ):
        assert shows(en, text, "out_of_scope", piece), text


def test_excuses_for_not_paying_are_payment_excuses(en):
    for text, piece in (
        ("We never received your invoice.", "never received your invoice"),
        ("Our budget is frozen until April.", "budget is frozen"),
        ("We're waiting for our client to pay us first.", "waiting for our client to pay"),
        ("Accounting hasn't approved it yet.", "Accounting hasn't approved"),
    ):
        assert shows(en, text, "payment_excuse", piece), text


def test_shady_requests_are_unethical(en):
    for text, piece in (
        ("Can we keep this off the books?", "off the books"),
        ("Just copy our competitor's website.", "copy our competitor"),
        ("Pay you in cash so we avoid the VAT?", "avoid the VAT"),
    ):
        assert shows(en, text, "unethical_request", piece), text


def test_feedback_without_substance_is_vague(en):
    for text, piece in (
        ("Can you make it pop a bit more?", "make it pop"),
        ("I can't put my finger on it, but it's off.", "can't put my finger on"),
        ("It just doesn't feel right.", "doesn't feel right"),
    ):
        assert shows(en, text, "vague", piece), text


@pytest.mark.parametrize(
    "text",
    [
        "Hi Sam, please find attached the signed contract. Let me know if anything is missing.",
        "Thanks for the quick turnaround, we'll review the mockups on Monday.",
        "Could you send over the final invoice? We process payments on the 15th.",
        "The kick-off call is confirmed for Tuesday at 10am.",
        "We'd like to add two pages to the scope; please send a quote for the extra work.",
        "Our accountant will transfer the deposit today.",
        "Great job on the launch, the client loved it.",
        "Happy to jump on a call whenever suits you.",
        "We killed the old staging server, the new one is live.",
        "Please shut down the test environment after the demo.",
    ],
)
def test_ordinary_business_mail_gets_no_signs(en, text):
    assert not labels(en, text) & SIGNS, text


def test_hardship_in_the_clients_own_life_or_business_is_found_003_3(en):
    """[003 #3] A death, a hospital stay, a birth or a business in crisis is context for an
    acute spike; the words that say so are the evidence."""
    for text, piece in (
        ("Apologies for the delay, my mother passed away last Tuesday.", "passed away"),
        ("My husband is in hospital, I'll reply when I can.", "in hospital"),
        ("We had to lay off a third of our staff this month.", "lay off"),
        ("Our funding fell through, so everything is on hold.", "funding fell through"),
        ("The shop was flooded on Monday and we lost the stock.", "was flooded"),
    ):
        assert shows(en, text, "hardship", piece), text


@pytest.mark.parametrize(
    "text",
    [
        "This campaign is dead in the water, let's rethink it.",
        "The deadline is killing us, can we talk?",
        "Our hospital client wants the clinic pages updated.",
        "I'm sick of your excuses, you idiots.",
        "Kill the old landing page, nobody visits it.",
    ],
)
def test_metaphors_clients_and_abuse_are_not_hardship_003_3(en, text):
    """[003 #3] Business metaphors, a client that is a hospital and abuse are not a hard time."""
    assert "hardship" not in labels(en, text), text


def test_questions_and_requests_for_a_reply_are_asks_000_4(en):
    """[000 #4] Our messages that wait for an answer: a question mark, or a request for an
    approval, a confirmation, feedback or a document, with no question mark."""
    for text, piece in (
        ("Which banner do you like best?", "?"),
        ("Please confirm the print quantities by Thursday.", "Please confirm"),
        ("Let me know which hosting plan you prefer.", "Let me know"),
        ("We are waiting for your approval of the storyboard.", "waiting for your"),
    ):
        assert shows(en, text, "asks", piece), text


@pytest.mark.parametrize(
    "text",
    [
        "Noted, thanks.",
        "Attached is the report for March.",
        "We'll take care of it today.",
        "The fix is live; the checkout works again.",
        "See https://example.com/page?id=3 for the new version.",
    ],
)
def test_reports_and_thanks_are_not_asks_000_4(en, text):
    """[000 #4] A status report, a thank-you or a link with "?" in it waits for nothing."""
    assert "asks" not in labels(en, text), text


def test_more_payment_excuses_are_found_002_4(en):
    """[002 #4] Money "on its way", the person who pays away, our own client first,
    instalments and a dispute raised to hold payment back."""
    for text in (
        "The payment is on its way, you should see it next week.",
        "Our bookkeeper is away until the 3rd, so it will have to wait.",
        "We're waiting for our own client to pay before we can pay you.",
        "Could we spread it over three monthly payments?",
        "We won't pay until the bugs are fixed.",
    ):
        assert "payment_excuse" in labels(en, text), text
    for text in ("Invoice paid today, thanks!", "Please add our VAT number to the invoice."):
        assert "payment_excuse" not in labels(en, text), text


def test_more_unethical_requests_are_found_002_3(en):
    """[002 #3] Back-dating, made-up testimonials, an invoice inflated for the insurer,
    costs hidden from a partner, a competitor's photos."""
    for text in (
        "Please put last month's date on the agreement.",
        "Write two testimonials and make up names for them.",
        "Add some hours to the bill, the insurance is paying.",
        "My co-founder mustn't know about this invoice.",
        "Download their photos and use them on our page.",
    ):
        assert "unethical_request" in labels(en, text), text
    for text in (
        "Please date the contract on the day we sign it.",
        "Could you ask our customers for a review?",
    ):
        assert "unethical_request" not in labels(en, text), text


def test_unreasonable_pressure_is_a_demand_000_8(en):
    """[000 #8] Ultimatums, blame, compressed timelines and "it's a five-minute job"."""
    for text, piece in (
        ("Last warning: it's done by Monday or we walk.", "Last warning"),
        ("It's your fault the campaign was late.", "your fault"),
        ("Move the deadline up to tomorrow, I don't care how.", "Move the deadline up"),
        ("Add online booking, it's a five-minute job.", "five-minute job"),
    ):
        assert shows(en, text, "demand", piece), text


@pytest.mark.parametrize(
    "text",
    [
        "The signup form shows an error, could you look at it today please?",
        "Urgent: the contact page is blank, can someone check?",
        "Thank you for fixing the menu, much appreciated.",
        "Could we have the draft by Friday if that works for you?",
    ],
)
def test_a_polite_report_or_a_thank_you_is_not_a_demand_000_8(en, text):
    """[000 #8] Reporting a fault, even marked urgent, and thanking for a fix is not pressure."""
    assert "demand" not in labels(en, text), text
    assert "out_of_scope" not in labels(en, text), text


@pytest.mark.parametrize(
    "text",
    [
        "Three months in and still nothing to show for it.",
        "I really don't think the newsletter is going to make any difference.",
        "Honestly, I can't see this going anywhere.",
        "Another quarter of zero growth. Why do we even bother.",
        "I've started to lose confidence in this whole approach.",
        "Traffic is flat, bookings are flat, everything is flat.",
        "I'm sceptical the redesign will fix anything.",
        "I don't know what the point of all this is.",
        "Not that it matters, nobody reads our blog anyway.",
        "Zero enquiries from the new landing page.",
        "I'm not seeing any return on what we spend with you.",
        "Nothing's improved since we started.",
    ],
)
def test_gloom_about_the_work_and_its_prospects_is_negative_000_6(en, text):
    """[000 #6] Pessimism rarely uses a bad word: doubt that anything will help, no
    progress, flat numbers, pointlessness, lost faith, resignation."""
    assert "negative" in labels(en, text), text


@pytest.mark.parametrize(
    "text",
    [
        "We had higher hopes for this, frankly. Our customers are complaining.",
        "We relied on you for the launch and it fell apart.",
        "This is the second time the shop page has slipped.",
        "The checkout broke again, third time this month.",
        "Can't deal with this today.",
        "Ok, whatever.",
    ],
)
def test_disappointment_repeats_and_curt_replies_are_negative_000_6(en, text):
    """[000 #6] Anger without insults: hopes let down, trust broken, the same slip
    again, and a curt brush-off."""
    assert "negative" in labels(en, text), text


@pytest.mark.parametrize(
    "text",
    [
        "No doubt the new layout will look great.",
        "I'm not going anywhere this weekend, so call me any time.",
        "Sales are up again this month!",
        "Nothing has changed on our side, the brief stands.",
        "We trusted you with the launch and you nailed it.",
        "This is the second version of the logo, with your comments worked in.",
        "Zero issues on our side, all good.",
        "Once again, thanks for the quick turnaround.",
        "Whatever works best for your team.",
    ],
)
def test_ordinary_mail_near_the_gloom_phrases_is_not_negative_000_6(en, text):
    """[000 #6] The same words in an answer, a thank-you or a status stay unlabelled."""
    assert "negative" not in labels(en, text), text


def test_money_in_processing_and_the_payer_away_are_payment_excuses_002_4(en):
    """[002 #4] A payment "being processed", a transfer that takes days to clear, the
    finance team on holiday, our own customer who has to pay first."""
    for text, piece in (
        ("The payment is being processed, it should reach you soon.", "payment is being processed"),
        ("The transfer has been initiated, it takes a few days to clear.", "days to clear"),
        ("Our finance team is away until the 9th, we pay after that.", "finance team is away"),
        ("We're waiting on a customer to pay us, please hold on.", "waiting on a customer to"),
        ("The director who signs payments is travelling this week.", "signs payments"),
    ):
        assert shows(en, text, "payment_excuse", piece), text
    for text in (
        "Our designer is on holiday until the 15th, so the photos will come after that.",
        "Your order is being processed.",
        "We'll see the results in a few days.",
    ):
        assert "payment_excuse" not in labels(en, text), text


@pytest.mark.parametrize(
    "text",
    [
        "The contact form sends nothing. Could someone check it urgently?",
        "The website is down for us. Could you take a look as soon as you can?",
        "The payment page throws an error, could you look at it as soon as possible please?",
        "Could you fix the typo ASAP? Thanks a lot.",
        "Urgent one, sorry: the booking form is broken. Any chance you could look today?",
    ],
)
def test_a_polite_urgent_report_is_not_a_demand_000_8(en, text):
    """[000 #8] Asking for a quick fix of something broken is not an unreasonable demand:
    urgency words alone ("urgently", "as soon as you can", "ASAP") need a second sign."""
    assert "demand" not in labels(en, text), text


def test_blame_laid_in_advance_and_compressed_dates_are_demands_000_8(en):
    """[000 #8] "If it's late again, that's on you", a team held responsible, and the
    whole job pulled a week earlier."""
    for text, piece in (
        ("You promised it for today. If it's late again, that's on you.", "that's on you"),
        ("If this isn't live by Monday, I'm holding your team responsible.", "holding your team"),
        ("The opening moved up a week, so we need everything by the 3rd.", "need everything by"),
        ("I need it ASAP, no excuses.", "no excuses"),
    ):
        assert shows(en, text, "demand", piece), text


def test_work_claimed_as_already_included_is_out_of_scope_000_8(en):
    """[000 #8] "One more tiny request" for a whole job, and extra work said to have been
    part of the deal all along."""
    for text, piece in (
        ("Another small request: redo the whole menu in three languages.", "Another small request"),
        ("We'd assumed copywriting was part of the deal, so write the texts.", "part of the deal"),
        ("We assumed the logo package included the stationery, please do that too.", "We assumed"),
    ):
        assert shows(en, text, "out_of_scope", piece), text
    for text in (
        "Is the print version included in the package, or is it extra?",
        "We assumed Tuesday was fine for the call.",
    ):
        assert "out_of_scope" not in labels(en, text), text


def test_questioning_basic_competence_is_disrespect_000_3(en):
    """[000 #3] "Do you even understand...", "a so-called agency", having to explain the
    basics to the people one pays."""
    for text, piece in (
        ("Do you even understand what a landing page is?", "Do you even understand"),
        ("Is this really the best your so-called experts can do?", "so-called experts"),
        ("I really shouldn't need to explain something this basic to people I pay.", "this basic"),
    ):
        assert shows(en, text, "disrespect", piece), text
    for text in (
        "Do you actually understand the brief? Happy to go through it on a call.",
        "Can you explain the basics of the analytics report on our call?",
    ):
        assert "disrespect" not in labels(en, text), text


def test_a_confirmation_the_next_step_waits_for_is_an_ask_000_4(en):
    """[000 #4] "Once you confirm, we'll print" waits for the client's answer; "once the
    printer confirms" does not."""
    for text, piece in (
        ("As soon as you approve the layout, we'll book the printer.", "As soon as you approve"),
        ("We can't start the build until you confirm the sitemap.", "until you confirm"),
    ):
        assert shows(en, text, "asks", piece), text
    for text in (
        "Once the printer confirms, we'll let you know the delivery date.",
        "Once you're back from holiday, we'll pick this up again.",
    ):
        assert "asks" not in labels(en, text), text


def test_002_3_resignation_is_not_concealment(en):
    # "Nobody will notice" beside an improper request is concealment [002 #3]; alone it
    # is a gloomy client giving up [000 #6], and must never read as unethical.
    a = en.analyze(["Fine, I guess. Nobody will notice anyway."])[0]
    assert "unethical_request" not in a.labels and "negative" in a.labels
    b = en.analyze(["Just date the invoice back to March, nobody will notice."])[0]
    assert "unethical_request" in b.labels


def test_000_8_thanks_for_a_quick_fix_is_not_a_demand(en):
    assert "demand" not in en.analyze(["Thanks for sorting that so quickly."])[0].labels


def test_002_4_an_invoice_lost_in_the_pile_is_an_excuse_a_plain_promise_is_not(en):
    assert (
        "payment_excuse"
        in en.analyze(["My fault, the invoice got buried. Paying it now."])[0].labels
    )
    assert "payment_excuse" in en.analyze(["I've chased finance, it'll go out tomorrow."])[0].labels
    assert (
        "payment_excuse" not in en.analyze(["The photos got buried in my inbox, sorry!"])[0].labels
    )


def test_002_3_back_dating_into_last_years_budget_is_improper(en):
    text = (
        "Can you put last month's work on an invoice dated back to December? "
        "It has to fall in last year's budget."
    )
    assert "unethical_request" in en.analyze([text])[0].labels
    assert (
        "unethical_request"
        not in en.analyze(["We have room left in last year's budget."])[0].labels
    )


@pytest.mark.parametrize(
    "text",
    [
        "Later.",
        "Not now.",
        "Not now, thanks.",
        "Whatever.",
        "Do what you want.",
        "Do whatever you like.",
        "Suit yourself.",
        "Forget it.",
        "Doesn't matter.",
        "It doesn't matter anymore.",
        "Not interested.",
        "We're not interested.",
        "I don't care.",
        "Don't bother.",
        "If you say so.",
        "Not my problem.",
        "Hi Sam,\n\nLater.\n\nJo",
        "Thanks,\n\nForget it.\n\nBest,\nMark",
    ],
)
def test_a_curt_brush_off_alone_is_negative_000_6(en, text):
    """[000 #6] A reply that is nothing but "Later." or "Whatever." brushes the writer
    off; a greeting and a sign-off around it are clauses of their own."""
    assert "negative" in labels(en, text), text


@pytest.mark.parametrize(
    "text",
    [
        "Later today works for us.",
        "I'll look at it later and get back to you.",
        "Whatever you think is best, here are my notes.",
        "Not now but in the spring, when the season starts.",
        "Forget my last email, I found the file.",
        "Doesn't matter which one, both look good.",
        "Not interested in the blue version, let's go with green.",
        "Whatever works for your team.",
        "Leave it as it is, it's fine.",
        "I don't care which font, as long as it reads well.",
    ],
)
def test_brush_off_words_in_an_ordinary_sentence_are_not_negative_000_6(en, text):
    """[000 #6] The same words inside a sentence are an ordinary answer."""
    assert "negative" not in labels(en, text), text


@pytest.mark.parametrize(
    "text",
    [
        "OK.",
        "Sure.",
        "Noted.",
        "Fine.",
        "Fine, go ahead.",
        "Fine by me.",
        "Got it, thanks.",
        "Sounds good.",
        "Hi Sam,\n\nSure.\n\nJo",
    ],
)
def test_an_acknowledgement_alone_is_not_negative_000_6(en, text):
    """[000 #6] "OK." or "Fine." alone acknowledges; it is not a brush-off."""
    assert "negative" not in labels(en, text), text


@pytest.mark.parametrize(
    "text",
    [
        "It's not there yet.",
        "Something's missing.",
        "Something's missing but I can't say what.",
        "It doesn't feel right.",
        "Not what I had in mind.",
        "I'm not convinced.",
        "We're not happy with how this is going.",
        "Not quite it.",
        "Honestly, it just misses the mark.",
        "Not what we were hoping for, to be frank.",
        "I'm not sold on this direction.",
        "Still not right.",
        "I'm not feeling it.",
        "It falls flat for me.",
        "This won't do.",
        "Back to the drawing board, I'm afraid.",
    ],
)
def test_dissatisfaction_that_names_no_problem_is_negative_000_6(en, text):
    """[000 #6] Unhappy with the work without saying what is wrong: "not there yet",
    "not what I had in mind", "I'm not convinced"."""
    assert "negative" in labels(en, text), text


@pytest.mark.parametrize(
    "text",
    [
        "I've been unwell for weeks and start treatment on Monday, so I'll be slower.",
        "Just so you know, I'll be in and out of hospital for the next month.",
        "My health hasn't been good lately and the doctors want to run more tests.",
        "I'm having an operation on Thursday and will be off for about three weeks.",
        "My mum was diagnosed with breast cancer in March and I'm looking after her.",
        "I'm halfway through chemo, so please bear with me on replies.",
        "Sorry for going quiet, I've been back and forth to the hospital with my dad.",
        "I'm not well at the moment and will be between home and hospital for a while.",
        "I've been signed off work for a month by my doctor.",
        "My wife had complications after the birth and is still in intensive care.",
        "Our daughter was born premature and is in the neonatal unit.",
        "I'm on sick leave until the end of the month, Tom will cover for me.",
        "My father had a stroke last night and I'm flying home.",
        "We lost my father-in-law on Sunday, the funeral is next week.",
        "Sorry for the silence, my brother died suddenly and I've been with the family.",
        "I'm on compassionate leave until Wednesday after a death in the family.",
        "My aunt passed away, I'll be back in the office next week.",
        "I'm going through a divorce and struggling to keep on top of things.",
        "My husband and I have separated, so things at home are chaotic right now.",
        "My son is seriously unwell and we're spending our days at the children's hospital.",
        "We've lost our biggest client and are cutting costs everywhere.",
        "We had to let half the team go last month.",
        "The shop flooded over the weekend and we're closed until further notice.",
        "There was a fire at the warehouse last night and most of the stock is gone.",
        "We're closing our Leeds branch to keep the business afloat.",
        "Business has been really tough this year and we've had to cut back on everything.",
        "We have serious cash flow problems and may not make it to the summer.",
        "We've had to cut staff and salaries just to survive.",
        "I was admitted to hospital on Saturday and I'm still there.",
        "My dad's cancer has come back and I need to be with him.",
        "Our main retailer went bust and took three months of orders with them.",
        "My health isn't great these days, I'll be back and forth to hospital for treatment.",
    ],
)
def test_a_hard_time_in_the_clients_own_life_or_business_is_hardship_003_3(en, text):
    """[003 #3] Their own or a relative's illness, a death, a family crisis, the business in
    crisis: "in and out of hospital", "diagnosed with", "lost our biggest client", "had to let half
    the team go"."""
    assert "hardship" in en.analyze_one(text).labels, text


@pytest.mark.parametrize(
    "text",
    [
        "Sorry, I was ill yesterday, here's the file.",
        "Our designer is on sick leave, the approval will be Monday.",
        "I was off sick on Friday, sorry for the late reply. Notes attached.",
        "My colleague had a cold last week, so the review moved to Monday.",
        "I'm feeling a bit under the weather today, I'll send it tomorrow.",
        "I had covid last month but I'm fine now, here are the notes.",
        "My son has been admitted to university, so I'm off Friday for the open day.",
        "Sorry for your loss. Take all the time you need, we'll keep things moving.",
        "I'm so sorry to hear about your father. Our thoughts are with you and your family.",
        "Please accept our condolences, nothing here is urgent.",
        "Hope you feel better soon, and don't worry about the deadline.",
        "The project is in bad health, we need to rethink the timeline.",
        "Healthy growth this quarter, congratulations to the team.",
        "We're cutting the intro video, it's too long.",
        "The budget is a bit tight, can we cut the print run to 500?",
        "The server died overnight but it's back up now.",
        "Things are hard to find in the menu, can we simplify it?",
        "The campaign has not been well received, let's change the copy.",
        "We're struggling with the new CMS, can you help?",
        "We lost our top ranking on Google for 'bakery leeds'.",
    ],
)
def test_a_passing_mention_or_our_condolence_is_not_hardship_003_3(en, text):
    """[003 #3] A day off ill, a colleague's sick leave, our own condolences and health or
    cost words about the work:
    "I was ill yesterday", a colleague on sick leave, "sorry for your loss"."""
    assert "hardship" not in en.analyze_one(text).labels, text


@pytest.mark.parametrize(
    "text",
    [
        "Can you update the opening hours on the hospital website?",
        "Please add the new surgery times to the clinic's contact page.",
        "Our patients keep asking for online appointment booking.",
        "The oncology department wants a page about chemotherapy side effects.",
        "Add the new cancer screening service to the homepage, please.",
        "The ICU visiting hours have changed, please update the site.",
        "Patients diagnosed with diabetes can now book a nurse online.",
        "Covid vaccination appointments are open again, can we add a banner?",
        "Our hospital's new maternity ward needs a photo gallery.",
        "Our intensive care unit has a new phone number, please update the footer.",
        "Our hospital's cancer treatment centre needs a new landing page.",
        "Our cardiology team wants a heart attack symptoms page.",
        "Patients admitted to hospital can order meals through the app.",
        "Our clinic's long covid service needs its own page.",
        "We're running a campaign for breast cancer awareness month.",
        "Our divorce lawyers want their profiles on the team page.",
        "The funeral home wants the obituary page redesigned.",
    ],
)
def test_a_clinic_or_hospital_clients_work_mail_is_not_hardship_003_3(en, text):
    """[003 #3] A clinic, hospital, law firm or funeral home writing about its website,
    services, appointments or patients has no hard time of its own."""
    assert "hardship" not in en.analyze_one(text).labels, text
