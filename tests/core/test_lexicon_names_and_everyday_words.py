"""People's names and the everyday words of agency mail are no warning sign.

A client who signs "Barbara" is not abusive, "we lost our biggest client" does not call
anyone a traitor, and a Gulf "هلا" (hi) demands nothing. Every message carries a name
in its greeting or signature and some of the words below, so a lexicon entry that
matches one of them labels a healthy client's whole history. These tests run common
first names and surnames in each language (bare, in greetings and in sign-offs), the
words of ordinary business mail and job titles, places, and greetings and sign-offs
through the analyzer as the product runs it (language identified per message) and
through each language's own lexicon, and hold that none of them gives even a weak hint
of abuse [000 #8], disrespect [000 #3], gloom [000 #6], an unreasonable demand
[000 #8], a payment excuse [002 #4], an unethical request [002 #3] or hardship [003 #3].

The lists are written here, from the curators' knowledge of common names; they do
not come from the evaluation generator. Left out on purpose: names that are only a
rare surname and also a plain insult or slur (Dick, Dykes, Seljak, الأخرس), for which
the lexicons keep the insult.
"""

from __future__ import annotations

from functools import cache

import pytest

from partways.core.text.lexicon import builtin_lexicon
from partways.core.text.lexicon_analyzer import LexiconAnalyzer

# What a name or an everyday word must never be read as.
FORBIDDEN = (
    "abuse",
    "disrespect",
    "negative",
    "demand",
    "payment_excuse",
    "unethical_request",
    "hardship",
)

