"""Write a skeleton case file for a contributor to fill in.

The skeleton is a valid case with every unknown marked TODO, so that
``paradiplo validate`` on it reports warnings only: the contributor sees at once what
is left to do.

Examples
--------
>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> write_skeleton("bandung-fort-worth", ["Bandung", "Fort Worth"], folder).name
'bandung-fort-worth.trig'
"""

from __future__ import annotations

import re
from pathlib import Path

import pyoxigraph as ox
from rdflib import Literal, URIRef

from .errors import UsageError
from .kg.labels import slug
from .namespaces import PD

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def slugify(name: str) -> str:
    """The IRI-safe form of a partner's name (:func:`paradiplo.kg.labels.slug`).

    >>> slugify("Hoàn Kiếm (Hanoi)"), slugify("서울")
    ('hoan-kiem-hanoi', '서울')
    """
    return slug(name)


def _labels(en: str, id_: str) -> str:
    """An English and an Indonesian label, as Turtle (every named entity has both)."""
    return f"{_lit(en)} , {_lit(id_, 'id')}"


def _lit(text: str, lang: str | None = "en") -> str:
    """A Turtle literal written by rdflib's serialiser (quotes, newlines escaped)."""
    return Literal(text, lang=lang).n3()


def _pd(local: str) -> str:
    """A ``pd:`` IRI as Turtle: a prefixed name when the local part allows, else ``<...>``."""
    if re.fullmatch(r"[\w][\w-]*", local) and "_" not in local:
        return f"pd:{local}"
    return URIRef(f"{PD}{local}").n3()


TEMPLATE = '''\
# New paradiplo case: {title_comment}
#
# Fill in everything marked TODO, then check it:
#     paradiplo validate {path}
# The untouched skeleton gives warnings only; each warning is something left to do.
# Every entity needs pdo:attestedBy: the source, where in it (locator), the passage that
# says it (quote, verbatim, at most ~200 characters) and the properties whose statements
# that passage states (pdo:supports; docs/provenance.md). Record only what a
# source says; leave unknowns out (or pdo:dateUnknown true) rather than guessing.
# See CONTRIBUTING.md and the bundled cases in data/cases/ for worked examples.

@prefix pd:       <https://w3id.org/paradiplo/id/> .
@prefix pdo:      <https://w3id.org/paradiplo/ontology#> .
@prefix rdfs:     <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd:      <http://www.w3.org/2001/XMLSchema#> .
@prefix level:    <https://w3id.org/paradiplo/vocab/level/> .
@prefix role:     <https://w3id.org/paradiplo/vocab/role/> .
@prefix field:    <https://w3id.org/paradiplo/vocab/field/> .
@prefix status:   <https://w3id.org/paradiplo/vocab/status/> .
@prefix activity-status: <https://w3id.org/paradiplo/vocab/activity-status/> .
@prefix factor:   <https://w3id.org/paradiplo/vocab/factor/> .

{case} {{

# 1. The source text. (You may move this record to data/sources.ttl.)
{source} a pdo:Source ;
    rdfs:label "TODO: author, title and year of the source"@en , "TODO: penulis, judul dan tahun sumber"@id ;
    pdo:sourceKind "TODO: e.g. journal article, thesis chapter"@en ;
    pdo:fileName "TODO: file name of the text, added to data/texts/" .

# 2. The case itself. Its IRI is also the name of this named graph.
{case} a pdo:Case ;
    rdfs:label {title} ;
    pdo:studies {partnership} ;
    pdo:caseSource {source} ;
    pdo:attestedBy [ pdo:source {source} ; pdo:locator "TODO: section" ;
        pdo:supports pdo:studies ; pdo:quote "TODO" ] .
{places}
# 4. The partnership: exactly two sub-national governments.
{partnership} a pdo:Partnership ;
    rdfs:label {partnership_label} ;
    pdo:partner {gov_list} ;
    pdo:establishedBy {agreement} ;
    # TODO: fields of cooperation, e.g.  pdo:field field:culture , field:tourism ;
    pdo:attestedBy [ pdo:source {source} ; pdo:locator "TODO: section" ;
        pdo:supports pdo:partner , pdo:establishedBy ; pdo:quote "TODO" ] .

# 5. The agreement that established it.
#    TODO: use the most specific type: pdo:LetterOfIntent, pdo:MemorandumOfUnderstanding,
#    pdo:FriendshipAndCooperationAgreement, pdo:ImplementingAgreement, pdo:ProgrammeArrangement.
{agreement} a pdo:Agreement ;
    rdfs:label {agreement_label} ;
    pdo:dateUnknown true ;   # TODO: replace by  pdo:signedOn "YYYY-MM-DD"^^xsd:date  (or xsd:gYear "YYYY")
    pdo:party {gov_list} ;
    pdo:establishes {partnership} ;
    pdo:attestedBy [ pdo:source {source} ; pdo:locator "TODO: section" ;
        pdo:supports pdo:party , pdo:establishes ; pdo:quote "TODO" ] .

# 6. More, as the source gives it (uncomment and adapt):
#
# pd:activity-{slug}-visit-2019 a pdo:Visit ;
#     rdfs:label "Visit of the ... delegation (2019)"@en , "Kunjungan delegasi ... (2019)"@id ;
#     pdo:underPartnership {partnership} ;
#     pdo:date "2019"^^xsd:gYear ;
#     pdo:activityStatus activity-status:implemented ;
#     pdo:participation [ a pdo:Participation ; pdo:actor {first_gov} ; pdo:role role:visitor ;
#         pdo:attestedBy [ pdo:source {source} ; pdo:locator "..." ; pdo:quote "..." ] ] ;
#     pdo:attestedBy [ pdo:source {source} ; pdo:locator "..." ;
#         pdo:supports pdo:underPartnership , pdo:date , pdo:activityStatus ; pdo:quote "..." ] .
#
# pd:obstacle-{slug}-budget a pdo:Obstacle ;
#     rdfs:label "Budget constraints"@en , "Keterbatasan anggaran"@id ;
#     pdo:factorOf {partnership} ; pdo:factorType factor:budget ;
#     pdo:attestedBy [ pdo:source {source} ; pdo:locator "..." ; pdo:supports pdo:factorOf ; pdo:quote "..." ] .
#
# pd:assessment-{slug} a pdo:Assessment ;
#     rdfs:label "Judged stagnant (2017-2019)"@en , "Dinilai stagnan (2017-2019)"@id ;
#     pdo:assesses {partnership} ; pdo:status status:stagnant ;
#     pdo:startDate "2017"^^xsd:gYear ; pdo:endDate "2019"^^xsd:gYear ;
#     pdo:attestedBy [ pdo:source {source} ; pdo:locator "..." ;
#         pdo:supports pdo:assesses , pdo:status , pdo:startDate , pdo:endDate ; pdo:quote "..." ] .
}}
'''

