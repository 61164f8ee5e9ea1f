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

import hashlib
import re
import unicodedata

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
    """``pd:case-jakarta-hanoi`` -> ``jakarta-hanoi`` (an IRI outside ``pd:`` as it is)."""
    text = str(iri)
    return text[len(str(PD)):].removeprefix("case-") if text.startswith(str(PD)) else text


def slug(name: str, *, latin_only: bool = False) -> str:
    """The IRI-safe form of a name, the one slug function of paradiplo: lower case, letters
    with accents as plain Latin letters, everything else a hyphen. Letters of another
    script are kept (IRIs allow them: ``paradiplo new-case``), unless ``latin_only`` (the
    world list's IRIs, kept ASCII): then a name with no Latin letter or digit left is a
    short hash of itself.

    >>> slug("Hoàn Kiếm (Hanoi)"), slug("Bunkyō"), slug('京都市 "Kyoto"'), slug("서울")
    ('hoan-kiem-hanoi', 'bunkyo', '京都市-kyoto', '서울')
    >>> slug('京都市 "Kyoto"', latin_only=True), slug("Straße", latin_only=True), slug("서울", latin_only=True)
    ('kyoto', 'strasse', 'ea9858ee')
    """
    if latin_only:
        text = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c)).casefold()
        return re.sub(r"[^a-z0-9]+", "-", text).strip("-") or hashlib.sha1(name.encode()).hexdigest()[:8]
    letters = []
    for char in unicodedata.normalize("NFC", name):
        plain = "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c))
        letters.append(plain if plain.isascii() else char)
    return re.sub(r"[^\w]+|_", "-", "".join(letters).lower()).strip("-")


def pick(labels, lang: str = "en") -> str | None:
    """Of some labels, the one to show -- the one label picker of paradiplo: in ``lang``,
    else English, else untagged, else any other language; of several equally good, the
    smallest text (so the choice never depends on the order a store returns them in).
    None if there are none.

    >>> from rdflib import Literal
    >>> pick([Literal("Kota", lang="id"), Literal("City", lang="en")], "id"), pick([], "en")
    ('Kota', None)
    >>> pick([Literal("Viet Nam", lang="en"), Literal("Vietnam", lang="id"), Literal("Annam", lang="en")])
    'Annam'
    """
    ranked = [((lang, "en", None).index(getattr(lab, "language", None))
               if getattr(lab, "language", None) in (lang, "en", None) else 3, str(lab)) for lab in labels]
    return min(ranked)[1] if ranked else None


def label(g: Graph, node, lang: str = "en") -> str:
    """The label of ``node`` (:func:`pick`) from ``rdfs:label`` or ``skos:prefLabel``;
    failing all, the IRI's local name."""
    return pick([*g.objects(node, RDFS.label), *g.objects(node, SKOS.prefLabel)], lang) or local_name(node)
