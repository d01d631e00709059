"""The Croatian lexicon (also read for Bosnian and Serbian) finds what clients mean."""

import pytest

from partways.core.text.lexicon_analyzer import LexiconAnalyzer
from tests.core.lexicon_cases import SIGNS, evidence, shows


@pytest.fixture(scope="module")
def hr():
    # Croatian alone: every message is read with hr.yaml only, whatever lingua thinks.
    return LexiconAnalyzer(languages=("hr",))


def test_croatian_insult_is_found_with_its_evidence(hr):
    text = "Kreten jedan, opet si sve zabrljao!"
    assert "abuse" in hr.analyze_one(text).labels
    assert evidence(hr, text, "abuse") == ["Kreten"]


def test_croatian_insult_is_found_without_diacritics(hr):
    for text, word in (("Ti si obična glupača.", "glupača"), ("Ti si obicna glupaca.", "glupaca")):
        assert evidence(hr, text, "abuse") == [word]


def test_croatian_swearing_is_found_in_its_forms_and_abbreviations(hr):
    for text in ("Jebem ti sve!", "Jebote, opet?", "jbt, pa to ne radi", "Idi u pičku materinu"):
        assert "abuse" in hr.analyze_one(text).labels, text
    text = "Koji kurac radite?"
    assert evidence(hr, text, "abuse") == ["kurac"]


def test_serbian_and_bosnian_forms_are_read_too(hr):
    assert "abuse" in hr.analyze_one("Ti si debil, bre.").labels
    assert "abuse" in hr.analyze_one("Đubre jedno lopovsko.").labels
    # ekavian "lepo" is read as "lijepo", a positive word, so "nije lepo" is negative
    text = "Nije lepo od vas."
    assert evidence(hr, text, "negative") == ["Nije lepo"]


def test_negation_cancels_a_croatian_insult(hr):
    assert "abuse" not in hr.analyze_one("Nije glup, samo je umoran.").labels
    assert "abuse" in hr.analyze_one("Nije to bitno, glupane.").labels  # another clause


def test_negated_positive_word_is_negative(hr):
    text = "Nisam zadovoljan rezultatom."
    assert hr.analyze_one(text).labels == {"negative": 1.0}
    assert evidence(hr, text, "negative") == ["Nisam zadovoljan"]
    assert "negative" not in hr.analyze_one("Nije loše, hvala.").labels


def test_weak_word_needs_an_intensifier_or_emphasis(hr):
    # "seljak" is also a farmer: alone it is not an insult
    assert "abuse" not in hr.analyze_one("Ti si seljak.").labels
    assert "abuse" in hr.analyze_one("Ti si pravi seljak.").labels
    assert "abuse" in hr.analyze_one("Ti si SELJAK.").labels
    assert "abuse" in hr.analyze_one("Ti si seljaaak.").labels


def test_leetspeak_spelling_is_undone(hr):
    text = "Ti si kr3t3n."
    assert evidence(hr, text, "abuse") == ["kr3t3n"]


def test_disrespect_for_competence_is_found(hr):
    for text, span in (
        ("Pa vi ste obični amateri.", "amateri"),
        ("To bi i dijete napravilo bolje.", "To bi i dijete"),
        ("Za što vas plaćam ako ne znate raditi?", "Za što vas plaćam"),
        ("Nemate pojma o dizajnu.", "Nemate pojma"),
    ):
        assert span in evidence(hr, text, "disrespect"), text


def test_frustration_and_disappointment_are_negative(hr):
    for text, span in (
        ("Ovo je gubljenje vremena.", "gubljenje vremena"),
        ("Iskreno, jako sam razočarana.", "razočarana"),
        ("Dosta mi je ovoga, nikad više.", "Dosta mi je"),
    ):
        assert span in evidence(hr, text, "negative"), text


def test_urgency_is_a_demand(hr):
    text = "Trebamo to hitno, najkasnije do petka."
    assert evidence(hr, text, "demand") == ["hitno", "najkasnije do"]
    assert "demand" in hr.analyze_one("Pošaljite to odmah, ne može čekati.").labels
    assert "demand" not in hr.analyze_one("Nije hitno, pogledajte kad stignete.").labels


def test_extra_work_is_out_of_scope(hr):
    text = "Kad ste već tu, dodajte i newsletter, to je sitnica."
    assert evidence(hr, text, "out_of_scope") == ["Kad ste već", "dodajte i", "sitnica"]
    assert "out_of_scope" in hr.analyze_one("Možete li to napraviti besplatno?").labels