PLACE = '''
# 3{letter}. The city, and the government that governs it (kept apart).
{city} a pdo:City ;
    rdfs:label {name} ;
    # TODO: pdo:country pd:<country> ;  pdo:wikidata <http://www.wikidata.org/entity/Q…> ;
    pdo:attestedBy [ pdo:source {source} ; pdo:locator "TODO: section" ; pdo:quote "TODO" ] .

# TODO: the most specific type: pdo:MunicipalGovernment, pdo:RegencyGovernment (kabupaten),
#       pdo:ProvincialGovernment, pdo:MetropolitanGovernment or pdo:DistrictGovernment.
{government} a {government_type} ;
    rdfs:label {government_label} ;
    pdo:level level:local ;
    pdo:governs {city} ;
    # TODO: pdo:country pd:<country> ;
    pdo:attestedBy [ pdo:source {source} ; pdo:locator "TODO: section" ;
        pdo:supports pdo:governs ; pdo:quote "TODO" ] .
'''


_KNOWN = """
SELECT ?city ?gov ?type ?cityEn ?cityId ?govEn ?govId WHERE {
  ?gov pdo:governs ?city ; a ?type .
  FILTER (STRSTARTS(STR(?type), STR(pdo:)) && STRENDS(STR(?type), "Government"))
  OPTIONAL { ?city rdfs:label ?cityEn FILTER (lang(?cityEn) = "en") }
  OPTIONAL { ?city rdfs:label ?cityId FILTER (lang(?cityId) = "id") }
  OPTIONAL { ?gov rdfs:label ?govEn FILTER (lang(?govEn) = "en") }
  OPTIONAL { ?gov rdfs:label ?govId FILTER (lang(?govId) = "id") }
} ORDER BY ?city ?gov ?type"""


