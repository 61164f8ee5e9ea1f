"""The one bridge between rdflib and pyoxigraph terms, converted either way. No other module
reads oxrdflib's private converter (the store itself is :attr:`KnowledgeGraph.store
<paradiplo.kg.graph.KnowledgeGraph.store>`).

>>> from rdflib import Literal, URIRef
>>> native_term(URIRef("https://w3id.org/paradiplo/id/jakarta"))
<NamedNode value=https://w3id.org/paradiplo/id/jakarta>
>>> rdflib_term(native_term(Literal("Kota", lang="id"))) == Literal("Kota", lang="id")
True
"""

from __future__ import annotations

import pyoxigraph as ox
from oxrdflib._converter import from_ox, to_ox


def native_iri(iri) -> ox.NamedNode:
    """An IRI (text or rdflib ``URIRef``) as a pyoxigraph ``NamedNode``."""
    return ox.NamedNode(str(iri))


def native_term(term):
    """An rdflib term (IRI, literal, blank node, graph name) as a pyoxigraph term."""
    return to_ox(term)


def rdflib_term(term):
    """A pyoxigraph term as an rdflib term."""
    return from_ox(term)
