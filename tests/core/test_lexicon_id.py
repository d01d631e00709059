"""The Indonesian lexicon reads formal and chat Indonesian, with English mixed in."""

import pytest

from partways.core.text.lexicon_analyzer import LexiconAnalyzer
from tests.core.lexicon_cases import SIGNS, evidence, labels, shows


@pytest.fixture(scope="module")
def id_():
    # Indonesian alone: every message is read with id.yaml only.
    return LexiconAnalyzer(languages=("id",))


@pytest.fixture(scope="module")
def id_en():
    # As shipped for an Indonesian user: Indonesian messages are read with id.yaml plus
    # en.yaml, for the English words Indonesian writers mix in.
    return LexiconAnalyzer(languages=("en", "id"))


def test_indonesian_insult_is_found_with_its_evidence(id_):
    text = "Kalian ini tolol, sudah dijelaskan berkali-kali."
    assert "abuse" in labels(id_, text)
    assert evidence(id_, text, "abuse") == ["tolol"]


def test_indonesian_swearing_is_found_in_its_short_forms(id_):
    for text, word in (
        ("anjg kerjaan apa ini", "anjg"),
        ("bgst, file nya hilang lagi", "bgst"),
        ("gblk banget sih kalian", "gblk"),
        ("kampret, servernya mati lagi", "kampret"),
    ):
        assert evidence(id_, text, "abuse") == [word], text


def test_a_weak_word_before_an_insult_is_part_of_the_evidence(id_):
    assert evidence(id_, "dasar bajingan", "abuse") == ["dasar", "bajingan"]


def test_a_mild_exclamation_alone_is_not_abuse(id_):
    assert "abuse" not in labels(id_, "anjay keren banget desainnya")


def test_particles_and_elongation_are_read(id_):
    text = "Kerjaannya goblokkk semua"
    assert evidence(id_, text, "abuse") == ["goblokkk"]
    text = "Hasilnya jeleknya minta ampun"
    assert "negative" in labels(id_, text)


def test_negation_cancels_an_indonesian_insult(id_):
    assert "abuse" not in labels(id_, "Dia tidak bodoh, hanya kurang informasi.")
    assert "abuse" not in labels(id_, "Gak bodoh kok, cuma salah paham.")


def test_negated_positive_word_is_negative(id_):
    text = "Kami tidak puas dengan hasilnya."
    assert evidence(id_, text, "negative") == ["tidak puas"]
    text = "Rasanya kurang enak."
    assert evidence(id_, text, "negative") == ["kurang enak"]


def test_negation_cancels_a_negative_word(id_):
    assert "negative" not in labels(id_, "Hasilnya tidak mengecewakan, terima kasih.")
    assert "negative" not in labels(id_, "Tidak ada masalah, lanjutkan saja.")


def test_intensifier_before_or_after_raises_a_weak_word(id_):
    assert "negative" not in labels(id_, "Saya takut.")
    assert evidence(id_, "Saya sangat takut.", "negative") == ["takut"]
    assert evidence(id_, "Saya takut banget.", "negative") == ["takut"]


def test_chat_negations_and_abbreviations_are_read(id_):
    for text, label in (
        ("gw ga puas sm hasilnya", "negative"),
        ("tim lo tdk becus", "disrespect"),
        ("dana blm cair, sabar ya", "payment_excuse"),
        ("tlg kirim skrg jg, udh ditunggu", "demand"),
        ("kerjaan gini aja gak bisa", "disrespect"),
    ):
        assert label in labels(id_, text), text


def test_chat_pronouns_are_read(id_):
    assert "abuse" in labels(id_, "mati lo")
    assert "abuse" in labels(id_, "dasar lu")


def test_belittling_competence_is_disrespect(id_):
    for text, piece in (
        ("Anak SD juga bisa bikin begini.", "Anak SD juga bisa"),
        ("Kalian amatiran semua.", "amatiran"),
        ("Ngerti gak sih maksud saya?", "Ngerti gak sih"),
    ):
        assert shows(id_, text, "disrespect", piece), text


def test_complaints_are_negative(id_):
    for text in (
        "Pelayanannya lambat dan petugasnya jutek.",
        "Buang-buang waktu saja, kapok kerja sama lagi.",
        "Websitenya error terus, bikin kesal.",
    ):
        assert "negative" in labels(id_, text), text


