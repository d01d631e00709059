"""The Arabic lexicon (MSA and the common dialects) finds what clients mean."""

import pytest

from partways.core.text.lexicon_analyzer import LexiconAnalyzer
from tests.core.lexicon_cases import SIGNS, evidence


@pytest.fixture(scope="module")
def ar():
    return LexiconAnalyzer(languages=("ar",))


def test_arabic_insult_is_found_with_its_evidence(ar):
    text = "يا غبي، أفسدت كل شيء!"
    assert "abuse" in ar.analyze_one(text).labels
    assert evidence(ar, text, "abuse") == ["غبي"]


def test_alef_forms_are_one_letter(ar):
    for text, word in (("يا أحمق", "أحمق"), ("يا احمق", "احمق"), ("يا إحمق", "إحمق")):
        assert evidence(ar, text, "abuse") == [word]


def test_taa_marbuta_and_haa_are_one_letter(ar):
    for text, word in (("يا حقيرة", "حقيرة"), ("يا حقيره", "حقيره")):
        assert evidence(ar, text, "abuse") == [word]


def test_tatweel_and_diacritics_are_ignored(ar):
    for text, word in (("أنت غبـــي", "غبـــي"), ("أنتَ غَبِيّ", "غَبِيّ")):
        assert evidence(ar, text, "abuse") == [word]


def test_clitics_are_split_off(ar):
    # "والحقير": and + the + low-life; "بالجزمة": with the shoe
    assert evidence(ar, "انت والحقير صاحبك", "abuse") == ["والحقير"]
    assert "abuse" in ar.analyze_one("اضربك بالجزمة").labels


def test_dialect_curses_are_found(ar):
    for text in ("الله يلعنك", "يلعن أبوك", "تفو عليك", "يخرب بيتك", "انقلع من هنا", "اخرس"):
        assert "abuse" in ar.analyze_one(text).labels, text


def test_an_animal_word_is_an_insult_only_when_said_to_someone(ar):
    assert "abuse" not in ar.analyze_one("عندي كلب صغير في البيت").labels
    text = "يا كلب"
    assert evidence(ar, text, "abuse") == ["يا كلب"]
    assert "abuse" in ar.analyze_one("انت حمار").labels  # "انت" weighs like "يا"


def test_negation_cancels_an_arabic_insult(ar):
    assert "abuse" not in ar.analyze_one("انت مش غبي").labels
    assert "abuse" not in ar.analyze_one("هو ليس حقيرا ولا حقير").labels


def test_negated_positive_word_is_negative(ar):
    text = "لست راضيا عن النتيجة"
    assert ar.analyze_one(text).labels == {"negative": 1.0}
    assert evidence(ar, text, "negative") == ["لست راضيا"]
    assert evidence(ar, "المنتج مش كويس", "negative") == ["مش كويس"]


def test_intensifier_raises_a_weak_word(ar):
    # "ضعيف" (weak) alone is a mild remark; "فعلا ضعيف" (really weak) is a complaint
    assert "negative" not in ar.analyze_one("التصميم ضعيف").labels
    text = "التصميم فعلا ضعيف"
    assert evidence(ar, text, "negative") == ["ضعيف"]


def test_disrespect_for_competence_is_found(ar):
    for text, span in (
        ("أنتم هواة ولا تعرفون عملكم", "هواة"),
        ("ابني يقدر يعمل أحسن من كده", "ابني يقدر"),
        ("فريقكم فاشل", "فاشل"),
    ):
        assert span in evidence(ar, text, "disrespect"), text


def test_frustration_and_disappointment_are_negative(ar):
    for text, span in (
        ("النتائج مخيبة للآمال", "مخيبة"),
        ("هذا العمل مضيعة للوقت", "مضيعة للوقت"),
        ("للأسف الوضع سيء", "سيء"),
    ):
        assert span in evidence(ar, text, "negative"), text


def test_urgency_is_a_demand(ar):
    text = "نحتاجها خلال 3 ساعات"
    assert evidence(ar, text, "demand") == ["خلال 3 ساعات"]
    assert "demand" in ar.analyze_one("أرسلها فورا").labels
    # "urgent" alone is a report's word, not pressure [000 #8]: it needs a second sign.
    assert "demand" not in ar.analyze_one("الموضوع مستعجل").labels
    assert "demand" in ar.analyze_one("الموضوع مستعجل، بدون أعذار").labels


