"""Compare cases: a cross-case matrix and a Qualitative Comparative Analysis (QCA) whose
every cell leads to the passages behind it.

:func:`analyse` builds the matrix (from the knowledge graph by the condition queries in
``queries/conditions/``, or from a CSV matrix), calibrates it as the calibration file says
(:mod:`.calibration`), and computes the truth table (:mod:`.truthtable`), the necessity
of each condition and the complex, parsimonious and intermediate solutions
(:mod:`.minimise`), with plain notes on what so few cases cannot show.
:mod:`.analysis` holds :func:`analyse`; :mod:`.report` gives the result as JSON or CSV
(:mod:`paradiplo.render` as text to read); :mod:`.rdf` writes it as a named graph.

Examples
--------
>>> from paradiplo.kg import project_root
>>> a = analyse(data=project_root() / "tests/compare/lipset/LC.csv", outcome="SURV")
>>> a.solutions["parsimonious"].expression
'DEV*STB'
"""

from .analysis import Analysis, analyse

__all__ = ["Analysis", "analyse"]