# The lists are written several words to a line, as a reader scans them.
# fmt: off
# --- first names --------------------------------------------------------------------
FIRST_NAMES: dict[str, tuple[str, ...]] = {
    "en": (
        # men
        "James", "John", "Robert", "Michael", "William", "David", "Richard", "Joseph",
        "Thomas", "Charles", "Christopher", "Daniel", "Matthew", "Anthony", "Mark",
        "Steven", "Andrew", "Paul", "Joshua", "Kevin", "Brian", "George", "Timothy",
        "Edward", "Jason", "Ryan", "Jacob", "Gary", "Nicholas", "Eric", "Jonathan",
        "Stephen", "Scott", "Benjamin", "Samuel", "Sam", "Frank", "Alexander",
        "Patrick", "Jack", "Peter", "Harry", "Oliver", "Liam", "Noah", "Ben", "Hugo",
        "Nathan", "Victor", "Rory", "Gareth", "Callum", "Owen", "Rhys", "Connor",
        "Sean", "Declan", "Kieran", "Neil", "Colin", "Graham", "Ian", "Nigel", "Craig",
        "Dean", "Lee", "Wayne", "Barry", "Terry", "Carl", "Luke", "Max", "Miles",
        "Chase", "Hunter", "Drew", "Bill", "Will", "Rob", "Mike", "Tony", "Chuck",
        # women
        "Mary", "Patricia", "Jennifer", "Linda", "Elizabeth", "Barbara", "Susan",
        "Jessica", "Sarah", "Karen", "Nancy", "Lisa", "Margaret", "Sandra", "Ashley",
        "Emily", "Donna", "Michelle", "Carol", "Amanda", "Melissa", "Deborah",
        "Stephanie", "Rebecca", "Sharon", "Laura", "Amy", "Angela", "Anna", "Helen",
        "Emma", "Nicole", "Samantha", "Catherine", "Kate", "Rachel", "Heather",
        "Diane", "Ruth", "Julie", "Olivia", "Victoria", "Kelly", "Lauren", "Megan",
        "Hannah", "Alice", "Grace", "Chloe", "Sophie", "Charlotte", "Amelia", "Isla",
        "Zoe", "Tessa", "Wendy", "Fiona", "Nina", "Maeve", "Siobhan", "Holly", "Ruby",
        "Daisy", "Poppy", "Lily", "Rose", "Faith", "Hope", "Joy", "Patience",
        "Destiny", "Summer", "Autumn", "Dawn", "Crystal", "Candy", "Ginger", "Sunny",
        "Precious", "Harmony", "Mercy", "Felicity", "Honor",
        # clients of English-writing agencies from elsewhere
        "Priya", "Pooja", "Rajesh", "Sunil", "Deepak", "Imran", "Bilal", "Ayesha",
        "Mohammed", "Chinedu", "Kwame", "Ngozi", "José", "Jesús", "Carlos", "Lucía",
        "Wei", "Jun", "Bich", "Phuong", "Minh", "Hung", "Dung", "Thanh",
    ),
    "id": (
        # men
        "Agus", "Budi", "Bambang", "Ahmad", "Muhammad", "Rizky", "Eko", "Wahyu",
        "Adi", "Andi", "Hendra", "Yudi", "Rudi", "Dedi", "Joko", "Slamet", "Sugeng",
        "Fajar", "Rahmat", "Arif", "Irfan", "Taufik", "Yusuf", "Ilham", "Bayu",
        "Dimas", "Gilang", "Reza", "Fikri", "Hafiz", "Lukman", "Teguh", "Bagus",
        "Indra", "Surya", "Galih", "Gede", "Made", "Nyoman", "Ketut", "Wayan", "Putu",
        "Komang", "Kadek", "Asep", "Ujang", "Cecep", "Dadang", "Ucok", "Oki", "Yoga",
        "Untung", "Sabar", "Bejo", "Tabah", "Ikhlas", "Setia", "Jaya", "Sukses",
        "Tri", "Dwi", "Eka", "Catur", "Panca", "Wawan", "Iwan", "Heru", "Hari",
        "Anton", "Darmawan", "Ruslan", "Ari",
        # women
        "Dewi", "Sri", "Siti", "Nur", "Putri", "Ayu", "Dian", "Wati", "Yanti", "Rina",
        "Ratna", "Indah", "Fitri", "Lestari", "Nadia", "Aulia", "Anisa", "Nabila",
        "Salsabila", "Zahra", "Intan", "Mega", "Maya", "Novi", "Desi", "Lia", "Tika",
        "Yuni", "Sari", "Wulan", "Citra", "Kartika", "Gita", "Puspita", "Ningsih",
        "Permata", "Bunga", "Ratu", "Cahya", "Butet", "Siska", "Murni", "Kasih",
        "Cinta", "Melati", "Mawar", "Rahayu", "Suci", "Endang", "Tuti", "Wiwik",
    ),
    "hr": (
        # men
        "Ivan", "Marko", "Luka", "Josip", "Tomislav", "Stjepan", "Ante", "Mario",
        "Nikola", "Petar", "Dario", "Davor", "Goran", "Zoran", "Kristijan", "Igor",
        "Damir", "Mladen", "Krešimir", "Hrvoje", "Zvonimir", "Domagoj", "Matej",
        "Filip", "Karlo", "Lovro", "Fran", "Jakov", "Mateo", "Leon", "Vedran", "Boris",
        "Dino", "Zlatko", "Branko", "Željko", "Mirko", "Darko", "Drago", "Mate", "Jure",
        "Frane", "Šime", "Duje", "Toni", "Bruno", "Roko", "Siniša", "Saša", "Neven",
        "Srećko", "Zdravko", "Božidar", "Božo", "Stipe", "Ivica", "Franjo", "Dragutin",
        "Slaven", "Vlado", "Dražen", "Ozren", "Robert",
        # women
        "Ana", "Marija", "Ivana", "Barbara", "Petra", "Maja", "Kristina", "Martina",
        "Jelena", "Nikolina", "Mirjana", "Sanja", "Vesna", "Snježana", "Tanja",
        "Dubravka", "Gordana", "Ljiljana", "Katarina", "Lucija", "Sara", "Mia", "Ema",
        "Lana", "Lea", "Dora", "Tena", "Helena", "Marina", "Zrinka", "Andrea",
        "Antonija", "Ivona", "Iva", "Ines", "Kata", "Mara", "Jasna", "Nada", "Vera",
        "Zora", "Dunja", "Višnja", "Ružica", "Slavica", "Branka", "Vlatka", "Tea",
        "Nina", "Klara", "Hana", "Marta", "Matea", "Josipa", "Anita", "Irena", "Željka",
        "Biserka", "Đurđica", "Blaženka", "Mirna", "Spomenka", "Smiljana",
    ),
    "ar": (
        # men
        "محمد", "أحمد", "محمود", "علي", "عمر", "خالد", "عبدالله", "عبد الله",
        "عبدالرحمن", "عبدالعزيز", "يوسف", "إبراهيم", "حسن", "حسين", "سعيد", "سعد",
        "سلطان", "راشد", "حمد", "حمدان", "ماجد", "فهد", "فيصل", "تركي", "بندر", "نايف",
        "سلمان", "طارق", "زياد", "عادل", "كريم", "سامي", "وليد", "ياسر", "مازن", "هشام",
        "عماد", "جمال", "نبيل", "رامي", "باسل", "أنس", "معاذ", "بلال", "حمزة", "مصطفى",
        "منصور", "ناصر", "جاسم", "مبارك", "سيف", "ذياب", "غانم", "عيسى", "موسى", "صابر",
        "شاكر", "سالم", "ظافر", "غالب", "بدر", "ذيب", "فهيد", "عتيق", "صقر", "نمر",
        "أسد", "فارس", "مشعل", "عواد", "سرور", "مسعود", "راضي", "هلال", "عميد", "جهاد", "إلياس",
        "نضال", "كفاح", "عاصي", "كمال", "فراس", "وائل", "بهاء", "فادي", "بشير", "حسام",
        "عبيد",
        # women
        "فاطمة", "مريم", "عائشة", "نورة", "نوف", "سارة", "ريم", "هند", "منى", "لطيفة",
        "شيخة", "ليلى", "هدى", "أمل", "رنا", "دانة", "لينا", "ياسمين", "رزان", "جود",
        "غادة", "سلمى", "نادية", "هبة", "أسماء", "آمنة", "خديجة", "زينب", "رغد", "شهد",
        "لمى", "ديما", "روان", "بشرى", "سعاد", "وفاء", "إيمان", "حنان", "مها", "عبير",
        "دعاء", "آلاء", "خلود", "منيرة", "موضي", "حصة", "العنود", "الجوهرة", "نجلاء",
        "رهف", "غلا", "هيا", "ملاك", "فرح", "أماني", "صبا", "حلا", "هلا", "ندى",
    ),
}