def test_extra_work_is_out_of_scope(ar):
    text = "ممكن تعملوا كمان فيديو ببلاش؟"
    assert "ببلاش" in evidence(ar, text, "out_of_scope")
    assert "out_of_scope" in ar.analyze_one("وانت فيها صمم لنا شعارا").labels


def test_payment_excuses_are_found(ar):
    text = "نعاني من ضائقة مالية، سندفع الشهر الجاي"
    assert "ضائقة مالية" in evidence(ar, text, "payment_excuse")
    text = "لم تصلنا الفاتورة"
    assert evidence(ar, text, "payment_excuse") == ["لم تصلنا الفاتورة"]


def test_unethical_requests_are_found(ar):
    for text, span in (
        ("نريد تقييمات مزيفة على جوجل", "تقييمات مزيفة"),
        ("اعملها بدون فاتورة", "بدون فاتورة"),
        ("وقعوا العقد بتاريخ سابق", "بتاريخ سابق"),
    ):
        assert span in evidence(ar, text, "unethical_request"), text


def test_vague_feedback_is_found(ar):
    text = "مش عارف ايه بس في حاجة ناقصة"
    assert evidence(ar, text, "vague") == ["مش عارف ايه", "في حاجة ناقصة"]


@pytest.mark.parametrize(
    "text",
    [
        "السلام عليكم، مرفق العقد موقعا من طرفنا.",
        "نرجو إرسال الفاتورة إلى قسم الحسابات.",
        "الاجتماع يوم الأحد الساعة العاشرة صباحا.",
        "شكرا جزيلا على العمل الرائع.",
        "هل يمكنكم إرسال العرض المحدث؟",
        "تم تحويل المبلغ اليوم، يرجى التأكيد.",
        "أعجبنا الشعار الجديد، فقط غيروا اللون إلى الأزرق.",
        "الزميل مريض هذا الأسبوع، سنتواصل معكم لاحقا.",
        "لا مشكلة، ننتظر حتى الأسبوع القادم.",
        "يا أستاذ أحمد، أرسلت لك الملف.",
        "ما رأيكم في الخيار الثاني؟",
        "أنتم فريق محترف ونحن سعداء بالنتيجة.",
    ],
)
def test_ordinary_business_message_gets_no_sign(ar, text):
    assert not set(ar.analyze_one(text).labels) & SIGNS


def test_hardship_in_msa_and_dialects_003_3(ar):
    """[003 #3] A death, a hospital stay, layoffs, a fire; metaphors and clients are not."""
    for text in (
        "توفي عمي أمس ونحن في العزاء.",
        "أختي في المستشفى من يومين.",
        "اضطرينا نسرح عشرة موظفين.",
        "صار حريق في المصنع والإنتاج متوقف.",
    ):
        assert "hardship" in set(ar.analyze_one(text).labels), text
    for text in ("الفكرة ماتت خلاص.", "المستشفى اللي نشتغل معه طلب بروشور."):
        assert "hardship" not in set(ar.analyze_one(text).labels), text


def test_arabic_question_mark_and_requests_are_asks_000_4(ar):
    """[000 #4] "؟" is evidence itself; "هل يمكنكم" and "نرجو التأكيد" ask without one."""
    text = "متى يناسبكم الاجتماع؟"
    assert "؟" in evidence(ar, text, "asks")
    for text in ("هل يمكنكم إرسال الشعار", "نرجو التأكيد على الكمية", "خبرونا بقراركم"):
        assert "asks" in set(ar.analyze_one(text).labels), text
    for text in ("تمام، شكرا.", "مرفق التقرير.", "بنخلصها اليوم."):
        assert "asks" not in set(ar.analyze_one(text).labels), text


def test_more_payment_excuses_and_unethical_requests_002_4_002_3(ar):
    """[002 #4] excuses and [002 #3] improper requests in Arabic."""
    for text in (
        "الدفعة في الطريق إن شاء الله.",
        "ما راح ندفع قبل ما تصلحون المشاكل.",
        "ممكن بالتقسيط؟",
    ):
        assert "payment_excuse" in set(ar.analyze_one(text).labels), text
    for text in ("اكتبوا التقييمات كأنكم عملاء.", "شريكي ما لازم يعرف عن هذي الفاتورة."):
        assert "unethical_request" in set(ar.analyze_one(text).labels), text
    assert "payment_excuse" not in set(ar.analyze_one("تم دفع الفاتورة اليوم.").labels)


