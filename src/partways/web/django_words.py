"""Django's own sentences that reach partways' pages, for our catalogs.

Django's catalogs leave some of them untranslated in our languages (Croatian has no
translation of the password rules), so an owner adding a team member would read them
in English. Listed here, they are collected into our catalogs, which Django reads
before its own. Not imported: read only by the catalog extractor.
"""

from django.utils.translation import gettext_noop, ngettext_lazy

DJANGO_WORDS = (
    # django.contrib.auth.password_validation: the rules under a new password, and why
    # one is refused.
    gettext_noop("Your password can’t be too similar to your other personal information."),
    gettext_noop("Your password can’t be a commonly used password."),
    gettext_noop("Your password can’t be entirely numeric."),
    gettext_noop("This password is too common."),
    gettext_noop("This password is entirely numeric."),
    gettext_noop("The password is too similar to the %(verbose_name)s."),
    ngettext_lazy(
        "Your password must contain at least %(min_length)d character.",
        "Your password must contain at least %(min_length)d characters.",
    ),
    ngettext_lazy(
        "This password is too short. It must contain at least %d character.",
        "This password is too short. It must contain at least %d characters.",
    ),
)