# --- surnames -------------------------------------------------------------------------
SURNAMES: dict[str, tuple[str, ...]] = {
    "en": (
        "Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis",
        "Wilson", "Anderson", "Taylor", "Moore", "Jackson", "Martin", "Lee", "Thompson",
        "White", "Harris", "Clark", "Lewis", "Robinson", "Walker", "Young", "Allen",
        "King", "Wright", "Hill", "Green", "Adams", "Baker", "Hall", "Campbell",
        "Mitchell", "Carter", "Roberts", "Evans", "Turner", "Parker", "Collins",
        "Edwards", "Morris", "Murphy", "Cook", "Morgan", "Cooper", "Bailey", "Bell",
        "Kelly", "Ward", "Wood", "Watson", "Bennett", "Gray", "Hughes", "Price",
        "Foster", "Barnes", "Fisher", "Graham", "Payne", "Hunt", "Black", "Fox",
        "Hardy", "Moody", "Sharp", "Savage", "Cross", "Wild", "Rich", "Little",
        "Short", "Hope", "Love", "Blunt", "Bland", "Kidd", "Cheek", "Fairweather",
        "Clarke", "Davies", "Fletcher", "Irving", "Kerr", "Lloyd", "Norris", "Owens",
        "Reid", "Shaw", "Walsh", "Doyle", "O'Brien", "McDonald", "Nguyen", "Patel",
        "Khan", "Singh", "Butt", "Pedersen", "Hansen", "Jensen", "Müller", "Schmidt",
        "Rossi", "Kowalski", "Sharma", "Gupta", "Kaur", "Malik", "Chaudhry",
        "Hussain", "Okafor", "Mensah", "Santos", "Reyes", "Chen", "Wang", "Tran", "Dang",
        "Pham", "Le",
    ),
    "id": (
        "Saputra", "Wijaya", "Hidayat", "Kusuma", "Setiawan", "Nugroho", "Halim",
        "Siregar", "Nasution", "Lubis", "Harahap", "Simanjuntak", "Sitompul", "Pardede",
        "Hutapea", "Sinaga", "Situmorang", "Panjaitan", "Manurung", "Tambunan",
        "Pangaribuan", "Ginting", "Tarigan", "Sembiring", "Lestari", "Pratama",
        "Wibowo", "Gunawan", "Rahmawati", "Susanto", "Hakim", "Permana", "Santoso",
        "Hartono", "Salim", "Tanjung", "Siahaan", "Purba", "Damanik", "Saragih",
        "Rangkuti", "Daulay", "Pohan", "Batubara", "Sihombing", "Simatupang",
        "Marpaung", "Hasibuan", "Syahputra", "Kurniawan", "Firmansyah", "Ramadhan",
        "Maulana", "Hermawan", "Suryadi", "Wahyudi", "Prasetyo", "Utomo", "Sutrisno",
        "Budiman", "Kusnadi", "Hasan", "Pangestu", "Wirawan", "Effendi", "Tan", "Lim",
        "Sudirman", "Susilo", "Haryanto", "Hutagalung", "Napitupulu", "Sianturi",
        "Silalahi", "Sitorus", "Gultom", "Rajagukguk", "Matondang",
    ),
    "hr": (
        "Horvat", "Kovačević", "Babić", "Marić", "Jurić", "Novak", "Kovačić",
        "Knežević", "Vuković", "Marković", "Petrović", "Matić", "Tomić", "Pavlović",
        "Kovač", "Božić", "Blažević", "Grgić", "Pavić", "Radić", "Perić", "Šarić",
        "Lovrić", "Vidović", "Perković", "Popović", "Bošnjak", "Jukić", "Barišić",
        "Mandić", "Nikolić", "Klarić", "Martinović", "Šimić", "Kolar", "Kos",
        "Vrdoljak", "Rukavina", "Filipović", "Lukić", "Jovanović", "Barbarić", "Glavaš",
        "Galić", "Budimir", "Zorić", "Rogić", "Šimunović", "Kraljević", "Mikulić",
        "Jelić", "Bilić", "Ćorić", "Brkić", "Josipović", "Tadić", "Đurić", "Ivanković",
        "Golub", "Bašić", "Prskalo", "Kralj", "Sever", "Vlašić", "Crnković",
        "Dujmović", "Zec", "Vuk", "Medved", "Lončar", "Jakšić", "Debeljak", "Božović",
        "Prpić", "Glavina", "Kozina", "Kurtović", "Budak", "Mesar", "Šupuk", "Bogdan",
        "Mrak", "Tuđman", "Vučković", "Brajković", "Mlinarić", "Krajina",
    ),
    "ar": (
        "المنصوري", "الهاشمي", "الكعبي", "الشامسي", "النعيمي", "المهيري", "الظاهري",
        "الزعابي", "العلي", "الحمادي", "البلوشي", "السويدي", "القحطاني", "العتيبي",
        "الغامدي", "الزهراني", "الشمري", "الدوسري", "المطيري", "الحربي", "العنزي",
        "السبيعي", "الشهري", "العمري", "الأحمد", "المالكي", "التميمي", "الخطيب",
        "الحسيني", "حداد", "نجار", "خوري", "صايغ", "عطية", "شاهين", "سلامة", "درويش",
        "عثمان", "يعقوب", "الفلاسي", "المري", "الكتبي", "الرميثي", "القاسمي", "النقبي",
        "الجابري", "المزروعي", "الحوسني", "الخاطري", "الكلباني", "البوسعيدي",
        "الحارثي", "الراشدي", "الجنيبي", "العامري", "الغافري", "السعدي", "البدوي",
        "الحمصي", "الحلبي", "الشامي", "المصري", "العراقي", "المغربي", "اليمني",
        "الحجازي", "الجمال", "الفارس", "الصباغ", "الخياط", "الحلاق", "الجزار", "البيطار",
        "الزين", "الشريف", "الأسمر", "الأعرج", "القرشي", "الحمارنة", "العبيد",
        "القرداحي", "الكلبي", "حرب", "مطر",
    ),
}

