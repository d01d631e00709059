"""Each person's interface language: chosen once, kept with their log-in, right to left
for Arabic."""

from __future__ import annotations

import pytest
from django.test import Client as Browser
from django.utils import translation

from partways.store.models import TeamMember

from .conftest import Team


@pytest.mark.parametrize(
    ("lang", "direction"), [("en", "ltr"), ("id", "ltr"), ("hr", "ltr"), ("ar", "rtl")]
)
def test_the_page_comes_in_the_chosen_language(
    lang: str, direction: str, portfolio: Team, as_charlie: Browser
) -> None:
    response = as_charlie.post("/language/", {"language": lang, "next": "/incidents/"}, follow=True)
    html = response.content.decode()
    assert f'<html lang="{lang}" dir="{direction}">' in html
    with translation.override(lang):
        heading = translation.gettext("Report an incident")
        label = translation.gettext("What happened")
    if lang != "en":
        assert heading != "Report an incident", f"no {lang} translation"
    assert f"<h1>{heading}</h1>" in html
    assert label in html
    assert TeamMember.objects.get(pk=portfolio.charlie.pk).language == lang


def test_the_choice_follows_the_person_to_a_new_session(portfolio: Team, as_bob: Browser) -> None:
    as_bob.post("/language/", {"language": "hr", "next": "/"})
    fresh = Browser()
    fresh.login(username="bob@example.com", password="correct horse battery staple")
    assert '<html lang="hr" dir="ltr">' in fresh.get("/portfolio/").content.decode()


def test_before_logging_in_the_browser_language_is_used(portfolio: Team, db: None) -> None:
    html = Browser().get("/login/", HTTP_ACCEPT_LANGUAGE="ar").content.decode()
    assert '<html lang="ar" dir="rtl">' in html


def test_an_unknown_language_falls_back_to_english(as_charlie: Browser) -> None:
    response = as_charlie.post("/language/", {"language": "xx", "next": "/incidents/"}, follow=True)
    assert '<html lang="en" dir="ltr">' in response.content.decode()


def test_the_language_switch_never_redirects_off_site(as_charlie: Browser) -> None:
    response = as_charlie.post("/language/", {"language": "id", "next": "https://evil.example/"})
    assert response.url == "/"