def test_payment_excuses_are_found(hr):
    text = "Imamo problema s likvidnošću, platit ćemo krajem mjeseca."
    assert "likvidnošću" in evidence(hr, text, "payment_excuse")
    text = "Nismo dobili račun, pošaljite ga još jednom."
    assert evidence(hr, text, "payment_excuse") == ["Nismo dobili račun"]


def test_unethical_requests_are_found(hr):
    for text, span in (
        ("Izdajte račun s ranijim datumom.", "s ranijim datumom"),
        ("Može li to bez računa, na crno?", "bez računa"),
        ("Trebamo nekoliko lažnih recenzija.", "lažnih recenzija"),
    ):
        assert span in evidence(hr, text, "unethical_request"), text


def test_vague_feedback_is_found(hr):
    text = "Nešto nedostaje, znat ću kad vidim."
    assert evidence(hr, text, "vague") == ["Nešto nedostaje", "znat ću kad vidim"]


def test_sad_means_now_in_croatian_not_the_english_word():
    analyzer = LexiconAnalyzer()  # the English lexicon is read beside the Croatian one
    assert "negative" not in analyzer.analyze_one("Sad ćemo poslati tekstove.").labels


@pytest.mark.parametrize(
    "text",
    [
        "Poštovani, u privitku šaljem potpisani ugovor.",
        "Možete li nam poslati ponudu za redizajn web stranice?",
        "Hvala vam na brzom odgovoru, sve je u redu.",
        "Sastanak je u utorak u 10 sati, vidimo se u uredu.",
        "Račun smo platili jučer, molim potvrdu primitka.",
        "Kolega je bolestan ovaj tjedan pa ćemo se javiti u ponedjeljak.",
        "Nema problema, pričekat ćemo do sljedećeg tjedna.",
        "Sviđa nam se novi logo, samo promijenite boju naslova u plavu.",
        "Uprava je odobrila proračun, možete krenuti s radom.",
        "Dostava materijala kasni dan-dva zbog praznika, javit ću vam.",
        "Pregledao sam dokument i nemam primjedbi.",
        "Ovo je zaista lijepo napravljeno, čestitam timu.",
    ],
)
def test_ordinary_business_message_gets_no_sign(hr, text):
    assert not set(hr.analyze_one(text).labels) & SIGNS


def test_hardship_with_and_without_diacritics_003_3(hr):
    """[003 #3] A death, a hospital, layoffs and bankruptcy, with or without č ć š ž đ."""
    for text, piece in (
        ("Oprostite, svekar mi je preminuo u nedjelju.", "preminuo"),
        ("Kći mi je u bolnici od petka.", "u bolnici"),
        ("Moramo otpustiti trećinu radnika.", "otpustiti"),
        ("Firma je otisla u stecaj prosli tjedan.", "stecaj"),
    ):
        assert shows(hr, text, "hardship", piece), text
    for text in (
        "Ta kampanja je mrtva, krenimo ispočetka.",
        "Ovaj rok me ubija.",
        "Bolnica za koju radimo traži novu brošuru.",
    ):
        assert "hardship" not in set(hr.analyze_one(text).labels), text


def test_li_questions_and_javite_are_asks_000_4(hr):
    """[000 #4] "možete li", "javite", "molimo potvrdite", even without a question mark."""
    for text in (
        "Mozete li poslati logo u vektoru",
        "Javite koji termin vam odgovara",
        "Molimo potvrdite narudžbu",
    ):
        assert "asks" in set(hr.analyze_one(text).labels), text
    for text in ("Zabilježeno, hvala.", "U privitku je račun.", "Riješit ćemo to danas."):
        assert "asks" not in set(hr.analyze_one(text).labels), text


def test_more_payment_excuses_and_unethical_requests_002_4_002_3(hr):
    """[002 #4] excuses and [002 #3] improper requests in Croatian."""
    for text in (
        "Uplata je na putu, stići će do petka.",
        "Ne plaćamo dok se ne popravi košarica.",
        "Možemo li platiti u dvije rate?",
    ):
        assert "payment_excuse" in set(hr.analyze_one(text).labels), text
    for text in (
        "Izdajte račun s datumom od prošlog mjeseca.",
        "Moj partner ne smije znati za ovaj račun.",
        "Napišite recenzije kao da ste naši kupci.",
    ):
        assert "unethical_request" in set(hr.analyze_one(text).labels), text
    assert "payment_excuse" not in set(hr.analyze_one("Račun je plaćen, hvala.").labels)