def test_pressure_is_a_demand_but_a_polite_bug_report_is_not_000_8(ar):
    """[000 #8] Ultimatums and blame are demands; "عاجل" on a fault report alone is not."""
    for text in ("إنذار أخير، يخلص الخميس.", "بسببكم تأخر الإطلاق."):
        assert "demand" in set(ar.analyze_one(text).labels), text
    for text in ("عاجل: الصفحة ما تفتح، ممكن أحد يشوف؟", "شكرا على الإصلاح السريع."):
        assert "demand" not in set(ar.analyze_one(text).labels), text


@pytest.mark.parametrize(
    "text",
    [
        "شهر ثاني بدون أي نتيجة، ما أشوف فايدة من كل هذا.",
        "بصراحة أشك إن الحملة الجديدة راح تغير شي.",
        "المبيعات واقفة مثل كل شهر.",
        "بدأت أفقد الثقة في التسويق الإلكتروني كله.",
        "توقعت أفضل بكثير، والعملاء يشتكون.",
        "وثقنا فيكم وخرب الموقع في أكثر يوم زحمة.",
        "ما عندي خلق لهذا اليوم.",
        "خلاص مو مهم، محد بينتبه أصلا.",
        "مفيش أي نتيجة من الإعلانات، إيه الفايدة؟",
    ],
)
def test_gloom_about_the_work_is_negative_000_6(ar, text):
    """[000 #6] Doubt, no results, flat sales, lost trust and resignation, in Gulf,
    Levantine, Egyptian and standard Arabic."""
    assert "negative" in ar.analyze_one(text).labels, text


@pytest.mark.parametrize(
    "text",
    [
        "الملفات في المجلد المشترك.",
        "أرسلوها مرة ثانية لو سمحتم.",
        "لا نشك في جودة شغلكم.",
    ],
)
def test_ordinary_mail_near_the_gloom_phrases_is_not_negative_000_6(ar, text):
    """[000 #6] "Send it again" and "we don't doubt your work" are not gloom."""
    assert "negative" not in ar.analyze_one(text).labels, text


def test_a_payment_in_processing_or_the_accountant_away_is_an_excuse_002_4(ar):
    """[002 #4] The transfer "قيد المعالجة", the accountant on leave, payday, after Eid."""
    for text in (
        "التحويل قيد المعالجة، بيوصلكم خلال كم يوم.",
        "المحاسب في إجازة لين الخميس، بعدها ندفع.",
        "لما ينزل الراتب نسدد الفاتورة.",
        "إن شاء الله بعد العيد نحول المبلغ.",
    ):
        assert "payment_excuse" in ar.analyze_one(text).labels, text
    for text in ("حولنا المبلغ اليوم، الإيصال مرفق.", "الطلب قيد المعالجة عندنا."):
        assert "payment_excuse" not in ar.analyze_one(text).labels, text


@pytest.mark.parametrize(
    "text",
    [
        "الموقع ما يفتح، ممكن تشوفونه بأسرع وقت لو سمحتم؟",
        "نموذج التواصل ما يرسل، ممكن أحد يتأكد بشكل عاجل؟",
        "في خطأ بصفحة الدفع، نرجو إصلاحه في أقرب وقت ممكن.",
    ],
)
def test_a_polite_urgent_report_is_not_a_demand_000_8(ar, text):
    """[000 #8] "بأسرع وقت" or "بشكل عاجل" in a polite report of a fault is not pressure."""
    assert "demand" not in ar.analyze_one(text).labels, text


def test_blame_laid_in_advance_is_a_demand_000_8(ar):
    """[000 #8] "If it's late again, the responsibility is yours"."""
    text = "إذا تأخر مرة ثانية فالمسؤولية عليكم."
    assert "demand" in ar.analyze_one(text).labels


def test_work_claimed_as_included_is_out_of_scope_000_8(ar):
    """[000 #8] "One more small request" for a whole translation; "we thought it was in"."""
    for text in (
        "طلب صغير كمان: ترجموا الموقع كله للفرنسي.",
        "كنا نحسب إن الباقة فيها نسخة للطباعة، سووها كمان.",
    ):
        assert "out_of_scope" in ar.analyze_one(text).labels, text


def test_questioning_basic_competence_is_disrespect_000_3(ar):
    """[000 #3] "Do you even understand...", "I shouldn't have to explain the basics"."""
    for text in (
        "انتو فاهمين أصلا شو يعني هوية تجارية؟",
        "المفروض ما أشرح لكم الأساسيات.",
    ):
        assert "disrespect" in ar.analyze_one(text).labels, text