def test_deadline_pressure_is_a_demand(id_):
    for text, piece in (
        ("Harus selesai dalam 2 jam.", "dalam 2 jam"),
        ("Kirim hari ini juga ya.", "hari ini juga"),
        ("Buruan, klien sudah menunggu.", "Buruan"),
    ):
        assert shows(id_, text, "demand", piece), text
    assert "demand" not in labels(id_, "Mohon konfirmasi sebelum Jumat.")


def test_extra_work_is_out_of_scope(id_):
    for text, piece in (
        ("Sekalian bikinin logo juga ya.", "Sekalian bikinin"),
        ("Tambahan kecil kok, gratis kan?", "Tambahan kecil"),
        ("Cuma perubahan kecil, tidak lama kok.", "Cuma perubahan kecil"),
    ):
        assert shows(id_, text, "out_of_scope", piece), text


def test_excuses_for_not_paying_are_payment_excuses(id_):
    for text, piece in (
        ("Kami belum menerima invoice dari Anda.", "belum menerima invoice"),
        ("Tunggu klien kami bayar dulu ya.", "klien kami bayar"),
        ("Maaf, pembayaran ditunda sampai bulan depan.", "pembayaran ditunda"),
    ):
        assert shows(id_, text, "payment_excuse", piece), text


def test_shady_requests_are_unethical(id_):
    for text, piece in (
        ("Bisa dibuatkan kuitansi fiktif?", "kuitansi fiktif"),
        ("Tidak usah pakai faktur, biar tidak kena pajak.", "biar tidak kena pajak"),
        ("Jiplak saja desain kompetitor.", "Jiplak"),
    ):
        assert shows(id_, text, "unethical_request", piece), text


def test_feedback_without_substance_is_vague(id_):
    for text, piece in (
        ("Desainnya kurang greget.", "kurang greget"),
        ("Pokoknya yang bagus deh.", "Pokoknya yang bagus"),
        ("Susah dijelaskan, nanti saya tahu kalau sudah lihat.", "Susah dijelaskan"),
    ):
        assert shows(id_, text, "vague", piece), text


def test_english_words_in_indonesian_messages_are_read(id_en):
    # "ASAP" alone is urgency, not pressure [000 #8]; "no excuses" is pressure.
    text = "Jujur hasilnya disappointing, revisinya harus masuk ASAP, no excuses."
    found = id_en.analyze_one(text)
    assert found.language == "id"
    assert {"negative", "demand"} <= set(found.labels)
    assert shows(id_en, text, "demand", "no excuses")


def test_indonesian_words_spelt_like_english_insults_are_not_insults(id_en):
    # "liar" is "wild" and "babi" is pork in a menu
    for text in (
        "Banyak parkir liar di depan kantor kami.",
        "Menu babi panggang dan babi kecap sudah kami kirim ke percetakan.",
    ):
        assert "abuse" not in labels(id_en, text), text


@pytest.mark.parametrize(
    "text",
    [
        "Selamat pagi, berikut kami lampirkan kontrak yang sudah ditandatangani.",
        "Terima kasih, revisinya sudah kami terima dan akan kami tinjau hari Senin.",
        "Mohon kirim faktur ke alamat email keuangan kami.",
        "Rapat hari Kamis jadi jam 10 ya, terima kasih.",
        "Pembayaran termin pertama sudah kami transfer kemarin.",
        "Desainnya bagus, tim kami senang sekali.",
        "Kalau ada pertanyaan, silakan hubungi saya kapan saja.",
        "Salah satu opsi yang kami suka adalah versi kedua.",
    ],
)
def test_ordinary_business_messages_get_no_signs(id_en, text):
    assert not labels(id_en, text) & SIGNS, text


def test_hardship_in_formal_and_chat_indonesian_003_3(id_en):
    """[003 #3] Bereavement, a hospital stay, layoffs and a flood, formal and informal."""
    for text, piece in (
        ("Mohon maaf, mertua saya meninggal dunia kemarin sore.", "meninggal"),
        ("Anakku lagi dirawat, jadi aku slow respon ya.", "dirawat"),
        ("Kami terpaksa PHK sepuluh orang bulan ini.", "PHK"),
        ("Gudang kena banjir semalam, stok habis.", "kena banjir"),
    ):
        assert shows(id_en, text, "hardship", piece), text
    for text in (
        "Proyek ini sudah mati, ganti konsep saja.",
        "Klien rumah sakit minta brosur baru.",
        "Deadline-nya bikin pusing, kirim besok ya.",
    ):
        assert "hardship" not in labels(id_en, text), text


