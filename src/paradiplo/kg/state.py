"""What paradiplo keeps about a loaded knowledge graph beside its statements: whether the
entailments are up to date, and which files filled which named graphs.

It is kept here, in a table keyed by the graph's store (weakly: it goes when the graph
does), and read by :mod:`~paradiplo.kg.load` (which files), :mod:`~paradiplo.kg.entail`
(whether to compute again) and :mod:`paradiplo.validate` (the file of a finding), none
of which import each other for it.

>>> from paradiplo.kg import new_dataset
>>> ds = new_dataset()
>>> state_of(ds).entailed, state_of(ds).files
(False, {})
>>> state_of(ds) is state_of(ds) and state_of(ds) is not state_of(new_dataset())
True
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from weakref import WeakKeyDictionary

from rdflib import Dataset


@dataclass
class GraphState:
    """``entailed``: the default graph and the entailments match the named graphs;
    ``files``: each file read (links followed) -> the IRIs of the named graphs it filled."""

    entailed: bool = False
    files: dict[Path, set[str]] = field(default_factory=dict)


#: the rdflib store object of each loaded graph -> its state (the pyoxigraph store itself
#: cannot be weakly referenced; the rdflib store wraps exactly one)
_STATES: WeakKeyDictionary = WeakKeyDictionary()


def state_of(ds: Dataset) -> GraphState:
    """The state of the knowledge graph ``ds`` (a fresh one the first time)."""
    state = _STATES.get(ds.store)
    if state is None:
        state = _STATES[ds.store] = GraphState()
    return state
