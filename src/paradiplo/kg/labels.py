"""One way to name things for people: labels, CURIEs and slugs.

Examples
--------
>>> curie("https://w3id.org/paradiplo/id/jakarta")
'pd:jakarta'
>>> local_name("https://w3id.org/paradiplo/ontology#Ministry")
'Ministry'
>>> slug_of_case("https://w3id.org/paradiplo/id/case-jakarta-hanoi")
'jakarta-hanoi'
"""

from __future__ import annotations

from rdflib import RDFS, SKOS, Graph

from ..namespaces import PD, PREFIXES

_BY_LENGTH = sorted(PREFIXES.items(), key=lambda kv: -len(kv[1]))


def curie(term, extra: dict[str, str] | None = None) -> str | None:
    """An IRI as ``prefix:local`` when a project prefix fits (longest namespace first, so
    ``field:`` wins over an enclosing namespace); other terms as their text."""
    if term is None:
        return None
    text = str(term)
    prefixes = sorted({**PREFIXES, **(extra or {})}.items(), key=lambda kv: -len(kv[1])) if extra else _BY_LENGTH
    for prefix, ns in prefixes:
        if text.startswith(ns) and text != ns:
            return f"{prefix}:{text[len(ns):]}"
    return text


def expand(text: str, extra: dict[str, str] | None = None) -> str | None:
    """The IRI a ``prefix:local`` name stands for with a project prefix (the inverse of
    :func:`curie`), or None when the prefix is not one of them or nothing follows it.

    >>> expand("pd:jakarta")
    'https://w3id.org/paradiplo/id/jakarta'
    >>> expand("nope:x") is None
    True
    """
    prefix, sep, local = text.partition(":")
    ns = {**PREFIXES, **(extra or {})}.get(prefix) if sep and local else None
    return ns + local if ns else None


def local_name(term) -> str:
    """The part of an IRI after its last ``#`` or ``/``."""
    return str(term).rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def slug_of_case(iri) -> str:
    """``pd:case-jakarta-hanoi`` -> ``jakarta-hanoi``."""
    return str(iri)[len(str(PD)):].removeprefix("case-")


def pick(labels, lang: str = "en") -> str | None:
    """Of some labels, the one in ``lang``, else English, else untagged, else the first;
    None if there are none.

    >>> from rdflib import Literal
    >>> pick([Literal("Kota", lang="id"), Literal("City", lang="en")], "id"), pick([], "en")
    ('Kota', None)
    """
    labels = list(labels)
    for want in (lang, "en", None):
        for lab in labels:
            if getattr(lab, "language", None) == want:
                return str(lab)
    return str(labels[0]) if labels else None


def label(g: Graph, node, lang: str = "en") -> str:
    """The label of ``node`` (:func:`pick`) from ``rdfs:label`` or ``skos:prefLabel``;
    failing all, the IRI's local name."""
    return pick([*g.objects(node, RDFS.label), *g.objects(node, SKOS.prefLabel)], lang) or local_name(node)