# How a name stands in a message: bare (a signature line), after a sign-off, in a
# greeting. A surname is written after a first name or a title.
NAME_FRAMES: dict[str, tuple[str, ...]] = {
    "en": ("{}", "Thanks,\n\n{}", "Best regards,\n{}", "Hi {},", "Dear {},", "{}\nSent from phone"),
    "id": ("{}", "Terima kasih,\n\n{}", "Salam,\n{}", "Halo {},", "Halo Pak {},", "Hai Kak {},"),
    "hr": ("{}", "Hvala,\n\n{}", "Lijep pozdrav,\n{}", "Bok {},", "Pozdrav {},", "Poštovana {},"),
    "ar": ("{}", "شكرا،\n\n{}", "مع التحية،\n{}", "مرحبا {}،", "هلا {}،", "أهلا {}،", "يا {}"),
}
SURNAME_FRAMES: dict[str, tuple[str, ...]] = {
    "en": ("{}", "Thanks,\n\nSarah {}", "Dear Mr {},", "Dear Ms {},", "Best,\nTom {}"),
    "id": ("{}", "Terima kasih,\n\nBudi {}", "Halo Pak {},", "Salam,\nDewi {}"),
    "hr": ("{}", "Hvala,\n\nIvana {}", "Poštovani gospodine {},", "Lp,\nMarko {}"),
    "ar": ("{}", "شكرا،\n\nمحمد {}", "مرحبا أستاذ خالد {}،", "مع التحية،\nفاطمة {}"),
}

