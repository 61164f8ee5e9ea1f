"""Text an XML export (GEXF, GraphML) can carry: XML 1.0 has no way to write most control
characters, not even as ``&#x1;``, so a label holding one is refused with the node it
belongs to, rather than failing deep inside the writer."""

from __future__ import annotations

import networkx as nx

from ..errors import ExportError
from ..kg.labels import curie
from ..output import not_in_xml


def check_xml_text(G: nx.Graph, fmt: str) -> None:
    """Raise ExportError if a node's or edge's text holds a character XML cannot carry.

    >>> G = nx.Graph(); G.add_node("pd:x", label="Kota\\x01 Tua")
    >>> check_xml_text(G, "GEXF")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    paradiplo.errors.ExportError: pd:x: its label 'Kota\\x01 Tua' holds the control character U+0001, ...
    """
    items = [(curie(str(n)), d) for n, d in G.nodes(data=True)]
    items += [(f"{curie(str(u))} - {curie(str(v))}", d) for u, v, d in G.edges(data=True)]
    for where, data in items:
        for key, value in data.items():
            bad = not_in_xml(value)
            if bad:
                raise ExportError(f"{where}: its {key} {value!r} holds the control character {bad}, "
                                  f"which {fmt} (XML) cannot carry: remove it from the case file (paradiplo validate "
                                  "finds such labels)")
