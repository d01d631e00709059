"""What the demo's clients write, in English, Indonesian, Croatian and Arabic.

Written for partways; each kind of message is phrased so that it reads like a real
client would write it. ``{p}`` is replaced with a project name.
"""

from __future__ import annotations

PHRASES: dict[str, dict[str, tuple[str, ...]]] = {
    "en": {
        "neutral": (
            "Thanks for the update on {p}, it looks good to us.",
            "Could we move Thursday's call to 3 pm? Thank you.",
            "Attached are the notes from our board meeting for {p}.",
            "Great work on the last round, the team is happy with it.",
            "We approved the budget for the next phase of {p}.",
            "Please send the invoice to our accounts address as usual.",
            "Looking forward to the workshop next week.",
        ),
        "hardship": (
            "Sorry for the silence: my father passed away last week and I've been away.",
            "We lost our biggest customer this month and are cutting costs everywhere.",
        ),
        "ours": (
            "Here is the draft for {p}; could you confirm by Friday?",
            "Following up on {p}: we need your decision on the two options.",
            "The next milestone of {p} is ready for your review.",
            "Could you share the login details for the staging site?",
        ),
        "negative": (
            "Honestly I'm disappointed with how {p} is going.",
            "This is the worst week we've had, everything about {p} feels hopeless.",
            "I'm frustrated, the results are terrible again.",
        ),
        "disrespect": (
            "Do you even know what you are doing? Amateurs.",
            "My nephew could do {p} better, you don't know your job.",
        ),
        "abuse": (
            "You idiots broke it again. Shut up and fix it.",
            "What a pathetic bunch of morons.",
        ),
        "demand": (
            "I need the new version of {p} ASAP, tonight if possible.",
            "This is urgent, send it immediately.",
        ),
        "out_of_scope": (
            "While you're at it, can you also redo our brochure? Small extra.",
            "Can you also build a mobile app for {p}? One more small thing.",
        ),
        "payment_excuse": (
            "Sorry, cash flow is tight this month, we'll pay next week.",
            "We didn't receive the invoice, can you resend it?",
        ),
        "unethical_request": (
            "Please backdate the contract to January so our auditor is happy.",
            "Could your team write a few fake reviews for us on Google?",
        ),
        "vague": (
            "Not quite it yet, I'll know it when I see it.",
            "Something is missing, it's not quite right.",
        ),
    },
    "id": {
        "neutral": (
            "Terima kasih atas kabarnya tentang {p}, kami senang dengan hasilnya.",
            "Apakah rapat hari Kamis bisa dipindah ke jam tiga sore?",
            "Berikut catatan rapat direksi kami untuk {p}.",
            "Kerja yang bagus, tim kami puas dengan revisi terakhir.",
            "Anggaran untuk tahap berikutnya dari {p} sudah disetujui.",
            "Mohon kirim faktur ke bagian keuangan seperti biasa.",
        ),
        "hardship": (
            "Maaf lama tidak membalas, ayah saya meninggal minggu lalu.",
            "Bisnis kami sedang sulit, pelanggan terbesar kami berhenti bulan ini.",
        ),
        "ours": (
            "Berikut draf untuk {p}; mohon konfirmasi sebelum Jumat.",
            "Menindaklanjuti {p}: kami perlu keputusan Bapak/Ibu soal dua opsi.",
            "Tahap berikutnya dari {p} siap untuk ditinjau.",
        ),
        "negative": (
            "Jujur saya kecewa dengan perkembangan {p}.",
            "Hasilnya buruk lagi, sangat mengecewakan.",
            "Minggu ini parah, semuanya payah.",
        ),
        "disrespect": (
            "Kalian ini amatir, tidak becus mengerjakan {p}.",
            "Tim kalian nggak becus sama sekali.",
        ),
        "abuse": (
            "Dasar goblok, kerjaan begini saja tidak bisa!",
            "Kalian semua bodoh dan brengsek.",
        ),
        "demand": (
            "Tolong kirim versi baru {p} secepatnya, sekarang juga.",
            "Ini mendesak, harus selesai segera.",
        ),
        "out_of_scope": (
            "Sekalian buatkan juga desain kemasan ya, tambahan sedikit saja.",
            "Tolong juga bikin video promosi untuk {p}.",
        ),
        "payment_excuse": (
            "Maaf, dana belum cair, kami bayar minggu depan.",
            "Kantor kami belum gajian, mohon ditunggu pembayarannya.",
        ),
        "unethical_request": (
            "Tolong mundurkan tanggal kontrak ke bulan Januari.",
            "Bisa buatkan ulasan palsu di marketplace kami?",
        ),
        "vague": (
            "Masih kurang pas, belum sreg rasanya.",
            "Ada yang kurang, tapi saya belum tahu apa.",
        ),
    },
    "hr": {
        "neutral": (
            "Hvala na novostima o projektu {p}, izgleda dobro.",
            "Možemo li četvrtkov sastanak pomaknuti na 15 sati?",
            "U prilogu su bilješke sa sastanka uprave za {p}.",
            "Odličan posao na zadnjoj verziji, tim je zadovoljan.",
            "Odobrili smo proračun za sljedeću fazu projekta {p}.",
            "Račun pošaljite na adresu računovodstva kao i inače.",
        ),
        "hardship": (
            "Oprostite na šutnji, otac mi je preminuo prošli tjedan.",
            "Izgubili smo najvećeg kupca i moramo rezati troškove.",
        ),
        "ours": (
            "Evo nacrta za {p}; možete li potvrditi do petka?",
            "Javljamo se vezano uz {p}: trebamo vašu odluku o dvije opcije.",
            "Sljedeća faza projekta {p} spremna je za pregled.",
        ),
        "negative": (
            "Iskreno, razočaran sam kako ide {p}.",
            "Rezultati su opet užasno slabi, grozno.",
            "Jako smo razočarani ovim tjednom.",
        ),
        "disrespect": (
            "Vi ne znate svoj posao, amateri.",
            "Potpuno ste nesposobni za {p}.",
        ),
        "abuse": (
            "Kreten jedan, opet si sve pokvario!",
            "Budale, koliko puta vam moram ponoviti?",
        ),
        "demand": (
            "Trebam novu verziju projekta {p} hitno, do sutra.",
            "Pošaljite to odmah, ne može čekati.",
        ),
        "out_of_scope": (
            "Usput, možete li i redizajnirati našu brošuru?",
            "Još samo jedna sitnica: napravite i mobilnu aplikaciju.",
        ),
        "payment_excuse": (
            "Nemamo likvidnosti ovaj mjesec, platit ćemo sljedeći tjedan.",
            "Račun nije stigao, pošaljite ga ponovno.",
        ),
        "unethical_request": (
            "Možete li antidatirati ugovor na siječanj?",
            "Napišite nam nekoliko lažne recenzije na Googleu.",
        ),
        "vague": (
            "Nije baš to, nešto fali.",
            "Nije baš to što smo zamislili.",
        ),
    },
    "ar": {
        "neutral": (
            "شكرا على التحديث بخصوص {p}، النتائج جيدة.",
            "هل يمكن نقل اجتماع الخميس إلى الساعة الثالثة؟",
            "مرفق ملاحظات اجتماع مجلس الإدارة بخصوص {p}.",
            "عمل ممتاز في النسخة الأخيرة، الفريق راض عنها.",
            "تمت الموافقة على ميزانية المرحلة التالية من {p}.",
        ),
        "hardship": (
            "أعتذر عن التأخر في الرد، توفي والدي الأسبوع الماضي.",
            "خسرنا أكبر عملائنا هذا الشهر ونحاول تقليص المصاريف.",
        ),
        "ours": (
            "هذه مسودة {p}؛ هل يمكنكم التأكيد قبل يوم الجمعة؟",
            "متابعة بخصوص {p}: نحتاج قراركم بشأن الخيارين.",
            "المرحلة التالية من {p} جاهزة للمراجعة.",
        ),
        "negative": (
            "للأسف النتائج مخيبة للآمال مرة أخرى.",
            "أنا محبط جدا من سير العمل في {p}.",
            "الوضع سيء هذا الأسبوع.",
        ),
        "disrespect": (
            "أنتم هواة ولا تعرفون عملكم.",
            "فريقكم كله فاشلون.",
        ),
        "abuse": (
            "يا غبي، أفسدت كل شيء مرة أخرى!",
            "اخرس ونفذ ما أطلبه يا أحمق.",
        ),
        "demand": (
            "أحتاج النسخة الجديدة من {p} فورا، الأمر عاجل.",
            "أرسلها حالا من فضلك.",
        ),
        "out_of_scope": (
            "وأيضا صمموا لنا كتيبا جديدا، إضافة صغيرة.",
            "أضيفوا بالمرة تطبيقا للهاتف.",
        ),
        "payment_excuse": (
            "عذرا، لدينا مشكلة في السيولة، سندفع الأسبوع القادم.",
            "لم تصلنا الفاتورة، أرسلوها مرة أخرى.",
        ),
        "unethical_request": (
            "نريد تقييمات مزيفة على موقعنا.",
            "وقعوا العقد بتاريخ سابق من فضلكم.",
        ),
        "vague": (
            "ليس تماما ما نريده.",
            "هناك شيء ناقص.",
        ),
    },
}

FEEDBACK_CONCRETE: dict[str, tuple[str, ...]] = {
    "en": (
        "Please use our new logo and make the header blue.",
        "Shorten the intro to two paragraphs and add prices.",
    ),
    "id": ("Tolong ganti logo dengan versi baru dan perbesar judulnya.",),
    "hr": ("Molimo zamijenite logotip i skratite uvod na dva odlomka.",),
    "ar": ("يرجى استخدام الشعار الجديد وتقصير المقدمة.",),
}