def test_a_confirmation_the_next_step_waits_for_is_an_ask_000_4(ar):
    """[000 #4] "After your confirmation we print" waits for the client's answer."""
    assert "asks" in ar.analyze_one("بعد تأكيدكم للنص نرسله للمطبعة.").labels


def test_feedback_that_names_nothing_is_vague_001(ar):
    """[001] "Not bad, but not wow. Try again"."""
    assert "vague" in ar.analyze_one("مو بطال، بس مو واو. جربوا مرة ثانية.").labels


@pytest.mark.parametrize(
    "text",
    [
        # not what was agreed, still not fixed, again, disappointed, not acceptable
        "هذا مو اللي اتفقنا عليه أبداً.",
        "ده مش اللي اتفقنا عليه يا جماعة.",
        "هذا ليس ما اتفقنا عليه في العقد.",
        "المشكلة لسه ما اتحلتش.",
        "لسا الموقع معطل من يومين.",
        "هذي ثالث مرة نبلغكم بنفس الخطأ.",
        "بصراحة خيبتوا أملنا في هالمشروع.",
        "نحن مستاؤون جداً من التأخير.",
        "مش مقبول اللي بيحصل ده.",
        "ما احنا راضيين عن الشغل.",
        "لم يتم الالتزام بالجدول الزمني.",
        "الشغل دون المستوى بصراحة.",
        "محدش بيرد على الإيميلات.",
        "التأخير أزعجنا، ثاني مرة يتأجل الموعد.",
    ],
)
def test_complaints_about_the_work_are_negative_000_6(ar, text):
    """[000 #6] "Not what we agreed", "still not fixed", "the third time", "very
    disappointed", "unacceptable", "we are not satisfied", in MSA and the dialects."""
    assert "negative" in ar.analyze_one(text).labels, text


@pytest.mark.parametrize(
    "text",
    [
        "لا أرى أي تقدم حتى الآن.",
        "ما نشوف أي تحسن في الأرقام.",
        "احنا بنضيع وقت على الفاضي.",
        "خلاص ما عاد عندي أمل.",
        "المنتج ما راح يبيع.",
        "ما بظن رح تمشي الحملة.",
        "الأرقام مو مشجعة أبدا.",
        "ثقتنا فيكم بدأت تقل.",
        "ندفع كل شهر وما في أي مردود.",
    ],
)
def test_pessimism_about_the_project_is_negative_000_6(ar, text):
    """[000 #6] "I don't see any progress", "we're wasting time", "I've lost hope", "this
    won't sell", "it won't work"."""
    assert "negative" in ar.analyze_one(text).labels, text


@pytest.mark.parametrize(
    "text",
    [
        "مش كويس.",
        "انسى الموضوع.",
        "مو مهم.",
        "فات الأوان.",
        "لا تتعب نفسك.",
        "تعبت من هالموضوع.",
        "مش وقته.",
        "طفح الكيل.",
    ],
)
def test_curt_unhappy_replies_are_negative_000_6(ar, text):
    """[000 #6] "Not good", "forget it", "whatever", "too late", "don't bother", "I'm
    tired of this", "not now"."""
    assert "negative" in ar.analyze_one(text).labels, text


@pytest.mark.parametrize(
    "text",
    [
        "هذه كارثة بكل معنى الكلمة.",
        "شو هالفوضى؟",
        "إيه البهدلة دي؟",
        "كيف صار هذا في يوم الإطلاق؟",
        "إزاي ده يحصل؟",
        "خسرنا مبيعات يوم كامل.",
        "أنا معصب جداً من اللي صار.",
        "هذا استهتار وإهمال واضح.",
    ],
)
def test_anger_about_a_failed_delivery_is_negative_000_6(ar, text):
    """[000 #6] "A disaster", "this is a mess", "how could this happen", "a huge loss"."""
    assert "negative" in ar.analyze_one(text).labels, text


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("المنتج مش كويس", "مش كويس"),
        ("التصميم ما عجبنيش", "ما عجبنيش"),
        ("لم يعجبنا التصميم النهائي", "لم يعجبنا"),
        ("هذا غير مقبول", "غير مقبول"),
        ("النتيجة غير مرضية", "غير مرضية"),
        ("الوضع ما يطمن", "ما يطمن"),
        ("هذا شي ما ينقبل", "ما ينقبل"),
    ],
)
def test_negated_praise_is_negative_in_every_dialect_000_6(ar, text, span):
    """[000 #6] A negated good word, with the Egyptian ـش and pronouns written on."""
    assert span in evidence(ar, text, "negative"), text


