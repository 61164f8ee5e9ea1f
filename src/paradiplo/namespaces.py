"""Typo-proof Python names for the paradiplo vocabularies.

``PDO`` mirrors ``ontology/paradiplo.ttl`` term for term (a test keeps the two equal);
because ``_fail = True``, ``PDO.Partnershp`` raises ``AttributeError`` instead of
silently minting a new IRI.

Examples
--------
>>> from paradiplo.namespaces import PDO
>>> PDO.Partnership
rdflib.term.URIRef('https://w3id.org/paradiplo/ontology#Partnership')
"""

from rdflib import Namespace, URIRef
from rdflib.namespace import DefinedNamespace


class PDO(DefinedNamespace):
    """The paradiplo ontology, ``https://w3id.org/paradiplo/ontology#``."""

    _fail = True
    _NS = Namespace("https://w3id.org/paradiplo/ontology#")

    # Classes
    Activity: URIRef
    Actor: URIRef
    Affair: URIRef
    Agreement: URIRef
    Aid: URIRef
    Area: URIRef
    Assessment: URIRef
    Case: URIRef
    Citation: URIRef
    City: URIRef
    Community: URIRef
    Company: URIRef
    Consulate: URIRef
    CooperationAgency: URIRef
    Country: URIRef
    DiplomaticMission: URIRef
    District: URIRef
    DistrictGovernment: URIRef
    EducationalInstitution: URIRef
    Embassy: URIRef
    Event: URIRef
    Exchange: URIRef
    Factor: URIRef
    Festival: URIRef
    FriendshipAndCooperationAgreement: URIRef
    GovernmentBody: URIRef
    ImplementingAgreement: URIRef
    InternationalOrganization: URIRef
    LetterOfIntent: URIRef
    LocalGovernmentAgency: URIRef
    LocalGovernmentAssociation: URIRef
    LocalLegislature: URIRef
    Meeting: URIRef
    MemorandumOfUnderstanding: URIRef
    MetropolitanGovernment: URIRef
    Ministry: URIRef
    MunicipalGovernment: URIRef
    NationalGovernment: URIRef
    NonGovernmentalOrganization: URIRef
    NetworkMembership: URIRef
    Note: URIRef
    Obstacle: URIRef
    Organization: URIRef
    Participation: URIRef
    Partnership: URIRef
    Person: URIRef
    Place: URIRef
    PostHolding: URIRef
    Programme: URIRef
    ProgrammeArrangement: URIRef
    ProvincialGovernment: URIRef
    Recommendation: URIRef
    RegencyGovernment: URIRef
    Region: URIRef
    ResearchInstitution: URIRef
    School: URIRef
    Source: URIRef
    StateGovernment: URIRef
    StateOwnedEnterprise: URIRef
    SubnationalGovernment: URIRef
    SuccessElementAssessment: URIRef
    SupportingFactor: URIRef
    University: URIRef
    Visit: URIRef
    NetworkAnalysis: URIRef
    MeasureValue: URIRef

    # Properties
    about: URIRef
    actedOn: URIRef
    activityStatus: URIRef
    actor: URIRef
    addressedTo: URIRef
    analyticalConcept: URIRef
    assesses: URIRef
    attestedBy: URIRef
    beforePartnership: URIRef
    authorName: URIRef
    caseSource: URIRef
    concerns: URIRef
    concernsActor: URIRef
    country: URIRef
    date: URIRef
    dateUnknown: URIRef
    disruptedBy: URIRef
    disrupts: URIRef
    endDate: URIRef
    establishedBy: URIRef
    researchMethod: URIRef
    establishes: URIRef
    factorOf: URIRef
    factorType: URIRef
    field: URIRef
    fileName: URIRef
    frequency: URIRef
    geonames: URIRef
    governedBy: URIRef
    governs: URIRef
    holder: URIRef
    implements: URIRef
    inContextOf: URIRef
    inField: URIRef
    isGeneric: URIRef
    isoCode: URIRef
    level: URIRef
    location: URIRef
    locator: URIRef
    mentions: URIRef
    met: URIRef
    notAttendedBy: URIRef
    partOf: URIRef
    participation: URIRef
    partner: URIRef
    party: URIRef
    postIn: URIRef
    postTitle: URIRef
    precededBy: URIRef
    quote: URIRef
    relatedPartnership: URIRef
    representsCountry: URIRef
    role: URIRef
    signedAt: URIRef
    signedOn: URIRef
    source: URIRef
    sourceKind: URIRef
    startDate: URIRef
    statedPartnerCount: URIRef
    status: URIRef
    studies: URIRef
    successElement: URIRef
    underPartnership: URIRef
    venue: URIRef
    wikidata: URIRef
    networkKind: URIRef
    twinnedPlace: URIRef
    latitude: URIRef
    longitude: URIRef
    listedAs: URIRef
    computedAt: URIRef
    parameter: URIRef
    measureOf: URIRef
    measure: URIRef
    measureValue: URIRef
    computedIn: URIRef
    withinPlace: URIRef
    supports: URIRef
    supportsValue: URIRef
    editorialKind: URIRef
    reason: URIRef
    editorialReason: URIRef
    disputed: URIRef
    earliestDate: URIRef
    latestDate: URIRef
    url: URIRef
    accessedOn: URIRef
    publishedOn: URIRef
    SourceClaim: URIRef
    Outcome: URIRef
    Purpose: URIRef
    Judgement: URIRef
    claimAbout: URIRef
    beneficiary: URIRef
    heldBy: URIRef
    outcomeField: URIRef


#: Instances (actors, places, partnerships, cases, sources ...).
PD = Namespace("https://w3id.org/paradiplo/id/")

#: SKOS concept schemes of the controlled vocabularies.
VOCAB = "https://w3id.org/paradiplo/vocab/"
LEVEL = Namespace(VOCAB + "level/")
ROLE = Namespace(VOCAB + "role/")
FIELD = Namespace(VOCAB + "field/")
STATUS = Namespace(VOCAB + "status/")
ACTIVITY_STATUS = Namespace(VOCAB + "activity-status/")
FACTOR = Namespace(VOCAB + "factor/")
RINGROSE = Namespace(VOCAB + "ringrose/")
EDITORIAL = Namespace(VOCAB + "editorial/")
METHOD = Namespace(VOCAB + "method/")

#: The SHACL shapes of ``ontology/shapes/`` (named shapes, each with its messages).
PDSH = Namespace("https://w3id.org/paradiplo/shapes#")

#: Prefixes bound on every graph paradiplo builds, and offered to SPARQL queries.
PREFIXES = {
    "pdo": str(PDO._NS),
    "pd": str(PD),
    "level": str(LEVEL),
    "role": str(ROLE),
    "field": str(FIELD),
    "status": str(STATUS),
    "activity-status": str(ACTIVITY_STATUS),
    "factor": str(FACTOR),
    "ringrose": str(RINGROSE),
    "editorial": str(EDITORIAL),
    "method": str(METHOD),
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dcterms": "http://purl.org/dc/terms/",
    "prov": "http://www.w3.org/ns/prov#",
    "org": "http://www.w3.org/ns/org#",
    "schema": "https://schema.org/",
}