# --- everyday business words --------------------------------------------------------
BUSINESS_WORDS: dict[str, tuple[str, ...]] = {
    "en": (
        "client", "clients", "customer", "customers", "invoice", "invoices", "payment",
        "payments", "meeting", "meetings", "deadline", "deadlines", "approval",
        "proposal", "project", "projects", "team", "manager", "staff", "employee",
        "contract", "budget", "quote", "estimate", "brief", "feedback", "schedule",
        "report", "accounts", "finance", "director", "office", "department",
        "supplier", "vendor", "purchase order", "receipt", "quarter", "campaign",
        "launch", "website", "logo", "draft", "revision", "review", "call", "agenda",
        "minutes", "timeline", "milestone", "deliverable", "scope", "retainer", "fee",
        "hours", "timesheet", "due date", "board", "shareholders", "CEO", "CFO",
        "Finance Director", "Financial Controller", "Accounts Payable", "Head of Finance",
        "Managing Director", "Account Manager", "Office Manager", "Founder", "Owner",
        "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
        "January", "February", "March", "April", "May", "June", "July", "August",
        "September", "October", "November", "December",
        "Group", "Holdings", "Trading", "Services", "Ltd", "Limited", "Inc", "LLC",
        "plc", "Partners", "Consulting", "Solutions", "International", "Enterprises",
        "Industries", "Ventures", "Capital", "Logistics", "Agency", "Studio", "Media",
    ),
    "id": (
        "klien", "pelanggan", "konsumen", "invoice", "faktur", "tagihan", "pembayaran",
        "rapat", "meeting", "tenggat", "deadline", "tenggat waktu", "persetujuan",
        "proposal", "penawaran", "proyek", "projek", "tim", "manajer", "staf",
        "karyawan", "pegawai", "kontrak", "anggaran", "laporan", "jadwal", "revisi",
        "desain", "kampanye", "situs web", "logo", "draf", "kuitansi", "kwitansi",
        "nota", "bukti transfer", "rekening", "keuangan", "bagian keuangan", "direktur",
        "kantor", "atasan", "bos", "Bapak", "Ibu", "Pak", "Bu", "Mas", "Mbak", "Kak",
        "Direktur Keuangan", "Manajer Keuangan", "Direktur Utama", "Staf Keuangan",
        "Bendahara", "Akuntan", "Pemilik",
        "Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu",
        "Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
        "September", "Oktober", "November", "Desember",
        "PT", "CV", "Toko", "Tbk", "UD", "Persero", "Koperasi", "Yayasan", "Grup",
        "Group", "Holding", "Trading", "Jasa", "Perusahaan", "Sejahtera", "Makmur",
        "Jaya", "Abadi", "Sentosa", "Mandiri", "Maju", "Sumber Rejeki", "Berkah",
        "Karya", "Indah", "Utama", "Nusantara", "Sukses Makmur",
    ),
    "hr": (
        "klijent", "klijentica", "klijenti", "kupac", "kupci", "stranka", "račun",
        "računi", "faktura", "plaćanje", "uplata", "sastanak", "rok", "rokovi",
        "odobrenje", "prijedlog", "ponuda", "projekt", "tim", "menadžer", "voditelj",
        "voditeljica", "direktor", "direktorica", "osoblje", "zaposlenici", "djelatnici",
        "ugovor", "proračun", "budžet", "izvještaj", "izvješće", "raspored",
        "kampanja", "web stranica", "logo", "nacrt", "revizija", "računovodstvo",
        "knjigovodstvo", "uprava", "odjel", "ured", "tvrtka", "poduzeće", "gospodin",
        "gospođa", "poštovani", "poštovana", "kolega", "kolegica", "šef", "šefica",
        "financijski direktor", "financijska direktorica", "voditeljica računovodstva",
        "računovođa", "vlasnik", "vlasnica",
        "ponedjeljak", "utorak", "srijeda", "četvrtak", "petak", "subota", "nedjelja",
        "siječanj", "veljača", "ožujak", "travanj", "svibanj", "lipanj", "srpanj",
        "kolovoz", "rujan", "listopad", "studeni", "prosinac",
        "siječnja", "veljače", "ožujka", "travnja", "svibnja", "lipnja", "srpnja",
        "kolovoza", "rujna", "listopada", "studenoga", "prosinca",
        "januar", "februar", "mart", "april", "maj", "jun", "jul", "avgust",
        "septembar", "oktobar", "novembar", "decembar",
        "d.o.o.", "j.d.o.o.", "d.d.", "obrt", "Grupa", "Holding", "Trgovina", "Usluge",
        "Servis", "Commerce", "Trade", "Inženjering", "Konzalting", "Agencija",
        "Studio", "Mediji",
    ),
    "ar": (
        "عميل", "العميل", "عملاء", "العملاء", "عميلنا", "عملائنا", "زبون", "زبائن",
        "فاتورة", "الفاتورة", "فواتير", "دفع", "الدفع", "دفعة", "سداد", "اجتماع",
        "الاجتماع", "موعد نهائي", "الموعد النهائي", "موافقة", "الموافقة", "موافقتكم",
        "اعتماد", "عرض", "عرض سعر", "مقترح", "مشروع", "المشروع", "فريق", "الفريق",
        "مدير", "المدير", "موظفين", "الموظفين", "طاقم", "عقد", "ميزانية", "تقرير",
        "جدول", "حملة", "موقع", "شعار", "مسودة", "تعديل", "مراجعة", "حسابات",
        "المالية", "قسم", "مكتب", "الإدارة", "المدير التنفيذي", "الأستاذ", "الأستاذة",
        "السيد", "السيدة", "أخي", "المهندس", "المدير المالي", "المدير العام",
        "مدير الحسابات", "المحاسب", "قسم الحسابات", "مدير المشتريات", "الرئيس التنفيذي",
        "الأحد", "الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت",
        "يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس",
        "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر",
        "كانون الثاني", "شباط", "آذار", "نيسان", "أيار", "حزيران", "تموز", "آب",
        "أيلول", "تشرين الأول", "تشرين الثاني", "كانون الأول",
        "شركة", "مؤسسة", "مجموعة", "للتجارة", "القابضة", "للخدمات", "ذ.م.م",
        "المحدودة", "للمقاولات", "التجارية", "العالمية", "المتحدة", "الوطنية",
        "وشركاه", "وأولاده", "للاستثمار", "للتسويق", "للتطوير العقاري",
    ),
}

