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
import unicodedata
from pathlib import Path

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def slugify(name: str) -> str:
    """``"Hoàn Kiếm (Hanoi)"`` -> ``"hoan-kiem-hanoi"``."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")


TEMPLATE = '''\
# New paradiplo case: {title}
#
# Fill in everything marked TODO, then check it:
#     paradiplo validate {path}
# The untouched skeleton gives warnings only; each warning is something left to do.
# Every entity needs pdo:attestedBy: the source, where in it (locator), and the
# passage that says it (quote, verbatim, at most ~200 characters). Record only what a
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

pd:case-{slug} {{

# 1. The source text. (You may move this record to data/sources.ttl.)
pd:source-{slug} a pdo:Source ;
    rdfs:label "TODO: author, title and year of the source"@en ;
    pdo:sourceKind "TODO: e.g. journal article, thesis chapter"@en ;
    pdo:fileName "TODO: file name of the text, if it is in shared/seeds" .

# 2. The case itself. Its IRI is also the name of this named graph.
pd:case-{slug} a pdo:Case ;
    rdfs:label "{title}"@en ;
    pdo:studies pd:partnership-{slug} ;
    pdo:caseSource pd:source-{slug} ;
    pdo:attestedBy [ pdo:source pd:source-{slug} ; pdo:locator "TODO: section" ; pdo:quote "TODO" ] .
{places}
# 4. The partnership: exactly two sub-national governments.
pd:partnership-{slug} a pdo:Partnership ;
    rdfs:label "{title} partnership"@en ;
    pdo:partner {gov_list} ;
    pdo:establishedBy pd:agreement-{slug} ;
    # TODO: fields of cooperation, e.g.  pdo:field field:culture , field:tourism ;
    pdo:attestedBy [ pdo:source pd:source-{slug} ; pdo:locator "TODO: section" ; pdo:quote "TODO" ] .

# 5. The agreement that established it.
#    TODO: use the most specific type: pdo:LetterOfIntent, pdo:MemorandumOfUnderstanding,
#    pdo:FriendshipAndCooperationAgreement, pdo:ImplementingAgreement, pdo:ProgrammeArrangement.
pd:agreement-{slug} a pdo:Agreement ;
    rdfs:label "{title} agreement"@en ;
    pdo:dateUnknown true ;   # TODO: replace by  pdo:signedOn "YYYY-MM-DD"^^xsd:date  (or xsd:gYear "YYYY")
    pdo:party {gov_list} ;
    pdo:establishes pd:partnership-{slug} ;
    pdo:attestedBy [ pdo:source pd:source-{slug} ; pdo:locator "TODO: section" ; pdo:quote "TODO" ] .

# 6. More, as the source gives it (uncomment and adapt):
#
# pd:activity-{slug}-visit-2019 a pdo:Visit ;
#     rdfs:label "Visit of the ... delegation (2019)"@en ;
#     pdo:underPartnership pd:partnership-{slug} ;
#     pdo:date "2019"^^xsd:gYear ;
#     pdo:activityStatus activity-status:implemented ;
#     pdo:participation [ a pdo:Participation ; pdo:actor {first_gov} ; pdo:role role:visitor ] ;
#     pdo:attestedBy [ pdo:source pd:source-{slug} ; pdo:locator "..." ; pdo:quote "..." ] .
#
# pd:obstacle-{slug}-budget a pdo:Obstacle ;
#     rdfs:label "Budget constraints"@en ;
#     pdo:factorOf pd:partnership-{slug} ; pdo:factorType factor:budget ;
#     pdo:attestedBy [ pdo:source pd:source-{slug} ; pdo:locator "..." ; pdo:quote "..." ] .
#
# pd:assessment-{slug} a pdo:Assessment ;
#     rdfs:label "Judged stagnant (2017-2019)"@en ;
#     pdo:assesses pd:partnership-{slug} ; pdo:status status:stagnant ;
#     pdo:startDate "2017"^^xsd:gYear ; pdo:endDate "2019"^^xsd:gYear ;
#     pdo:attestedBy [ pdo:source pd:source-{slug} ; pdo:locator "..." ; pdo:quote "..." ] .
}}
'''

PLACE = '''
# 3{letter}. {name}: the city, and the government that governs it (kept apart).
pd:{city} a pdo:City ;
    rdfs:label "{name}"@en ;
    # TODO: pdo:country pd:<country> ;  pdo:wikidata <http://www.wikidata.org/entity/Q…> ;
    pdo:attestedBy [ pdo:source pd:source-{slug} ; pdo:locator "TODO: section" ; pdo:quote "TODO" ] .

# TODO: the most specific type: pdo:MunicipalGovernment, pdo:ProvincialGovernment,
#       pdo:MetropolitanGovernment or pdo:DistrictGovernment.
pd:{city}-government a pdo:MunicipalGovernment ;
    rdfs:label "Government of {name}"@en ;
    pdo:level level:local ;
    pdo:governs pd:{city} ;
    # TODO: pdo:country pd:<country> ;
    pdo:attestedBy [ pdo:source pd:source-{slug} ; pdo:locator "TODO: section" ; pdo:quote "TODO" ] .
'''


def skeleton(slug: str, partners: list[str], path_hint: str) -> str:
    """The text of a skeleton case for two partner cities."""
    cities = [slugify(p) for p in partners]
    places = "".join(PLACE.format(letter="ab"[i], name=name, city=city, slug=slug)
                     for i, (name, city) in enumerate(zip(partners, cities, strict=True)))
    govs = [f"pd:{c}-government" for c in cities]
    return TEMPLATE.format(slug=slug, title=f"{partners[0]}-{partners[1]}", places=places,
                           gov_list=" , ".join(govs), first_gov=govs[0], path=path_hint)


def write_skeleton(slug: str, partners: list[str], folder: Path) -> Path:
    """Write ``folder/SLUG.trig``; refuse a bad slug, equal partners or an existing file.

    Raises
    ------
    ValueError
        With a message for the contributor.
    FileExistsError
        If the case file exists already (it is never overwritten).
    """
    if not SLUG.match(slug):
        raise ValueError(f"case name {slug!r} must be lower-case words joined by hyphens, e.g. bandung-fort-worth")
    if len(partners) != 2 or not all(p.strip() for p in partners):
        raise ValueError("give exactly two partner city names")
    if slugify(partners[0]) == slugify(partners[1]):
        raise ValueError("the two partners must be different cities")
    path = Path(folder) / f"{slug}.trig"
    if path.exists():
        raise FileExistsError(f"{path} exists already; choose another name or edit that file")
    path.parent.mkdir(parents=True, exist_ok=True)
    text = skeleton(slug, [p.strip() for p in partners], str(path))
    with open(path, "x", encoding="utf-8") as fh:  # "x": never overwrite, even in a race
        fh.write(text)
    return path