def test_pressure_is_a_demand_but_a_polite_bug_report_is_not_000_8(hr):
    """[000 #8] Ultimatums and blame are demands; "hitno" on a fault report alone is not."""
    for text in (
        "Zadnje upozorenje, do petka ili tražimo drugoga.",
        "Vaša je krivnja što kasnimo.",
    ):
        assert "demand" in set(hr.analyze_one(text).labels), text
    for text in (
        "Hitno: obrazac ne šalje poruke, možete li pogledati?",
        "Hvala što ste to brzo popravili.",
    ):
        assert "demand" not in set(hr.analyze_one(text).labels), text


def test_the_preposition_u_is_not_read_as_english_you():
    """English reads "u" as "you"; in a Croatian message "u bolnici" must still match."""
    analyzer = LexiconAnalyzer(languages=("hr", "en"))
    assert "u bolnici" in " ".join(
        "Brat mi je u bolnici."[s:e]
        for s, e in analyzer.analyze_one("Brat mi je u bolnici.").spans_of("hardship")
    )


@pytest.mark.parametrize(
    "text",
    [
        "Tri mjeseca, a rezultata nema.",
        "Sumnjam da će nova kampanja nešto promijeniti.",
        "Izgubili smo povjerenje u cijeli ovaj projekt.",
        "Čemu sve to ako nitko ne kupuje?",
        "Promet je isti kao i prije, nikakvog napretka.",
        "Opet je pukla stranica, treći put ovaj mjesec.",
        "Nemam volje više o tome razgovarati.",
        "Iskreno, ne vidim da se išta popravilo.",
        "Opet ista priča kao prošli mjesec.",
        "Ne vjerujem više da će ovo uspjeti.",
        "Očekivali smo puno bolje, kupci se žale.",
    ],
)
def test_gloom_about_the_work_is_negative_000_6(hr, text):
    """[000 #6] Doubt, no progress, pointlessness, lost faith and the same failure again."""
    assert "negative" in hr.analyze_one(text).labels, text


@pytest.mark.parametrize(
    "text",
    [
        "Ne sumnjam da će izgledati odlično.",
        "Nitko neće primijetiti tu sitnu razliku u boji, bez brige.",
        "Ovo je druga verzija loga, s vašim komentarima.",
        "Ništa se ne mijenja u dogovoru, vidimo se u utorak.",
        "Naručujemo već treći put, uvijek su brzi.",
    ],
)
def test_ordinary_mail_near_the_gloom_phrases_is_not_negative_000_6(hr, text):
    """[000 #6] "Ne sumnjam", a reassurance and an unchanged plan are not gloom."""
    assert "negative" not in hr.analyze_one(text).labels, text


def test_a_payment_in_processing_or_at_the_bank_is_an_excuse_002_4(hr):
    """[002 #4] "Uplata je u obradi", the bank is slow, our own customer pays first."""
    for text, piece in (
        ("Nalog je u obradi, novac stiže ovih dana.", "Nalog je u obradi"),
        ("Novac je otišao s našeg računa, banka malo kasni.", "banka malo kasni"),
        ("Čekamo da nam distributer plati pa ćemo odmah vama.", "da nam distributer plati"),
        ("Mislio sam da je to već plaćeno, provjerit ću s knjigovodstvom.", "već plaćeno"),
    ):
        assert shows(hr, text, "payment_excuse", piece), text
    assert "payment_excuse" not in hr.analyze_one("Narudžba je u obradi.").labels


@pytest.mark.parametrize(
    "text",
    [
        "Stranica nam se ne otvara. Možete li pogledati što prije?",
        "Obrazac ne šalje poruke, možete li to čim prije provjeriti, molim?",
    ],
)
def test_a_polite_urgent_report_is_not_a_demand_000_8(hr, text):
    """[000 #8] "Što prije" in a polite report of a fault is not pressure."""
    assert "demand" not in hr.analyze_one(text).labels, text


def test_blame_laid_in_advance_is_a_demand_000_8(hr):
    """[000 #8] "Ako opet kasni, to je vaša odgovornost"."""
    for text in (
        "Obećano nam je za petak. Ako opet kasni, to je vaša odgovornost.",
        "Ako ni danas ne bude gotovo, vi snosite posljedice.",
    ):
        assert "demand" in hr.analyze_one(text).labels, text


