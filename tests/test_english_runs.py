"""The check the language tests rely on: it must find English, and only English."""

from tests.english_runs import english_runs


def test_english_runs_are_found_and_other_languages_and_isolated_data_are_not():
    assert english_runs(["The client rejected 3 of 5 recommendations."]) != []
    assert english_runs(["Klien menolak 3 dari 5 rekomendasi yang diajukan."]) == []
    assert english_runs(["Klijent je odbio 3 od 5 preporuka koje ste mu predložili."]) == []
    assert english_runs(["رفض العميل 3 من أصل 5 من التوصيات المعروضة عليه."]) == []
    # The user's own words, isolated by the findings, do not count.
    assert english_runs(["Ditandai: \u2068Their needs have outgrown a small studio\u2069."]) == []
    # Three words are a label, not a sentence.
    assert english_runs(["Pay the invoice"]) == []
