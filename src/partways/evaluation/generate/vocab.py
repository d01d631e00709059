"""Words the generator fills into records and phrases, per language (en, id, hr, ar).

Lists that are parallel across languages (``ITEMS``, ``IDEAS``) hold the same thing at
the same index, so a deliverable titled in the owner's language and the client's
message about it (in the client's language) speak of one piece of work.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

# --- people ----------------------------------------------------------------------
FIRST_NAMES: dict[str, tuple[str, ...]] = {
    "en": (
        "Alice",
        "Ben",
        "Chloe",
        "Daniel",
        "Emma",
        "Frank",
        "Grace",
        "Hugo",
        "Isla",
        "Jack",
        "Kate",
        "Liam",
        "Megan",
        "Nathan",
        "Olivia",
        "Paul",
        "Rachel",
        "Sam",
        "Tessa",
        "Victor",
        "Wendy",
        "Zoe",
        "Rory",
        "Fiona",
        "Gareth",
        "Nina",
        "Maeve",
        "Callum",
    ),
    "id": (
        "Andi",
        "Budi",
        "Citra",
        "Dimas",
        "Eka",
        "Fitri",
        "Gilang",
        "Hendra",
        "Indah",
        "Joko",
        "Kartika",
        "Lukman",
        "Maya",
        "Novi",
        "Oki",
        "Putri",
        "Rina",
        "Sari",
        "Teguh",
        "Wulan",
        "Yoga",
        "Ayu",
        "Bayu",
        "Dian",
        "Reza",
        "Siska",
    ),
    "hr": (
        "Ana",
        "Ante",
        "Barbara",
        "Davor",
        "Ema",
        "Filip",
        "Goran",
        "Helena",
        "Igor",
        "Jelena",
        "Kristina",
        "Lovro",
        "Maja",
        "Nikola",
        "Lucija",
        "Stjepan",
        "Tena",
        "Vedran",
        "Zrinka",
        "Karlo",
        "Dora",
        "Josip",
        "Marina",
        "Tomislav",
        "Sanja",
    ),
    "ar": (
        "أحمد",
        "فاطمة",
        "محمد",
        "مريم",
        "عبدالله",
        "نورة",
        "سعيد",
        "هند",
        "يوسف",
        "ريم",
        "خالد",
        "سارة",
        "عمر",
        "لطيفة",
        "راشد",
        "شيخة",
        "سلطان",
        "عائشة",
        "حمد",
        "منى",
    ),
}

LAST_NAMES: dict[str, tuple[str, ...]] = {
    "en": (
        "Baker",
        "Clarke",
        "Davies",
        "Evans",
        "Fletcher",
        "Green",
        "Hughes",
        "Irving",
        "Jones",
        "Kerr",
        "Lloyd",
        "Morgan",
        "Norris",
        "Owens",
        "Parker",
        "Reid",
        "Shaw",
        "Turner",
        "Walsh",
        "Young",
        "Doyle",
        "Murphy",
        "Bennett",
        "Foster",
    ),
    "id": (
        "Saputra",
        "Wijaya",
        "Hidayat",
        "Kusuma",
        "Setiawan",
        "Nugroho",
        "Halim",
        "Siregar",
        "Nasution",
        "Lestari",
        "Pratama",
        "Wibowo",
        "Gunawan",
        "Sitompul",
        "Rahmawati",
        "Susanto",
        "Hakim",
        "Permana",
    ),
    "hr": (
        "Horvat",
        "Kovačević",
        "Babić",
        "Marić",
        "Jurić",
        "Novak",
        "Knežević",
        "Vuković",
        "Pavlović",
        "Božić",
        "Grgić",
        "Perić",
        "Radić",
        "Šimić",
        "Matić",
        "Lovrić",
        "Barišić",
        "Tomić",
    ),
    "ar": (
        "المنصوري",
        "الهاشمي",
        "الكعبي",
        "الشامسي",
        "النعيمي",
        "المهيري",
        "الظاهري",
        "الزعابي",
        "العلي",
        "الحمادي",
        "البلوشي",
        "السويدي",
    ),
}

# Arabic names spelled in Latin letters, for e-mail addresses.
AR_LATIN: dict[str, str] = {
    "أحمد": "ahmed",
    "فاطمة": "fatima",
    "محمد": "mohammed",
    "مريم": "maryam",
    "عبدالله": "abdullah",
    "نورة": "noura",
    "سعيد": "saeed",
    "هند": "hind",
    "يوسف": "yousef",
    "ريم": "reem",
    "خالد": "khalid",
    "سارة": "sara",
    "عمر": "omar",
    "لطيفة": "latifa",
    "راشد": "rashid",
    "شيخة": "shaikha",
    "سلطان": "sultan",
    "عائشة": "aisha",
    "حمد": "hamad",
    "منى": "mona",
    "المنصوري": "almansoori",
    "الهاشمي": "alhashmi",
    "الكعبي": "alkaabi",
    "الشامسي": "alshamsi",
    "النعيمي": "alnuaimi",
    "المهيري": "almheiri",
    "الظاهري": "aldhaheri",
    "الزعابي": "alzaabi",
    "العلي": "alali",
    "الحمادي": "alhammadi",
    "البلوشي": "albalushi",
    "السويدي": "alsuwaidi",
}

_ASCII = str.maketrans("čćđšžČĆĐŠŽ", "ccdszCCDSZ")


def ascii_name(word: str) -> str:
    """A name as it appears in an e-mail address: lower-case ASCII."""
    if word in AR_LATIN:
        return AR_LATIN[word]
    return word.translate(_ASCII).lower().replace("'", "").replace(" ", "")


# --- companies: (name, mail domain stem) --------------------------------------------
COMPANIES: dict[str, tuple[str, ...]] = {
    "en": (
        "Marlow & Finch",
        "Northgate Dental",
        "Bluebell Bakery",
        "Hartley Legal",
        "Fernwood Gardens",
        "Copperline Cycles",
        "Saltmarsh Brewing",
        "Kestrel Lettings",
        "Oakridge Physio",
        "Brightwater Yoga",
        "Larchmont Books",
        "Quayside Optics",
        "Thistle & Rye",
        "Harbourlight Films",
        "Pennine Outdoor",
        "Redbrick Architects",
        "Wildflower Skincare",
        "Ashby Accountants",
        "Greystone Gallery",
        "Tidewell Travel",
        "Pebble Coffee",
        "Silverbirch Homes",
        "Moorland Tea",
        "Bramble Pet Care",
    ),
    "id": (
        "Kopi Senja",
        "Batik Sekar",
        "Klinik Rumah Sehat",
        "Toko Bangunan Jaya",
        "Warung Nusantara",
        "Sinar Travel",
        "Griya Properti",
        "Dapur Mama Ani",
        "Sekolah Cendekia",
        "Kain Tenun Lestari",
        "Rasa Bali Catering",
        "Ayo Fit Gym",
        "Bengkel Mandiri",
        "Teh Pucuk Desa",
        "Pustaka Kita",
        "Sehat Herbal",
        "Laundry Bersih Kilat",
        "Kedai Sambal Ijo",
        "Wisata Danau Biru",
    ),
    "hr": (
        "Jadran Nautika",
        "Pekara Mlinar",
        "Zelena Tržnica",
        "Vinarija Dingač",
        "Apartmani Lavanda",
        "Stolarija Hrast",
        "Ljekarna Kamilica",
        "Auto Centar Sava",
        "Maslinovo Ulje Brač",
        "Knjižara Pero",
        "Optika Bistri Pogled",
        "Kozmetika Smilje",
        "Turistička Agencija Galeb",
        "Gradnja Kamen",
        "Cvjećarnica Ruža",
        "Čokolaterija Kraš",
        "Frizerski Salon Val",
    ),
    "ar": (
        "Al Waha Perfumes",
        "Oasis Properties",
        "Dar Al Qahwa",
        "Zayed Motors",
        "Noor Dental Clinic",
        "Sahara Events",
        "Al Reem Abayas",
        "Falcon Logistics",
        "Bait Al Mandi",
        "Lulu Oud",
        "Marina Yachts",
        "Al Jazira Tutors",
        "Golden Dates Co",
        "Nakheel Interiors",
        "Sahm Fitness",
    ),
}

TLD: dict[str, str] = {
    "GB": "co.uk",
    "IE": "ie",
    "DE": "de",
    "NL": "nl",
    "US": "com",
    "ID": "co.id",
    "SG": "com.sg",
    "HR": "hr",
    "SI": "si",
    "AT": "at",
    "AE": "ae",
    "SA": "com.sa",
    "QA": "qa",
    "AU": "com.au",
    "NZ": "co.nz",
}

# --- work: the same piece of work at the same index ------------------------------------
ITEMS: dict[str, tuple[str, ...]] = {
    "en": (
        "homepage banner",
        "new logo",
        "newsletter template",
        "product page",
        "contact form",
        "social media calendar",
        "checkout page",
        "monthly SEO report",
        "mobile menu",
        "catalogue layout",
        "booking widget",
        "brand guidelines",
        "blog article",
        "landing page for the sale",
        "photo retouching",
    ),
    "id": (
        "banner halaman depan",
        "logo baru",
        "template newsletter",
        "halaman produk",
        "form kontak",
        "kalender konten Instagram",
        "halaman checkout",
        "laporan SEO bulanan",
        "menu versi mobile",
        "desain katalog",
        "widget booking",
        "panduan brand",
        "artikel blog",
        "landing page promo",
        "retouch foto produk",
    ),
    "hr": (
        "baner za naslovnicu",
        "novi logo",
        "predložak newslettera",
        "opis proizvoda",
        "obrazac za kontakt",
        "plan objava za društvene mreže",
        "dizajn košarice",
        "mjesečni SEO izvještaj",
        "mobilni izbornik",
        "izgled kataloga",
        "sustav za rezervacije",
        "priručnik za vizualni identitet",
        "članak za blog",
        "landing za akciju",
        "retuš fotografija",
    ),
    "ar": (
        "بانر الصفحة الرئيسية",
        "الشعار الجديد",
        "قالب النشرة البريدية",
        "صفحة المنتج",
        "نموذج التواصل",
        "خطة منشورات السوشال ميديا",
        "صفحة الدفع",
        "تقرير السيو الشهري",
        "قائمة الجوال",
        "تصميم الكتالوج",
        "نظام الحجز",
        "دليل الهوية البصرية",
        "مقال المدونة",
        "صفحة العروض",
        "تعديل صور المنتجات",
    ),
}

IDEAS: dict[str, tuple[str, ...]] = {
    "en": (
        "sending the newsletter every fortnight instead of weekly",
        "adding customer reviews to the product pages",
        "a small paid search test for the spring range",
        "moving the blog onto the main site",
        "a shorter checkout with guest ordering",
        "refreshing the photos on the homepage",
        "a loyalty discount for returning customers",
        "switching the booking emails to plain text",
    ),
    "id": (
        "kirim newsletter dua minggu sekali, bukan tiap minggu",
        "menambahkan ulasan pelanggan di halaman produk",
        "uji coba iklan Google kecil-kecilan untuk koleksi baru",
        "memindahkan blog ke website utama",
        "checkout yang lebih singkat tanpa harus daftar akun",
        "mengganti foto-foto di halaman depan",
        "diskon khusus untuk pelanggan lama",
        "email booking dalam format teks biasa",
    ),
    "hr": (
        "slanje newslettera svaka dva tjedna umjesto tjedno",
        "dodavanje recenzija kupaca na stranice proizvoda",
        "manji test Google oglasa za proljetnu kolekciju",
        "premještanje bloga na glavnu stranicu",
        "kraću kupnju bez obvezne registracije",
        "nove fotografije na naslovnici",
        "popust za vjerne kupce",
        "jednostavnije e-mailove za potvrdu rezervacije",
    ),
    "ar": (
        "إرسال النشرة كل أسبوعين بدل كل أسبوع",
        "إضافة تقييمات العملاء في صفحات المنتجات",
        "تجربة إعلانات جوجل بميزانية صغيرة للتشكيلة الجديدة",
        "نقل المدونة إلى الموقع الرئيسي",
        "تسهيل الدفع بدون تسجيل حساب",
        "تغيير صور الصفحة الرئيسية",
        "خصم خاص للعملاء الدائمين",
        "تبسيط رسائل تأكيد الحجز",
    ),
}

PROJECT_WORDS: dict[str, tuple[str, ...]] = {
    "en": ("Website", "Brand refresh", "Retainer", "Online shop", "Social media", "Newsletter"),
    "id": (
        "Website",
        "Rebranding",
        "Retainer bulanan",
        "Toko online",
        "Media sosial",
        "Newsletter",
    ),
    "hr": (
        "Web stranica",
        "Novi vizualni identitet",
        "Mjesečno održavanje",
        "Web trgovina",
        "Društvene mreže",
        "Newsletter",
    ),
    "ar": (
        "الموقع الإلكتروني",
        "تجديد الهوية",
        "الدعم الشهري",
        "المتجر الإلكتروني",
        "السوشال ميديا",
        "النشرة البريدية",
    ),
}

# Tasks in the time tracker: (billable work, then non-billable).
TASKS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "en": (
        ("Design", "Development", "Copywriting", "Project management", "Client meeting"),
        ("Internal review", "Admin", "Estimate"),
    ),
    "id": (
        ("Desain", "Development", "Copywriting", "Manajemen proyek", "Meeting klien"),
        ("Review internal", "Administrasi", "Penawaran"),
    ),
    "hr": (
        ("Dizajn", "Razvoj", "Pisanje tekstova", "Vođenje projekta", "Sastanak s klijentom"),
        ("Interni pregled", "Administracija", "Ponuda"),
    ),
    "ar": (
        ("تصميم", "برمجة", "كتابة محتوى", "إدارة المشروع", "اجتماع مع العميل"),
        ("مراجعة داخلية", "أعمال إدارية", "عرض سعر"),
    ),
}

MEETING_TITLES: dict[str, tuple[str, str, str]] = {
    # (regular check-in, workshop on {item}, review of {item})
    "en": ("{client} check-in", "Workshop: {item}", "Review: {item}"),
    "id": ("Check-in rutin {client}", "Workshop {item}", "Review {item}"),
    "hr": ("{client} – redoviti sastanak", "Radionica: {item}", "Pregled: {item}"),
    "ar": ("اجتماع المتابعة مع {client}", "ورشة عمل: {item}", "مراجعة: {item}"),
}

SCOPES: dict[str, tuple[str, ...]] = {
    "en": (
        "Website upkeep and design support, up to {hours} hours a month.",
        "Monthly retainer: design, copy and small development tasks ({hours} h).",
        "Ongoing marketing support as agreed in the statement of work, about {hours} h a month.",
    ),
    "id": (
        "Maintenance website dan dukungan desain, maksimal {hours} jam per bulan.",
        "Retainer bulanan: desain, konten, dan pengembangan kecil ({hours} jam).",
    ),
    "hr": (
        "Održavanje web stranice i dizajnerska podrška, do {hours} sati mjesečno.",
        "Mjesečni paušal: dizajn, tekstovi i manje izmjene ({hours} h).",
    ),
    "ar": (
        "صيانة الموقع ودعم التصميم بحد أقصى {hours} ساعة شهرياً.",
        "باقة شهرية تشمل التصميم والمحتوى والتعديلات البسيطة ({hours} ساعة).",
    ),
}

# --- dates and money in text ----------------------------------------------------------
MONTHS: dict[str, tuple[str, ...]] = {
    "en": (
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ),
    "id": (
        "Januari",
        "Februari",
        "Maret",
        "April",
        "Mei",
        "Juni",
        "Juli",
        "Agustus",
        "September",
        "Oktober",
        "November",
        "Desember",
    ),
    # Accusative: the phrases say "za {month}".
    "hr": (
        "siječanj",
        "veljaču",
        "ožujak",
        "travanj",
        "svibanj",
        "lipanj",
        "srpanj",
        "kolovoz",
        "rujan",
        "listopad",
        "studeni",
        "prosinac",
    ),
    "ar": (
        "يناير",
        "فبراير",
        "مارس",
        "أبريل",
        "مايو",
        "يونيو",
        "يوليو",
        "أغسطس",
        "سبتمبر",
        "أكتوبر",
        "نوفمبر",
        "ديسمبر",
    ),
}

# Genitive, as in "15. ožujka".
_HR_GENITIVE = (
    "siječnja",
    "veljače",
    "ožujka",
    "travnja",
    "svibnja",
    "lipnja",
    "srpnja",
    "kolovoza",
    "rujna",
    "listopada",
    "studenoga",
    "prosinca",
)


def date_text(day: dt.date, language: str) -> str:
    """A day as a person writes it in a message."""
    if language == "hr":
        return f"{day.day}. {_HR_GENITIVE[day.month - 1]}"
    return f"{day.day} {MONTHS[language][day.month - 1]}"


def month_text(day: dt.date, language: str) -> str:
    return MONTHS[language][day.month - 1]


_SYMBOL = {"GBP": "£", "EUR": "€", "USD": "$"}


# Currencies an Arabic invoice mail names in words (others keep their code).
_ARABIC_CURRENCY = {"AED": "درهم", "SAR": "ريال"}


def amount_text(amount: Decimal, currency: str, language: str) -> str:
    """An amount as an invoice e-mail in that language shows it."""
    whole = currency in ("IDR",)
    q = amount.quantize(Decimal(1) if whole else Decimal("0.01"), rounding=ROUND_HALF_UP)
    plain = f"{q:,}"
    if language in ("id", "hr"):
        # 1.234,50 — dots for thousands, a comma for the decimals.
        plain = plain.replace(",", "_").replace(".", ",").replace("_", ".")
    if currency == "IDR":
        return f"Rp {plain}"
    if language == "hr":
        return f"{plain} {_SYMBOL.get(currency, currency)}"
    if language == "ar":
        return f"{plain} {_ARABIC_CURRENCY.get(currency, currency)}"
    if currency in _SYMBOL:
        return f"{_SYMBOL[currency]}{plain}"
    return f"{currency} {plain}"