def test_work_claimed_as_included_is_out_of_scope_000_8(hr):
    """[000 #8] "Još jedna mala molba" for a whole job; "pretpostavili smo da je uključeno"."""
    for text in (
        "Još jedna mala molba: prevedite cijelu stranicu na talijanski.",
        "Pretpostavili smo da je to uključeno, pa dodajte i to.",
    ):
        assert "out_of_scope" in hr.analyze_one(text).labels, text


def test_questioning_basic_competence_is_disrespect_000_3(hr):
    """[000 #3] "Znate li vi uopće...", "takozvana agencija"."""
    for text in (
        "Znate li vi uopće što je ciljana skupina?",
        "Ne bih trebala objašnjavati osnove takozvanoj agenciji.",
    ):
        assert "disrespect" in hr.analyze_one(text).labels, text


def test_feedback_that_names_nothing_is_vague_001(hr):
    """[001] "Ne oduševljava me", "nije ni to"."""
    for text in (
        "Ok je, ali me ne oduševljava. Probajte ponovno.",
        "Nije loše, ali nije ni to. Probajte nešto drugo.",
    ):
        assert "vague" in hr.analyze_one(text).labels, text


@pytest.mark.parametrize(
    "text",
    [
        "Kasnije.",
        "Ne sad.",
        "Ne sada, molim vas.",
        "Svejedno.",
        "Kako god.",
        "Kako god hoćete.",
        "Radite kako znate.",
        "Radite sto hocete.",
        "Pustite to.",
        "Ma pusti.",
        "Ostavite to.",
        "Zaboravite.",
        "Nije bitno.",
        "Više nije bitno.",
        "Ne zanima me.",
        "Nemam vremena za ovo.",
        "Baš me briga.",
        "Poštovani,\n\nKasnije.\n\nLP,\nIvan",
    ],
)
def test_a_curt_brush_off_alone_is_negative_000_6(hr, text):
    """[000 #6] A reply that is nothing but "Kasnije." or "Kako god." brushes the writer
    off, with or without diacritics; a greeting and a sign-off are clauses of their own."""
    assert "negative" in hr.analyze_one(text).labels, text


@pytest.mark.parametrize(
    "text",
    [
        "Javim se kasnije danas.",
        "Kasnije ću poslati datoteke.",
        "Ne sad nego u svibnju, kad krene sezona.",
        "Svejedno mi je koja boja, obje su lijepe.",
        "Kako god vam odgovara, mi smo fleksibilni.",
        "Nema veze, dogodi se.",
        "Pustite to za sada, prvo logo.",
        "Ostavite to kako je, izgleda dobro.",
        "Fali nam samo još jedan potpis.",
        "Nemam vremena danas, može sutra?",
    ],
)
def test_brush_off_words_in_an_ordinary_sentence_are_not_negative_000_6(hr, text):
    """[000 #6] The same words inside a sentence are an ordinary answer."""
    assert "negative" not in hr.analyze_one(text).labels, text


@pytest.mark.parametrize(
    "text", ["Može.", "U redu.", "Dobro.", "Ok.", "Hvala!", "Može, hvala.", "Dogovoreno."]
)
def test_an_acknowledgement_alone_is_not_negative_000_6(hr, text):
    """[000 #6] "Može." or "U redu." alone acknowledges; it is not a brush-off."""
    assert "negative" not in hr.analyze_one(text).labels, text


@pytest.mark.parametrize(
    "text",
    [
        "Nije to to.",
        "Hmm, još nije to.",
        "Nešto fali.",
        "Nesto fali, ne znam sta.",
        "Nije ono što smo htjeli.",
        "Nije ono što sam zamislila.",
        "Jednostavno mi ne sjeda.",
        "Nisam uvjeren.",
        "Nismo zadovoljni kako ovo ide.",
        "Nije baš ono.",
        "Ne sviđa mi se.",
        "Nekako nije to.",
        "Daleko od onoga što smo tražili.",
    ],
)
def test_dissatisfaction_that_names_no_problem_is_negative_000_6(hr, text):
    """[000 #6] Unhappy with the work without saying what is wrong: "nije to to",
    "nešto fali", "nije ono što smo htjeli"."""
    assert "negative" in hr.analyze_one(text).labels, text


