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
    assert "demand" in ar.analyze_one("الموضوع مستعجل").labels


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