# Where clients are: cities, and places that offices and meetings are in.
PLACES: dict[str, tuple[str, ...]] = {
    "en": (
        "London", "Manchester", "Leeds", "Birmingham", "Glasgow", "Edinburgh", "Dublin",
        "Cork", "Belfast", "Bristol", "Sheffield", "Liverpool", "Hull", "Reading", "Bath",
        "Slough", "Sydney", "Melbourne", "New York", "Dubai", "Singapore", "Toronto",
        "Cape Town", "Lagos", "Mumbai", "Karachi",
    ),
    "id": (
        "Jakarta", "Surabaya", "Bandung", "Medan", "Semarang", "Makassar", "Denpasar",
        "Yogyakarta", "Jogja", "Batam", "Bekasi", "Tangerang", "Depok", "Bogor", "Solo",
        "Malang", "Palembang", "Pekanbaru", "Balikpapan", "Manado", "Padang", "Cirebon",
        "Kudus", "Sleman", "Kediri", "Jember",
    ),
    "hr": (
        "Zagreb", "Split", "Rijeka", "Osijek", "Zadar", "Pula", "Šibenik", "Dubrovnik",
        "Varaždin", "Karlovac", "Slavonski Brod", "Sisak", "Vukovar", "Čakovec",
        "Koprivnica", "Sarajevo", "Mostar", "Tuzla", "Beograd", "Novi Sad", "Ljubljana",
        "Samobor", "Velika Gorica", "Makarska", "Trogir", "Sinj",
    ),
    "ar": (
        "دبي", "أبوظبي", "أبو ظبي", "الشارقة", "عجمان", "رأس الخيمة", "الفجيرة", "العين",
        "الرياض", "جدة", "الدمام", "الخبر", "مكة", "الدوحة", "المنامة", "مسقط", "الكويت",
        "عمان", "بيروت", "القاهرة", "الإسكندرية", "دمشق", "بغداد", "جزيرة ياس", "ياس مول",
        "دبي مول", "مول الإمارات", "مدينة دبي للإعلام", "الخليج التجاري", "جبل علي",
        "المنطقة الحرة", "الإمارات", "السعودية", "قطر", "البحرين", "الأردن", "لبنان", "مصر",
    ),
}

# Greetings, courtesies and sign-offs, written on their own line.
COURTESIES: dict[str, tuple[str, ...]] = {
    "en": (
        "Hi there", "Hello", "Good morning", "Hope you're well", "Hope this finds you well",
        "Thanks", "Many thanks", "Cheers", "Best regards", "Kind regards", "Warm regards",
        "Yours sincerely", "Yours faithfully", "Speak soon", "Have a great weekend",
        "Sent from my iPhone", "Please find attached", "Looking forward to hearing from you",
        "No worries", "Happy Friday", "Merry Christmas", "Happy New Year",
        "Dear Sir or Madam", "To whom it may concern", "Out of office",
    ),
    "id": (
        "Halo", "Selamat pagi", "Selamat siang", "Selamat sore", "Assalamualaikum",
        "Terima kasih", "Makasih", "Hormat kami", "Salam hangat", "Dengan hormat",
        "Semoga sehat selalu", "Semangat", "Terlampir", "Berikut kami lampirkan",
        "Selamat Idul Fitri", "Mohon maaf lahir dan batin", "Selamat Natal", "Wassalam",
        "Salam sukses", "Sukses selalu", "Kepada Yth.",
    ),
    "hr": (
        "Bok", "Pozdrav", "Dobar dan", "Dobro jutro", "Lijep pozdrav", "Srdačan pozdrav",
        "Lp", "S poštovanjem", "Hvala lijepa", "Unaprijed hvala", "U privitku",
        "U prilogu", "Sretan Božić", "Sretna Nova godina", "Ugodan vikend", "Čujemo se",
        "Sretno", "Puno pozdrava",
    ),
    "ar": (
        "يا هلا", "هلا والله", "هلا وغلا", "هلا بالغالي", "هلا فيك", "يا غالي", "اهلين",
        "أهلا وسهلا", "مرحبتين", "صباح الخير", "مساء الخير", "السلام عليكم",
        "حياك الله", "يعطيك العافية", "تحياتي", "مع خالص الشكر", "جزاك الله خير",
        "تسلم إيدك", "شلونك", "إن شاء الله", "الحمد لله", "تحية طيبة وبعد", "مرفق لكم",
        "رمضان كريم", "عيد مبارك", "كل عام وأنتم بخير", "جمعة مباركة",
        "مع الشكر والتقدير", "وتفضلوا بقبول فائق الاحترام", "أبشر", "طال عمرك",
        "عساكم بخير",
    ),
}