def test_requests_for_a_reply_are_asks_without_a_question_mark_000_4(id_en):
    """[000 #4] "mohon konfirmasi", "kabari", "bisa tolong", "apakah"; "mohon maaf" is not."""
    for text in (
        "Mohon konfirmasi jumlah cetaknya",
        "Kabari kami kalau sudah dicek",
        "Bisa tolong kirim logonya dalam format PNG",
        "Apakah jadwal Selasa aman",
    ):
        assert "asks" in labels(id_en, text), text
    for text in (
        "Mohon maaf atas keterlambatannya.",
        "Siap, sudah kami terima.",
        "Terlampir laporannya.",
    ):
        assert "asks" not in labels(id_en, text), text


def test_more_payment_excuses_and_unethical_requests_002_4_002_3(id_en):
    """[002 #4] excuses and [002 #3] improper requests in Indonesian."""
    for text in (
        "Transfernya masih dalam perjalanan ya.",
        "Kami tidak akan bayar sebelum revisinya beres.",
        "Invoice-nya masuk spam, jadi belum kami proses.",
    ):
        assert "payment_excuse" in labels(id_en, text), text
    for text in (
        "Tanggal kontraknya dimundurkan ke bulan lalu saja.",
        "Tagihkan sebagai biaya maintenance supaya partner saya tidak boleh tahu.",
        "Buat testimoninya, namanya karang saja.",
    ):
        assert "unethical_request" in labels(id_en, text), text
    assert "payment_excuse" not in labels(id_en, "Invoice sudah dibayar hari ini, terima kasih.")
    assert "unethical_request" not in labels(
        id_en, "Tolong kirim ulang invoice dengan tanggal yang benar."
    )


def test_pressure_is_a_demand_but_a_polite_bug_report_is_not_000_8(id_en):
    """[000 #8] Ultimatums and blame are demands; a report of a fault, or thanks, is not."""
    for text in (
        "Peringatan terakhir, Senin harus beres.",
        "Gara-gara kalian kampanye kami gagal.",
        "Jangan bilang tidak bisa, pokoknya harus jadi.",
    ):
        assert "demand" in labels(id_en, text), text
    for text in (
        "Form pendaftaran error, bisa tolong dicek hari ini?",
        "Makasih sudah lembur semalam.",
        "Tidak buru-buru, kapan sempat saja.",
    ):
        assert "demand" not in labels(id_en, text), text


@pytest.mark.parametrize(
    "text",
    [
        "Udah tiga bulan, hasilnya nihil.",
        "Omzet gitu-gitu aja dari awal tahun, saya mulai pesimis.",
        "Terus terang saya sudah hilang kepercayaan sama iklan online.",
        "Apa gunanya bikin konten terus kalau tidak ada yang beli?",
        "Udah keluar banyak biaya tapi hasilnya segitu-segitu aja.",
        "Kayaknya semua ini nggak ngefek apa-apa.",
        "Saya ragu ini bakal berhasil.",
        "Sudah tiga bulan dan belum ada satu pun pesanan dari website.",
        "Lagi-lagi mundur, saya harus jelasin apa ke atasan?",
        "Gak bisa mikirin ini sekarang.",
    ],
)
def test_gloom_about_the_work_is_negative_000_6(id_, text):
    """[000 #6] Doubt that anything will help, no results, money spent for nothing, lost
    trust and the same slip again, without a single rude word."""
    assert "negative" in labels(id_, text), text


@pytest.mark.parametrize(
    "text",
    [
        "Jangan ragu untuk menghubungi kami kalau ada pertanyaan.",
        "Tidak ada perubahan jadwal, sampai ketemu Kamis.",
        "Semoga ada gunanya buat tim kalian.",
        "Jadwal rapat mundur ke jam 3 ya.",
        "Pengunjung naik 20% bulan ini, mantap!",
    ],
)
def test_ordinary_mail_near_the_gloom_phrases_is_not_negative_000_6(id_, text):
    """[000 #6] "Jangan ragu" is an invitation, a moved meeting is news."""
    assert "negative" not in labels(id_, text), text


