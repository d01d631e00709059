"""Quote and signature stripping: a table of messages in English, Indonesian, Croatian, Arabic."""

import pytest

from partways.importers.email import strip_reply

CASES = {
    "en_gmail_attribution_and_quotes": (
        "Thanks, that works.\n\nOn Mon, 3 Mar 2026 at 10:00, Ana Kovač <ana@studio.hr> wrote:\n"
        "> Can we move the call?\n> Ana",
        "Thanks, that works.",
    ),
    "en_interleaved_answers_are_kept": (
        "Ana wrote:\n> Can you pay by Friday?\nNo, next month.\n> And the logo?\nDone.",
        "No, next month.\nDone.",
    ),
    "en_outlook_original_message": (
        "Please see below.\n\n-----Original Message-----\nFrom: Ana\nSent: Monday\n\nOld text",
        "Please see below.",
    ),
    "en_outlook_header_block": (
        "We are not happy.\n\nFrom: Ana Kovač <ana@studio.hr>\nSent: Monday, March 2, 2026\n"
        "To: John\nSubject: Draft\n\nHere is the draft.",
        "We are not happy.",
    ),
    "en_signature_delimiter": ("Fine.\n\n-- \nJohn Smith\nNorthwind Ltd", "Fine."),
    "en_sign_off_and_name_block": (
        "The invoice is wrong.\n\nKind regards,\nJohn Smith\nHead of Marketing\nNorthwind",
        "The invoice is wrong.",
    ),
    "en_sent_from_phone": ("OK!\n\nSent from my iPhone", "OK!"),
    "en_forwarded_message": (
        "FYI, see their complaint.\n\n---------- Forwarded message ---------\nFrom: X\n\nBad",
        "FYI, see their complaint.",
    ),
    "en_list_archive_attachment_note": (
        "See the log.\n-------------- next part --------------\nAn HTML attachment was scrubbed",
        "See the log.",
    ),
    "en_unquoted_top_post_under_attribution": (
        "Agreed.\n\nOn Tue, Mar 3, 2026 at 9:00 AM John <john@nw.example> wrote:\n\nOld text",
        "Agreed.",
    ),
    "id_pada_menulis": (
        "Baik, kami tunggu.\n\nPada Sen, 2 Mar 2026 pukul 10.00 Ana <ana@studio.hr> menulis:\n"
        "> Desain dikirim besok.",
        "Baik, kami tunggu.",
    ),
    "id_outlook_dari_dikirim": (
        "Mohon dicek lagi.\n\nDari: Ana Kovač\nDikirim: Senin, 2 Maret 2026 10.00\n"
        "Kepada: Budi\nSubjek: Faktur\n\nIni fakturnya.",
        "Mohon dicek lagi.",
    ),
    "id_hormat_saya": (
        "Pembayaran akan terlambat.\n\nHormat saya,\nBudi Santoso\nPT Maju Jaya",
        "Pembayaran akan terlambat.",
    ),
    "id_salam_and_sent_from": (
        "Oke.\n\nSalam,\nDewi\n\nDikirim dari iPhone saya",
        "Oke.",
    ),
    "id_pesan_asli": (
        "Setuju.\n\n-----Pesan Asli-----\nDari: Ana\nTanggal: 2 Maret\n\nLama",
        "Setuju.",
    ),
    "hr_je_napisao": (
        "Slažem se.\n\nAna Kovač <ana@studio.hr> je napisao/la:\n> Šaljem ponudu.",
        "Slažem se.",
    ),
    "hr_dana_pise": (
        "Nije u redu.\n\nDana 2. ožujka 2026. Ana Kovač piše:\n> Evo računa.",
        "Nije u redu.",
    ),
    "hr_od_poslano": (
        "Molim ispravak.\n\nOd: Ana Kovač\nPoslano: ponedjeljak, 2. ožujka 2026.\nZa: Marko\n"
        "Predmet: Račun\n\nStari tekst",
        "Molim ispravak.",
    ),
    "hr_lijep_pozdrav": ("Hvala na ponudi.\n\nLijep pozdrav,\nMarko Horvat", "Hvala na ponudi."),
    "hr_s_postovanjem": (
        "Račun je plaćen.\n\nS poštovanjem,\nMarko Horvat\nKvarner d.o.o.",
        "Račun je plaćen.",
    ),
    "ar_fi_kataba": (
        "شكراً، سنراجع العرض.\n\nفي الاثنين، 2 مارس 2026 في 10:00 ص كتب Ana <ana@studio.hr>:\n"
        "> أرسلنا العرض.",
        "شكراً، سنراجع العرض.",
    ),
    "ar_min_arsala": (
        "يرجى التصحيح.\n\nمن: Ana Kovač\nأرسل: الاثنين 2 مارس 2026\nإلى: فاطمة\n"
        "الموضوع: فاتورة\n\nنص قديم",
        "يرجى التصحيح.",
    ),
    "ar_maa_altahiya": ("الفاتورة متأخرة.\n\nمع التحية\nفاطمة السيد", "الفاتورة متأخرة."),
    "ar_tahiyati": ("موافق.\n\nتحياتي،\nفاطمة", "موافق."),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_quotes_and_signatures_are_stripped(case: str) -> None:
    body, expected = CASES[case]
    assert strip_reply(body) == expected


def test_a_sign_off_in_the_middle_of_a_long_message_is_kept() -> None:
    body = "Regards the logo: we want it blue.\n" + "\n".join(f"Point {i}." for i in range(8))
    assert strip_reply(body) == body


def test_a_closing_sentence_that_starts_like_a_sign_off_is_kept() -> None:
    body = "The new design is fine.\nBest part is this"
    assert strip_reply(body) == body


def test_a_sign_off_with_the_name_on_the_same_line_is_dropped() -> None:
    assert strip_reply("See you Monday.\n\nregards, Göran") == "See you Monday."


def test_a_header_like_line_at_the_top_is_not_taken_for_pasted_mail() -> None:
    # A patch or a pasted form starts with From:/Date: lines written by the author.
    body = "From: John Smith <john@nw.example>\nDate: today\n\nThe fix for the login page."
    assert strip_reply(body) == body


def test_a_line_ending_in_wrote_without_quotes_or_date_keeps_what_follows() -> None:
    body = "Here is what I wrote:\nthe scope ends at the shop."
    assert strip_reply(body) == body


def test_a_bare_forward_leaves_nothing() -> None:
    assert strip_reply("---------- Forwarded message ---------\nFrom: X\n\nOld") == ""
