"""Measuring a text analyzer on labelled public datasets (``partways eval text``).

:mod:`.datasets` reads each dataset, :mod:`.run` runs the analyzer over them,
:mod:`.labelled` reads and scores the labelled messages partways ships, :mod:`.metrics`
scores the answers and :mod:`.report` writes docs/evaluation.md.

Import from the modules themselves: this package imports none of them, so that naming
the datasets (the command line's help) does not load the scorers and report writers.
"""