def known_governments(kg) -> dict[str, dict[str, str]]:
    """The cities of the knowledge graph with the government that governs them, as the cases
    name them: city IRI -> its labels, the government's IRI, type and labels. A new case
    about a city already in the graph names the same government (one actor, so that it
    links the cases), not a second one."""
    from .kg import rows

    known: dict[str, dict[str, str]] = {}
    for r in rows(kg, _KNOWN, inference=False):
        known.setdefault(r["city"], r)
    return known


def skeleton(slug: str, partners: list[str], path_hint: str, known: dict[str, dict[str, str]] | None = None) -> str:
    """The text of a skeleton case for two partner cities.

    A city the knowledge graph has already (``known``, :func:`known_governments`) keeps its
    names, and its government its IRI, type and names; a new one is ``pd:CITY`` governed by
    ``pd:CITY-city-government``, as the bundled cases name them.

    The comments are a fixed template; every name and IRI in it is written by rdflib's
    term serialiser, and the result is parsed before it is returned, so no name (quotes,
    braces, newlines, ``#``, any script) can break the file or add a statement.
    """
    cities = [slugify(p) for p in partners]
    source = _pd(f"source-{slug}")
    found = [(known or {}).get(str(PD[c])) for c in cities]
    govs = [_pd(f"{c}-city-government") if k is None
            else _pd(k["gov"][len(str(PD)):]) if k["gov"].startswith(str(PD)) else URIRef(k["gov"]).n3()
            for c, k in zip(cities, found, strict=True)]
    places = "".join(PLACE.format(
        letter="ab"[i], city=_pd(city), source=source, government=gov,
        name=_labels(k.get("cityEn") or name, k.get("cityId") or name) if k else _labels(name, name),
        government_type=f"pdo:{k['type'].rsplit('#', 1)[-1]}" if k else "pdo:MunicipalGovernment",
        government_label=(_labels(k.get("govEn") or f"Government of {name}", k.get("govId") or f"Pemerintah {name}")
                          if k else _labels(f"Government of {name}", f"Pemerintah {name}")))
        for i, (name, city, gov, k) in enumerate(zip(partners, cities, govs, found, strict=True)))
    title = f"{partners[0]}-{partners[1]}"
    text = TEMPLATE.format(
        case=_pd(f"case-{slug}"), source=source, partnership=_pd(f"partnership-{slug}"),
        agreement=_pd(f"agreement-{slug}"), slug=slug, title=_labels(title, title),
        partnership_label=_labels(f"{title} partnership", f"Kerja sama {title}"),
        agreement_label=_labels(f"{title} agreement", f"Perjanjian {title}"), places=places,
        gov_list=" , ".join(govs), first_gov=govs[0],
        path=path_hint.replace("\n", " "), title_comment=" ".join(title.split()))
    ox.parse(text.encode("utf-8"), format=ox.RdfFormat.TRIG)  # raises if a name broke the syntax (a bug)
    return text


def write_skeleton(slug: str, partners: list[str], folder: Path,
                   known: dict[str, dict[str, str]] | None = None) -> Path:
    """Write ``folder/SLUG.trig``; refuse a bad slug, equal partners or an existing file.

    Raises
    ------
    UsageError
        With a message for the contributor: a case name or partners that cannot be, or a
        case file that exists already (it is never overwritten).
    """
    if not SLUG.match(slug):
        raise UsageError(f"case name {slug!r} must be lower-case words joined by hyphens, e.g. bandung-fort-worth")
    if len(partners) != 2 or not all(p.strip() for p in partners):
        raise UsageError("give exactly two partner city names")
    if not all(slugify(p) for p in partners):
        raise UsageError("each partner name needs at least one letter or digit")
    if slugify(partners[0]) == slugify(partners[1]):
        raise UsageError("the two partners must be different cities")
    path = Path(folder) / f"{slug}.trig"
    if path.exists():
        raise UsageError(f"{path} exists already; choose another name or edit that file")
    path.parent.mkdir(parents=True, exist_ok=True)
    text = skeleton(slug, [p.strip() for p in partners], str(path), known)
    with open(path, "x", encoding="utf-8") as fh:  # "x": never overwrite, even in a race
        fh.write(text)
    return path