def test_money_in_processing_or_held_at_the_bank_is_a_payment_excuse_002_4(id_):
    """[002 #4] A transfer "lagi diproses", a payment stuck at the bank, "saya kira sudah
    dibayar" and finance on leave."""
    for text, piece in (
        ("Pembayaran masih dalam proses di bank kami, mohon ditunggu.", "dalam proses di bank"),
        ("Dananya sudah kami kirim tapi tertahan di bank.", "tertahan di bank"),
        ("Saya kira tagihan bulan lalu sudah lunas, nanti saya cek.", "sudah lunas"),
        ("Finance kami lagi libur panjang, habis itu langsung kami transfer.", "Finance kami lagi"),
    ):
        assert shows(id_, text, "payment_excuse", piece), text
    for text in (
        "Pesanan Anda sedang diproses.",
        "Pembayaran sudah kami transfer tadi pagi, buktinya terlampir.",
    ):
        assert "payment_excuse" not in labels(id_, text), text


def test_a_business_going_through_a_hard_time_is_hardship_003_3(id_):
    """[003 #3] "Kondisi kami lagi berat", cutting back, a branch closed; a slow website
    that "lagi berat" is not a hard time."""
    for text in (
        "Usaha kami lagi sulit, dua cabang terpaksa tutup bulan ini.",
        "Bisnis lagi berat banget, kami harus mengencangkan ikat pinggang.",
    ):
        assert "hardship" in labels(id_, text), text
    assert "hardship" not in labels(id_, "Websitenya lagi berat, loadingnya lama.")


@pytest.mark.parametrize(
    "text",
    [
        "Form pemesanan error dari pagi, mohon dicek secepatnya ya.",
        "Halaman produk hilang, bisa tolong diperbaiki sesegera mungkin?",
    ],
)
def test_a_polite_urgent_report_is_not_a_demand_000_8(id_, text):
    """[000 #8] "Secepatnya" in a polite report of a fault is not pressure."""
    assert "demand" not in labels(id_, text), text


def test_work_claimed_as_included_is_out_of_scope_000_8(id_):
    """[000 #8] "Permintaan kecil" for a big job, "harusnya gak lama", "kami kira sudah
    termasuk"."""
    for text in (
        "Permintaan kecil nih: bikin ulang semua foto produk, pasti cepat kok.",
        "Kami pikir desain kemasan sudah termasuk, jadi tolong dibuat juga.",
        "Bisa tambahkan fitur chat di website? Harusnya gak lama.",
    ):
        assert "out_of_scope" in labels(id_, text), text
    assert "out_of_scope" not in labels(id_, "Apakah versi cetak sudah termasuk di paket?")


def test_an_approval_needed_is_an_ask_but_silakan_dicek_is_not_000_4(id_):
    """[000 #4] "Kami butuh acc" waits for the client; "sudah kami upload, silakan dicek"
    and "tidak perlu balas" wait for nothing."""
    for text in (
        "Kami butuh acc dari Kakak sebelum naik cetak.",
        "Kami tunggu persetujuan Kakak sebelum mulai produksi.",
    ):
        assert "asks" in labels(id_, text), text
    for text in (
        "Katalog baru sudah kami upload ke Drive, silakan dicek.",
        "Info aja, landing page sudah di staging, silakan dicek kapan saja. Tidak perlu balas.",
    ):
        assert "asks" not in labels(id_, text), text


def test_feedback_that_names_nothing_is_vague_001(id_):
    """[001] "Belum wow", "coba yang beda", "saya juga belum tahu": no change named."""
    for text in (
        "Bagus sih, tapi masih belum nendang. Dicoba lagi ya.",
        "Ganti aja, saya juga gak bisa jelasin maunya apa.",
    ):
        assert "vague" in labels(id_, text), text
    assert "vague" not in labels(id_, "Coba lagi nanti, servernya sedang maintenance.")


def test_000_4_a_promise_of_news_is_not_a_question(id_):
    # "We'll let you know" asks nothing of the client; "let me know" does [000 #4].
    assert "asks" not in id_.analyze(["Kami kabari lagi ya."])[0].labels
    assert "asks" in id_.analyze(["Tolong kabari saya kalau sudah siap."])[0].labels


def test_002_4_a_buried_invoice_or_chased_finance_is_an_excuse(id_):
    for text in (
        "Aduh maaf, tagihannya ketumpuk di email. Besok kami transfer.",
        "Sudah saya kejar ke bagian keuangan, besok ditransfer ya.",
    ):
        assert "payment_excuse" in id_.analyze([text])[0].labels, text