@pytest.mark.parametrize(
    "text",
    [
        "شكراً جزيلاً، وصلنا الملف.",
        "تم الاستلام، شكراً.",
        "الرجاء إرسال الفاتورة.",
        "أي تحديث بخصوص الموقع؟",
        "نوافق على التصميم، توكلوا على الله.",
        "آسفين على التأخير، راح نحول المبلغ يوم الأحد.",
        "البقاء لله، عظم الله أجركم.",
        "لا مشكلة أبداً.",
        "لا بأس، خذوا وقتكم.",
        "ما في مشكلة.",
        "مافي مانع نأجل الاجتماع.",
        "ولا يهمك.",
        "آسف على الإزعاج.",
        "ما قصرتوا.",
        "لا تترددوا في التواصل معنا.",
        "لا تقلقوا، راح تمشي الأمور تمام.",
        "لم نستلم أي شكوى من العملاء.",
        "نعتذر عن الإزعاج، صلحنا المشكلة.",
        "للأسف ما نقدر نغير التاريخ على الفاتورة.",
        "أرسلوها مرة ثانية لو سمحتم.",
        "لا أعرف إذا كان الموعد يناسبكم.",
    ],
)
def test_polite_business_mail_is_not_negative_000_6(ar, text):
    """[000 #6] Thanks, receipts, requests, apologies, condolences, "no problem", "don't
    worry" and "don't hesitate" are not gloom, though some of them carry a negator."""
    assert "negative" not in ar.analyze_one(text).labels, text


@pytest.mark.parametrize(
    "text",
    [
        "كما أن الشغل ممتاز.",
        "لما يكون الشغل كويس نعتمده.",
        "بما أن التصميم جميل نكمل عليه.",
        "حسب ما اتفقنا الشغل ممتاز.",
        "غير كذا الشغل ممتاز.",
    ],
)
def test_as_when_and_other_than_that_negate_nothing_000_6(ar, text):
    """[000 #6] "كما" (as), "لما" (when), "بما" (since) and the relative "ما" are not the
    negator "ما", and "غير كذا" is "other than that": the praise after them stays praise."""
    assert "negative" not in ar.analyze_one(text).labels, text


@pytest.mark.parametrize(
    "text",
    [
        "بعدين.",
        "مو الحين.",
        "مش هلق.",
        "مش دلوقتي.",
        "ليس الآن.",
        "على كيفكم.",
        "مش مهم.",
        "ما يهم.",
        "انسى الموضوع.",
        "خلاص انسوا.",
        "سيبك منه.",
        "ما عندي وقت.",
        "ما عندي وقت لهالكلام.",
        "مش مهتم.",
        "سووا اللي تبون.",
        "كفاية.",
        "وبعدين معاكم؟",
        "السلام عليكم،\n\nبعدين.\n\nأحمد",
    ],
)
def test_a_curt_brush_off_alone_is_negative_000_6(ar, text):
    """[000 #6] A reply that is nothing but "بعدين." or "مو الحين." brushes the writer
    off, in MSA and the dialects; a greeting and a sign-off are clauses of their own."""
    assert "negative" in ar.analyze_one(text).labels, text


@pytest.mark.parametrize(
    "text",
    [
        "بعدين نرسل لكم الملف إن شاء الله.",
        "الحين أرسل لكم الصور.",
        "خلاص، حولت المبلغ.",
        "خلاص تمام، نمشي على كذا.",
        "ولا يهمكم، بدينا فيه.",
        "إذا في شي ناقص قولولي.",
        "مو هذا اللي أرسلته أمس؟",
        "ما عندي وقت اليوم، بكرة أحسن.",
        "كيفكم؟ إن شاء الله بخير.",
    ],
)
def test_brush_off_words_in_an_ordinary_sentence_are_not_negative_000_6(ar, text):
    """[000 #6] The same words inside a sentence, "خلاص" as "done" and "ولا يهمكم" as
    "don't worry" are ordinary answers."""
    assert "negative" not in ar.analyze_one(text).labels, text


@pytest.mark.parametrize(
    "text", ["تمام", "طيب، ماشي", "طيب.", "أوكي.", "ماشي.", "حاضر.", "إن شاء الله.", "تم."]
)
def test_an_acknowledgement_alone_is_not_negative_000_6(ar, text):
    """[000 #6] "تمام" or "طيب" alone acknowledges; it is not a brush-off."""
    assert "negative" not in ar.analyze_one(text).labels, text