@pytest.mark.parametrize(
    "text",
    [
        "Nisam dobro zdravstveno, idući mjesec bit ću između kuće i bolnice.",
        "Ležim u bolnici od ponedjeljka, javit ću se kad izađem.",
        "Čeka me operacija srca sljedeći tjedan.",
        "Mami su dijagnosticirali rak, većinu vremena sam s njom.",
        "Trenutno sam na kemoterapiji pa odgovaram sporije.",
        "Na bolovanju sam do kraja mjeseca.",
        "Otac mi je doživio moždani udar, svaki dan sam u bolnici.",
        "Tata mi je umro prošli tjedan, sprovod je u petak.",
        "Izgubio sam oca prije dva tjedna.",
        "Izgubila sam mamu u nedjelju, pa se javljam tek sad.",
        "Supruga i ja se razvodimo, pa mi je sve ovo trenutno teško.",
        "Izgubili smo najvećeg klijenta i smanjujemo troškove gdje god stignemo.",
        "Morali smo otpustiti pola ekipe.",
        "Otpuštamo ljude, situacija je jako loša.",
        "Poplavio nam je lokal, zatvoreni smo do daljnjega.",
        "Zatvaramo podružnicu u Splitu zbog pada prometa.",
        "Imali smo požar u skladištu i izgubili većinu robe.",
        "sorry sto kasnim, mama mi je u bolnici",
        "Zdravlje mi nije najbolje, idem na pretrage i terapiju.",
        "Imam zdravstvenih problema pa ću neko vrijeme biti manje dostupna.",
        "Idem na operaciju u utorak, vraćam se za tri tjedna.",
        "Zdravstveno mi nije dobro, bit ću u bolnici i kod kuće naizmjence.",
        "Firma je u velikim problemima, jedva isplaćujemo plaće.",
        "Morali smo dati otkaz trojici ljudi i rezati troškove na sve strane.",
        "Preminula mi je baka, u četvrtak je pogreb.",
        "Zena mi je rodila prerano, beba je u inkubatoru.",
        "Izgubili smo najveceg kupca, sad stedimo na svemu.",
    ],
)
def test_a_hard_time_in_the_clients_own_life_or_business_is_hardship_003_3(hr, text):
    """[003 #3] Their own or a relative's illness, a death, a family crisis, the business in
    crisis: "između kuće i bolnice", "na kemoterapiji", "izgubio sam oca", "otpuštamo
    ljude"."""
    assert "hardship" in hr.analyze_one(text).labels, text


@pytest.mark.parametrize(
    "text",
    [
        "Jučer sam bio bolestan, evo datoteke.",
        "Jucer sam bio bolestan pa saljem tek danas.",
        "Ispričavam se, bila sam prehlađena pa kasnim s odgovorom.",
        "Dizajnerica nam je na bolovanju, odobrenje stiže u ponedjeljak.",
        "Kolegica je bila prehlađena pa je pregled prebačen na ponedjeljak.",
        "Iskrena sućut vama i obitelji, ne brinite za projekt.",
        "Primite našu sućut. Ništa nije hitno.",
        "Žao mi je zbog vašeg gubitka, uzmite vremena koliko trebate.",
        "Brzo ozdravite, rok može pričekati.",
        "Zdravlje projekta nije sjajno, treba promijeniti plan.",
        "Zdrav rast prodaje ovaj kvartal, čestitam timu.",
        "Režemo uvodni video, predugačak je.",
        "Nisam dobro razumio zadnji mail, možete li pojasniti?",
        "Stranica je u velikim problemima s brzinom učitavanja.",
        "Smanjujemo troškove tiska tako da idemo na tanji papir.",
    ],
)
def test_a_passing_mention_or_our_condolence_is_not_hardship_003_3(hr, text):
    """[003 #3] A day off ill, a colleague's sick leave, our own condolences and health or
    cost words about the work:
    "jučer sam bio bolestan", a colleague "na bolovanju", "iskrena sućut"."""
    assert "hardship" not in hr.analyze_one(text).labels, text


@pytest.mark.parametrize(
    "text",
    [
        "Možete li ažurirati radno vrijeme na stranici bolnice?",
        "Pacijenti nas stalno pitaju za online naručivanje termina.",
        "Dodajte novi odjel kemoterapije na stranicu poliklinike.",
        "Bolnica treba novu stranicu za narucivanje pacijenata.",
        "Naša poliklinika ima novi odjel za dijagnozu i liječenje raka.",
        "Dežurstva na hitnoj treba dodati na stranicu bolnice.",
        "Pacijent koji boluje od dijabetesa može se naručiti online.",
        "Nasi odvjetnici za razvode zele profile na stranici tima.",
    ],
)
def test_a_clinic_or_hospital_clients_work_mail_is_not_hardship_003_3(hr, text):
    """[003 #3] A clinic, hospital, law firm or funeral home writing about its website,
    services, appointments or patients has no hard time of its own."""
    assert "hardship" not in hr.analyze_one(text).labels, text