@pytest.mark.parametrize(
    "text",
    [
        "Nanti.",
        "Nanti dulu.",
        "Nanti aja.",
        "Ntar aja deh.",
        "Terserah.",
        "Terserah aja.",
        "Terserah kalian.",
        "Terserah deh.",
        "Ya udah terserah.",
        "Gak usah deh.",
        "Udahlah.",
        "Ah sudahlah.",
        "Bodo amat.",
        "Masa bodo.",
        "Males.",
        "Lupain aja.",
        "Gak tertarik.",
        "Gak dulu.",
        "Suka-suka kalian aja.",
        "Halo Kak,\n\nNanti dulu.\n\nSalam,\nBudi",
    ],
)
def test_a_curt_brush_off_alone_is_negative_000_6(id_, text):
    """[000 #6] A reply that is nothing but "Nanti." or "Terserah." brushes the writer
    off, in formal and chat spelling; a greeting and a sign-off are clauses of their own."""
    assert "negative" in labels(id_, text), text


@pytest.mark.parametrize(
    "text",
    [
        "Nanti saya cek dulu ya.",
        "Nanti dulu saya tanya ke tim.",
        "Nanti sore saya kirim filenya.",
        "Terserah Kakak mau warna yang mana, dua-duanya bagus.",
        "Warnanya terserah, yang penting rapi.",
        "Oke, terserah tim aja mana yang lebih cepat.",
        "Gak usah repot-repot, kak.",
        "Tidak usah dikirim versi cetak, digital saja cukup.",
        "Yaudah, besok aja kita bahas.",
        "Kalau ada yang kurang pas, kabari saja.",
        "Pembayarannya masih kurang 500 ribu, nanti saya lunasi.",
    ],
)
def test_brush_off_words_in_an_ordinary_sentence_are_not_negative_000_6(id_, text):
    """[000 #6] The same words inside a sentence are an ordinary answer."""
    assert "negative" not in labels(id_, text), text


@pytest.mark.parametrize(
    "text",
    [
        "Oke kak.",
        "Oke.",
        "Siap.",
        "Siap kak, makasih.",
        "Baik.",
        "Sip.",
        "Ya.",
        "Noted kak.",
        "Sudah.",
    ],
)
def test_an_acknowledgement_alone_is_not_negative_000_6(id_, text):
    """[000 #6] "Oke." or "Siap." alone acknowledges; it is not a brush-off."""
    assert "negative" not in labels(id_, text), text


@pytest.mark.parametrize(
    "text",
    [
        "Belum sreg.",
        "Kurang pas.",
        "Hmm, masih belum pas.",
        "Masih kurang.",
        "Masih kurang sesuatu.",
        "Bukan ini yang saya mau.",
        "Bukan yang kami bayangkan.",
        "Belum sesuai harapan kami.",
        "Rasanya ada yang kurang, tapi saya gak tahu apa.",
        "Feelnya belum dapet.",
        "Jujur kami belum puas sama progresnya.",
        "Jauh dari ekspektasi.",
        "Kok hasilnya begini ya.",
    ],
)
def test_dissatisfaction_that_names_no_problem_is_negative_000_6(id_, text):
    """[000 #6] Unhappy with the work without saying what is wrong: "belum sreg",
    "kurang pas", "bukan ini yang saya mau"."""
    assert "negative" in labels(id_, text), text


def test_dissatisfaction_mixed_with_english_is_negative_000_6(id_en):
    """[000 #6] As shipped, English words in an Indonesian message are read too: the
    Indonesian negator before "happy" makes it a complaint."""
    for text in ("Kami kurang happy dengan hasilnya.", "Desainnya not what we had in mind sih."):
        assert "negative" in labels(id_en, text), text