# fmt: on


def _word_frames(word: str) -> tuple[str, ...]:
    """A word as written in a subject line or a heading: as is, capitalised, in capitals."""
    if not word.isascii():
        return (word,)
    return tuple(dict.fromkeys((word, word.capitalize(), word.upper())))


# A name stands in every message its writer sends, so even a weak hint from it (an
# entry at @0.2, which needs a second hint to count) would tip ordinary messages over:
# these readers report a label from the first hint on.
ANY_HINT = 0.01


@cache
def _identified() -> LexiconAnalyzer:
    """Every lexicon, the language identified per message, as the product reads mail."""
    return LexiconAnalyzer(threshold=ANY_HINT)


@cache
def _own_lexicon(language: str) -> LexiconAnalyzer:
    """The language's own lexicon whatever lingua says of a short text, with English
    beside a Latin-script one, as the analyzer reads a message identified as it."""
    lexicons = [builtin_lexicon(language)]
    if language not in ("en", "ar"):
        lexicons.append(builtin_lexicon("en"))
    return LexiconAnalyzer(languages=(language,), lexicons=lexicons, threshold=ANY_HINT)


def _found(language: str, texts: tuple[str, ...]) -> list[str]:
    """Each forbidden label hinted at in one of ``texts``, with what it was found in."""
    out = []
    readers = (("as identified", _identified()), (f"as {language}", _own_lexicon(language)))
    for text in texts:
        for how, analyzer in readers:
            analysis = analyzer.analyze_one(text)
            for label in FORBIDDEN:
                if label in analysis.labels:
                    pieces = [text[s:e] for s, e in analysis.spans_of(label)]
                    out.append(f"{label} in {text!r} ({how}): {pieces}")
    return out


def _cases(words: dict[str, tuple[str, ...]]) -> list[object]:
    return [
        pytest.param(language, word, id=f"{language}-{word}")
        for language, listed in words.items()
        for word in listed
    ]


@pytest.mark.parametrize(("language", "name"), _cases(FIRST_NAMES))
def test_a_first_name_is_no_warning_sign_000_3_000_6_000_8_002_3_002_4_003_3(language, name):
    texts = tuple(frame.format(name) for frame in NAME_FRAMES[language])
    assert _found(language, texts) == [], name


@pytest.mark.parametrize(("language", "name"), _cases(SURNAMES))
def test_a_surname_is_no_warning_sign_000_3_000_6_000_8_002_3_002_4_003_3(language, name):
    texts = tuple(frame.format(name) for frame in SURNAME_FRAMES[language])
    assert _found(language, texts) == [], name


@pytest.mark.parametrize(("language", "word"), _cases(BUSINESS_WORDS))
def test_an_everyday_business_word_is_no_warning_sign_000_3_000_6_000_8_002_3_002_4_003_3(
    language, word
):
    assert _found(language, _word_frames(word)) == [], word


@pytest.mark.parametrize(("language", "place"), _cases(PLACES))
def test_a_place_is_no_warning_sign_000_3_000_6_000_8_002_3_002_4_003_3(language, place):
    assert _found(language, _word_frames(place)) == [], place


@pytest.mark.parametrize(("language", "phrase"), _cases(COURTESIES))
def test_a_greeting_or_sign_off_is_no_warning_sign_000_3_000_6_000_8_002_3_002_4_003_3(
    language, phrase
):
    assert _found(language, _word_frames(phrase)) == [], phrase


# --- the false positives found in generated agencies, and what is still found ---------


@pytest.fixture(scope="module")
def hr():
    return LexiconAnalyzer(languages=("hr",))


@pytest.fixture(scope="module")
def ar():
    return LexiconAnalyzer(languages=("ar",))


@pytest.mark.parametrize(
    "text",
    [
        "Barbara",
        "Hvala,\n\nBarbara",
        "Bok Barbara, šaljem ponudu.",
        "Javit će vam se kolegica od Barbare.",
        "Proslijedila sam Barbari.",
        "Pitajte Barbaru za račun.",
        "Razgovarala sam s Barbarom.",
        "Lp, Ivan Barbarić",
    ],
)
def test_barbara_in_every_case_is_no_insult_000_8(hr, text):
    assert "abuse" not in hr.analyze_one(text).labels, text