@pytest.mark.parametrize(
    "text",
    [
        "مو هذا اللي نبيه.",
        "مش ده اللي احنا عايزينه.",
        "مش مقتنع.",
        "في شي ناقص.",
        "حاسس في شي ناقص بس ما أعرف وش هو.",
        "امم، مو هو بالضبط.",
        "ما أدري، ما حسيته صح.",
        "بس لسا مو اللي براسي.",
        "مش اللي في بالي خالص.",
        "مقبول بس ما فيه روح.",
        "لسه مش واصلين للي نبيه.",
        "ليس هذا ما طلبناه.",
    ],
)
def test_dissatisfaction_that_names_no_problem_is_negative_000_6(ar, text):
    """[000 #6] Unhappy with the work without saying what is wrong: "مو هذا اللي نبيه",
    "مش مقتنع", "في شي ناقص"."""
    assert "negative" in ar.analyze_one(text).labels, text


@pytest.mark.parametrize(
    "text",
    [
        "صحتي مو زينة من فترة، وأنا رايح جاي على المستشفى.",
        "أنا تعبان من فترة وبدأت علاج هالأسبوع.",
        "عندي عملية الأسبوع الجاي وبغيب تقريبا أسبوعين.",
        "الوالدة الله يشفيها دخلت المستشفى أمس.",
        "أبوي في العناية المركزة من يومين.",
        "توفيت جدتي أمس والعزاء ثلاث أيام.",
        "انتقل والدي إلى رحمة الله صباح اليوم.",
        "الوالد تعبان كثير وأنا أغلب وقتي معه بالمستشفى.",
        "أنا وزوجي انفصلنا، والأمور في البيت صعبة.",
        "راح منا أكبر زبون، ومضطرين نخفض التكاليف في كل شي.",
        "اضطرينا نسرح نص الموظفين.",
        "المحل غرق بالمطر وقفلنا لين إشعار آخر.",
        "صار عندنا حريق بالمستودع وراحت أغلب البضاعة.",
        "الشركة تمر بأزمة مالية صعبة.",
        "بابا تعبان جدا ودخل المستشفى امبارح.",
        "إمي بالمستشفى من جمعة، ومش قادر ركز بالشغل.",
        "سكرنا فرع من الفروع عشان نقدر نكمل.",
        "أمر بظروف صحية صعبة وسأخضع لعملية جراحية.",
        "أنا على إجازة مرضية لآخر الشهر.",
        "صحتي تعبانة هالفترة والدكتور طلب مني راحة تامة.",
        "أنا بين البيت والمستشفى هالأيام، اعذروني على التأخير.",
        "الوالد الله يرحمه توفي الخميس، وبنرجع لكم بعد العزاء.",
        "مريت بظروف صحية صعبة الشهر الماضي وما زلت أتعالج.",
        "عم ناخد علاج كيماوي هالفترة، فالرد رح يتأخر.",
        "اضطرينا نستغنى عن نص الفريق ونقلل المصاريف على كل شي.",
        "خسرنا أكبر عميل عندنا والوضع المالي صعب جدا.",
        "أنا حاليا في المستشفى وبتأخر بالرد.",
    ],
)
def test_a_hard_time_in_the_clients_own_life_or_business_is_hardship_003_3(ar, text):
    """[003 #3] Their own or a relative's illness, a death, a family crisis, the business in
    crisis: "صحتي مو زينة", "بين البيت والمستشفى", "انتقل إلى رحمة الله", "سكرنا فرع"."""
    assert "hardship" in ar.analyze_one(text).labels, text