@pytest.mark.parametrize(
    "text",
    [
        "Mohon maaf, saya sedang kurang sehat dan harus bolak-balik ke rumah sakit.",
        "Saya dirawat inap sejak Senin, jadi balasannya agak lambat.",
        "Ibu saya harus opname karena demam berdarah.",
        "Minggu depan saya operasi, jadi izin dulu sekitar dua minggu.",
        "Suami saya sedang menjalani kemoterapi, mohon maklum kalau saya lambat.",
        "Ayah saya baru didiagnosis kanker, saya lagi fokus ke keluarga.",
        "Saya sudah lama sakit dan masih dalam pengobatan.",
        "Papa saya kena stroke, sekarang di ICU.",
        "Innalillahi, bapak mertua saya berpulang tadi pagi.",
        "Kami sekeluarga sedang berduka, ibu saya meninggal kemarin.",
        "Saya sedang proses cerai, jadi kondisinya lagi kacau.",
        "Istri saya mengalami komplikasi saat melahirkan dan masih di ICU.",
        "Kami kehilangan klien terbesar dan harus potong biaya di semua lini.",
        "Terpaksa ada PHK bulan ini, separuh karyawan kami rumahkan.",
        "Toko kami kebanjiran dan tutup sementara.",
        "Omzet kami anjlok, sekarang kami efisiensi besar-besaran.",
        "Cabang Bandung terpaksa kami tutup karena penjualan terus turun.",
        "Gudang kami terbakar semalam, sebagian besar stok habis.",
        "Usaha kami sedang di ujung tanduk.",
        "Kami lagi krisis keuangan, gaji karyawan saja susah dibayar.",
        "maaf bgt kak, aku lg sakit parah, baru pulang dr rs",
        "Anak saya masuk IGD semalam, masih observasi.",
        "Saya cuti sakit dua minggu karena harus bed rest total.",
        "Kesehatan saya lagi menurun, dokter minta saya istirahat total sebulan.",
        "Mama aku masuk rumah sakit lagi, aku bolak balik jagain.",
        "Saya harus menjalani operasi jantung bulan depan.",
        "Kami terpaksa mengurangi karyawan dan memotong biaya di mana-mana.",
        "Klien terbesar kami pergi, jadi kami harus berhemat di semua pos.",
    ],
)
def test_a_hard_time_in_the_clients_own_life_or_business_is_hardship_003_3(id_en, text):
    """[003 #3] Their own or a relative's illness, a death, a family crisis, the business in
    crisis: "bolak-balik ke rumah sakit", "menjalani kemoterapi", "proses cerai",
    "kehilangan klien terbesar"."""
    assert "hardship" in id_en.analyze_one(text).labels, text


@pytest.mark.parametrize(
    "text",
    [
        "Maaf kemarin saya sakit, ini filenya ya.",
        "Desainer kami lagi cuti sakit, approval-nya hari Senin ya.",
        "Kemarin saya izin sakit, revisinya sudah saya kirim.",
        "Lagi kurang enak badan hari ini, besok saya kirim ya.",
        "Turut berduka cita yang sedalam-dalamnya, semoga keluarga diberi ketabahan.",
        "Innalillahi wa inna ilaihi rojiun. Turut berduka ya Pak, jangan pikirkan proyeknya dulu.",
        "Kami sekeluarga turut berduka cita, semoga almarhum diterima di sisi-Nya.",
        "Tim kami turut berduka atas kepergian ayahanda, semoga diberi kekuatan.",
        "Semoga lekas sembuh ya Bu, tidak usah buru-buru.",
        "Proyeknya lagi kurang sehat, timeline perlu kita atur ulang.",
        "Pertumbuhan yang sehat kuartal ini, selamat untuk timnya.",
        "Potong biaya cetak bisa? Budget kami terbatas.",
        "Klien terbesar kami minggu depan launching, siap-siap ya.",
        "Kami mau memotong biaya iklan di Facebook dan pindah ke TikTok.",
        "Tim kami lagi istirahat total saat Lebaran, kantor buka lagi tanggal 15.",
    ],
)
def test_a_passing_mention_or_our_condolence_is_not_hardship_003_3(id_en, text):
    """[003 #3] A day off ill, a colleague's sick leave, our own condolences and health or
    cost words about the work:
    "kemarin saya sakit", a colleague "lagi cuti sakit", "turut berduka cita"."""
    assert "hardship" not in id_en.analyze_one(text).labels, text


@pytest.mark.parametrize(
    "text",
    [
        "Tolong update jam buka di website rumah sakit ya.",
        "Pasien kami banyak yang minta bisa booking jadwal dokter online.",
        "Klinik kami menambah layanan kemoterapi, tolong masukkan ke halaman layanan.",
        "Rumah sakit kami buka layanan IGD 24 jam, tolong bikin banner.",
        "Pasien yang didiagnosis diabetes sekarang bisa konsultasi online.",
        "Halaman rawat inap di website rumah sakit perlu foto baru.",
        "Jadwal operasi dokter bedah sudah berubah, mohon update di website.",
        "Harga kamar rawat inap sudah naik, mohon update tabelnya.",
        "Pasien yang akan menjalani operasi wajib puasa 8 jam, tolong tulis di website.",
        "Kondisi kesehatan pasien bisa dipantau lewat aplikasi baru kami.",
    ],
)
def test_a_clinic_or_hospital_clients_work_mail_is_not_hardship_003_3(id_en, text):
    """[003 #3] A clinic, hospital, law firm or funeral home writing about its website,
    services, appointments or patients has no hard time of its own."""
    assert "hardship" not in id_en.analyze_one(text).labels, text