@pytest.mark.parametrize(
    "text",
    [
        "Ti si barbar!",
        "Barbari jedni, sve ste uništili.",
        "Vi ste obični barbari.",
        "Ovo je barbarsko ponašanje.",
        "Kakvo barbarstvo od vas.",
        "S takvim barbarima ne radim.",
    ],
)
def test_barbarian_is_still_an_insult_000_8(hr, text):
    assert "abuse" in hr.analyze_one(text).labels, text


@pytest.mark.parametrize(
    "text",
    [
        "خسرنا أكبر عميل عندنا.",
        "عندنا عميل جديد في دبي.",
        "العميل طلب تعديل الشعار.",
        "عملاؤنا راضون عن الخدمة.",
        "نخدم أكثر من مئة عميل.",
    ],
)
def test_a_client_is_no_traitor_000_8(ar, text):
    assert "abuse" not in ar.analyze_one(text).labels, text


@pytest.mark.parametrize("text", ["يا عميل يا خاين", "انت عميل وخاين", "عملاء وخونه"])
def test_an_agent_of_the_enemy_is_still_an_insult_000_8(ar, text):
    assert "abuse" in ar.analyze_one(text).labels, text


@pytest.mark.parametrize(
    "text",
    [
        "هلا والله أحمد، كيف الحال؟",
        "هلا، ممكن ترسل الملف؟",
        "هلا وغلا، وصلنا التصميم.",
        "هلا بالغالي، الشغل تمام.",
    ],
)
def test_a_gulf_greeting_demands_nothing_000_8(ar, text):
    assert "demand" not in ar.analyze_one(text).labels, text


@pytest.mark.parametrize(
    "text",
    [
        "ننتظر موافقتكم على التصميم عشان نثبت موعد النشر.",
        "بانتظار موافقتكم على العرض.",
        "في انتظار موافقتكم، وشكرا.",
        "ننتظر موافقة حضرتك على المسودة.",
    ],
)
def test_our_request_for_approval_is_no_payment_excuse_002_4(ar, text):
    assert "payment_excuse" not in ar.analyze_one(text).labels, text


@pytest.mark.parametrize(
    "text",
    [
        "ننتظر موافقة الإدارة على الدفع.",
        "الفاتورة بانتظار موافقة المدير المالي.",
        "ما زلنا في انتظار موافقة المالية.",
        "بانتظار الموافقة من الحسابات.",
        "ننتظر موافقتهم وبعدها نحول المبلغ.",
    ],
)
def test_waiting_for_the_clients_own_approvers_is_still_a_payment_excuse_002_4(ar, text):
    assert "payment_excuse" in ar.analyze_one(text).labels, text


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "Kiss my butt."),
        ("en", "Get your butt over here, you butthead."),
        ("en", "You bozo, it is broken again."),
        ("en", "Bunch of bozos."),
        ("en", "You savage."),
        ("en", "Shut up, you bich."),
        ("hr", "Vi ste pederi."),
        ("hr", "Pederčina jedna."),
        ("hr", "Ovo je pedersko."),
        ("ar", "يا حمار"),
        ("ar", "انت حمار وغبي"),
        ("ar", "يا حمارة"),
        ("ar", "انتم عبيد"),
        ("ar", "يا عبيد ايران"),
    ],
)
def test_a_narrowed_insult_is_still_found_000_8(language, text):
    # Found at least as the hint it was before: a weak word still needs a second one.
    assert "abuse" in _own_lexicon(language).analyze_one(text).labels, text


@pytest.mark.parametrize(
    ("language", "text", "label"),
    [
        ("en", "The homepage looks bland.", "negative"),
        ("en", "Honestly it is too bland.", "negative"),
        ("en", "Dang it, the site is down again.", "negative"),
        ("en", "The deadline is today, send it now.", "demand"),
        ("en", "Our CFO has to sign off on it and he's away until the 15th.", "payment_excuse"),
        ("id", "Deadline hari ini, tolong segera.", "demand"),
        ("id", "Istri saya lahiran minggu lalu, saya cuti dulu.", "hardship"),
        ("hr", "Financijski direktor mora to potpisati, a odsutan je do 15.", "payment_excuse"),
        ("ar", "السعر غالي جدا", "negative"),
        ("ar", "وصلنا لليأس من كثرة التعديلات", "negative"),
        ("ar", "عندنا شعور باليأس من الشغل", "negative"),
        ("ar", "المدير المالي مسافر ولسه ما وقع", "payment_excuse"),
    ],
)
def test_a_narrowed_entry_still_finds_its_sign_000_6_000_8_002_4_003_3(language, text, label):
    assert label in _own_lexicon(language).analyze_one(text).labels, text
