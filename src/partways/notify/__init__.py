"""Telling people and programs what moved, without their asking.

- :mod:`.webhooks`: a signed JSON POST to each subscribed URL when a client's
  recommendation changes or an offboarding case's step does, retried with back-off,
  every attempt in a delivery log.
- :mod:`.digest`: an e-mail per person, daily or weekly, in their language, of what
  moved among what they may see; :mod:`.alerts`: an e-mail at once for a ground to end
  a relationship now.
- :mod:`.changes`: what a full triage changed, which all of them report.
"""