@pytest.mark.parametrize(
    "text",
    [
        "كنت تعبان أمس، هذا الملف المطلوب.",
        "المصمم عندنا في إجازة مرضية، الموافقة يوم الاثنين.",
        "عظم الله أجركم وأحسن عزاءكم، لا تشيلون هم المشروع.",
        "البقاء لله، الله يرحمه ويغفر له. خذوا راحتكم.",
        "الله يرحمه ويجعل مثواه الجنة، وأحسن الله عزاءكم.",
        "إنا لله وإنا إليه راجعون، الله يرحمها ويجعل مثواها الجنة.",
        "خالص التعازي لكم وللعائلة، الله يصبركم.",
        "الله يشفيه ويقومه بالسلامة، لا تستعجلون علينا.",
        "سلامتك، ما تشوف شر.",
        "السلام عليكم ورحمة الله وبركاته، مرفق الملف.",
        "المشروع صحته مو زينة، لازم نعيد الخطة.",
        "نمو صحي هالربع، مبروك للفريق.",
        "قصينا الفيديو التعريفي لأنه طويل.",
        "نبي نخفض التكاليف على الإعلانات ونركز على انستقرام.",
        "عندي عملية دفع فاشلة بالموقع، ممكن تشوفون؟",
    ],
)
def test_a_passing_mention_or_our_condolence_is_not_hardship_003_3(ar, text):
    """[003 #3] A day off ill, a colleague's sick leave, our own condolences and health or
    cost words about the work:
    "كنت تعبان أمس", a colleague's "إجازة مرضية", "أحسن الله عزاءكم", and the
    greeting's "ورحمة الله"."""
    assert "hardship" not in ar.analyze_one(text).labels, text


@pytest.mark.parametrize(
    "text",
    [
        "ممكن تحدثون مواعيد العيادات على موقع المستشفى؟",
        "المريض يقدر يحجز موعده من الموقع مباشرة.",
        "قسم العلاج الكيماوي الجديد، أضيفوه للموقع.",
        "نبغى صفحة عن مرض السكري وطرق علاجه.",
        "مستشفانا افتتح قسم الولادة الجديد، نبي صفحة له.",
        "مستشفانا يقدم علاج السرطان وعندنا قسم كيماوي، نبي صفحة.",
        "السلام عليكم ورحمة الله وبركاته، عندنا قسم العناية المركزة الجديد ونبي له صفحة.",
        "حجز مواعيد المرضى صار أونلاين.",
        "نحتاج صفحة عن الطلاق وحقوق المرأة لمكتب المحاماة.",
    ],
)
def test_a_clinic_or_hospital_clients_work_mail_is_not_hardship_003_3(ar, text):
    """[003 #3] A clinic, hospital, law firm or funeral home writing about its website,
    services, appointments or patients has no hard time of its own."""
    assert "hardship" not in ar.analyze_one(text).labels, text


@pytest.mark.parametrize(
    "text",
    [
        "مو هذا اللي نبيه بس ما أعرف وش.",
        "حسوا فيه شي غلط.",
        "ما وصلتوا للفكرة.",
        "جربوا شي ثاني.",
        "غيروا فيه شوي.",
        "خلوه أفخم شوي.",
        "خلوها أحلى.",
        "حاسس إنه مش هو.",
        "ما أدري وش المشكلة بس مو راكب.",
        "حاولوا مرة ثانية، نبي شي مختلف.",
        "التصميم ماله روح.",
        "والله مدري، ما عبى عيني.",
        "قريب بس مو هو.",
        "مش هو ده خالص، اعملوا حاجة مختلفة.",
        "بدنا شي مختلف، الفكرة مش واصلة.",
    ],
)
def test_feedback_that_names_no_change_is_vague_003_2(ar, text):
    """[003 #2] A rejection or revision request that says nothing of what to change, in
    Gulf, Levantine, Egyptian and standard Arabic: "ما وصلتوا للفكرة", "غيروا فيه شوي",
    "خلوه أفخم", "حاسس إنه مش هو", "ما أدري وش المشكلة"."""
    assert "vague" in ar.analyze_one(text).labels, text


@pytest.mark.parametrize(
    "text",
    [
        "كبروا الشعار شوي وغيروا اللون للأزرق.",
        "احذفوا الفقرة الثانية.",
        "غيروا الخط لخط الهوية، وخلوا الزر أخضر.",
        "حطوا رقم الجوال فوق في الهيدر.",
        "صححوا السعر في صفحة المنتج: ٢٩٩ مو ٣٩٩.",
        "عجبني كثير، كملوا على كذا.",
        "تمام، معتمد.",
        "شكراً، هذا بالضبط اللي نبيه.",
        "ما أدري إذا الموعد يناسبكم.",
        "مش عارف أقول إيه، شكراً جزيلاً!",
        "في شي غلط في الفاتورة، المبلغ مو صحيح.",
        "ما في أحسن من كذا، شكراً.",
        "مش هو اللي أرسل الملف، أحمد أرسله.",
        "الموقع ما يفتح، في شي غلط.",
    ],
)
def test_a_concrete_revision_or_an_approval_is_not_vague_003_2(ar, text):
    """[003 #2] A revision that names the change ("كبروا الشعار وغيروا اللون للأزرق"),
    approvals, thanks, an ordinary "ما أدري" and a reported fault are not vague."""
    assert "vague" not in ar.analyze_one(text).labels, text


