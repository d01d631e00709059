"""Kimai's timesheet export headers in the languages partways reads.

Kimai translates its column headers into the exporting user's language. The labels
below are Kimai's own translations (``translations/messages.{en,hr,id,ar}.xlf``)
of the columns of its default export template.
"""

from __future__ import annotations

LANGUAGES = ("en", "hr", "id", "ar")

# Field → its header in English, Croatian, Indonesian and Arabic (that order).
LABELS: dict[str, tuple[str, str, str, str]] = {
    "day": ("Date", "Datum", "Tanggal", "التاريخ"),
    "begin": ("From", "Od", "Dari", "من"),
    "end": ("To", "Do", "Kepada", "إلى"),
    "duration": ("Duration", "Trajanje", "Durasi", "المدة الزمنية"),
    "currency": ("Currency", "Valuta", "Mata uang", "العملة"),
    "price": ("Price", "Cijena", "Harga", "المعدل"),
    "internal_price": ("Internal price", "Interna cijena", "Harga internal", "المعدل الداخلي"),
    "hourly_price": ("Hourly price", "Satnica", "Harga per jam", "بالساعة"),
    "fixed_price": ("Fixed price", "Fiksna cijena", "Harga tetap", "معدل ثابت"),
    "alias": ("Name", "Ime", "Nama", "الإسم"),
    "username": ("User", "Korisnik", "Pengguna", "اسم المستخدم"),
    "customer": ("Customer", "Kupac", "Pelanggan", "الزبون"),
    "project": ("Project", "Projekt", "Proyek", "المشروع"),
    "activity": ("Activity", "Aktivnost", "Aktivitas", "النشاط"),
    "description": ("Description", "Opis", "Deskripsi", "وصف"),
    "billable": ("Billable", "Naplativo", "Dapat ditagih", "قابل للفوترة"),
}

# Dates as each language writes them, most likely first. The column's own values
# decide in the end; this order only settles columns where every day is 12 or less.
DATE_ORDERS: dict[str, tuple[str, ...]] = {
    "en": ("%m/%d/%Y", "%m/%d/%y", "%Y-%m-%d", "%d/%m/%Y", "%d/%m/%y", "%d.%m.%Y"),
    "hr": ("%d.%m.%Y.", "%d.%m.%Y", "%d.%m.%y.", "%d.%m.%y", "%Y-%m-%d", "%d/%m/%Y"),
    "id": ("%d/%m/%Y", "%d/%m/%y", "%d-%m-%Y", "%Y-%m-%d", "%d.%m.%Y", "%m/%d/%Y"),
    "ar": ("%d/%m/%Y", "%d/%m/%y", "%d-%m-%Y", "%Y-%m-%d", "%d.%m.%Y", "%m/%d/%Y"),
}