@pytest.mark.parametrize(
    "text",
    [
        "ماليش مزاج.",
        "مو فاضي الحين.",
        "مشغول جداً.",
        "الحين لا.",
        "مش النهارده.",
        "ما أقدر اليوم.",
        "زي ما تحبوا.",
        "اللي يعجبكم.",
        "كله واحد.",
        "ما فرقت.",
        "نص نص.",
        "تعبان.",
        "مو رايق.",
        "الأمور مش ماشية بصراحة.",
        "الحال ما يسر.",
        "الأمور ليست على ما يرام.",
    ],
)
def test_a_client_with_no_room_for_you_this_week_is_negative_000_6_003_3(ar, text):
    """[000 #6] [003 #3] Busy, tired, not in the mood, "as you like", "all the same to
    me", "things are not going well": the short replies of a client having a hard time."""
    assert "negative" in ar.analyze_one(text).labels, text


@pytest.mark.parametrize(
    "text",
    [
        "مشغول بالاجتماع، أرد عليك بعد ساعة.",
        "أنا مشغول اليوم بس بكرة نراجع الملف.",
        "الأمور ماشية تمام والحمد لله.",
        "زي ما تحبوا نبدأ الأحد أو الاثنين.",
        "اعذرني كنت تعبان أمس، أرسلت الملف الحين.",
        "الحين لا تنسون الفاتورة.",
        "كل شي على ما يرام عندنا.",
        "ما أقدر أشكركم كفاية.",
    ],
)
def test_the_same_words_in_an_ordinary_answer_are_not_negative_000_6(ar, text):
    """[000 #6] Busy or tired inside a sentence that gets on with the work, "as you
    like" choosing a day, and "all is well" are ordinary answers."""
    assert "negative" not in ar.analyze_one(text).labels, text


@pytest.mark.parametrize(
    "text",
    [
        "الأرقام ما تحركت.",
        "ما أظن إنها بتفرق.",
        "الحملة ما جابت ولا عميل.",
        "الموضوع مضيعة فلوس.",
        "ما أتوقع شي يتغير.",
        "محد بيلاحظ أصلاً.",
        "لا أرى جدوى من الاستمرار.",
        "الشغل ما له أثر.",
        "ما حسينا بأي فرق.",
    ],
)
def test_nothing_moved_and_nothing_will_is_pessimism_000_6(ar, text):
    """[000 #6] Results that never came, money and work that make no difference."""
    assert "negative" in ar.analyze_one(text).labels, text


@pytest.mark.parametrize(
    "text",
    [
        "ما حسيت بالوقت وأنا أقرأ التقرير، ممتاز.",
        "المبيعات تحركت الشهر هذا بشكل حلو.",
        "الحملة جابت عملاء جدد، شكراً.",
        "حسينا بفرق واضح من أول أسبوع.",
    ],
)
def test_results_that_came_are_not_pessimism_000_6(ar, text):
    assert "negative" not in ar.analyze_one(text).labels, text


@pytest.mark.parametrize(
    "text",
    [
        "التصميم ما وصل للي في بالي.",
        "الفكرة حلوة بس مو كذا.",
        "مو زي ما تخيلته.",
        "خلوه يطلع أحسن.",
        "بدنا شي أقوى.",
        "يحتاج لمسة زيادة.",
        "حاجة كده مش مظبوطة.",
        "لا أعرف، لا يبدو صحيحاً.",
        "يحتاج إلى شيء مختلف.",
    ],
)
def test_a_change_asked_for_with_nothing_named_is_vague_001(ar, text):
    """[001] "Not what I pictured", "make it come out better", "it needs a touch more":
    feedback that asks for a change and names none."""
    assert "vague" in ar.analyze_one(text).labels, text


@pytest.mark.parametrize(
    "text",
    [
        "غيروا لون الزر للأزرق وكبروا الخط شوي.",
        "التصميم وصل للي في بالي بالضبط.",
        "خلوا العنوان بخط أعرض واحذفوا الصورة الثانية.",
    ],
)
def test_a_change_that_names_what_to_change_is_not_vague_001(ar, text):
    assert "vague" not in ar.analyze_one(text).labels, text
