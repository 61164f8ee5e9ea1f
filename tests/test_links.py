"""No IRI from the data becomes a link that runs code: on entity pages (paradiplo serve and
the static site) only paradiplo's own IRIs and http(s) addresses are links; a
``javascript:`` or ``data:`` IRI is shown as text. Pages carry a Content-Security-Policy
that would stop such a link even if one were written."""

import re

import pyoxigraph as ox
import pytest

from paradiplo.kg import load
from paradiplo.serve import pages

EVIL = """@prefix pd: <https://w3id.org/paradiplo/id/> .
@prefix pdo: <https://w3id.org/paradiplo/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
pd:case-evil {
  pd:city-evil a pdo:City ; rdfs:label "Evil"@en , "Jahat"@id ;
    pdo:wikidata <javascript:alert(document.domain)> ;
    pdo:geonames <https://sws.geonames.org/1642911/> ;
    rdfs:seeAlso <data:text/html,%3Cscript%3Ealert(1)%3C/script%3E> , <JavaScript:alert(2)> .
}
"""


@pytest.fixture(scope="module")
def evil_page(tmp_path_factory):
    path = tmp_path_factory.mktemp("evil") / "evil.trig"
    path.write_text(EVIL, encoding="utf-8")
    return pages.entity_page(load([path]), ox.NamedNode("https://w3id.org/paradiplo/id/city-evil"))


def test_a_javascript_or_data_iri_is_text_not_a_link(evil_page):
    hrefs = re.findall(r"href='([^']*)'", evil_page)
    assert "https://sws.geonames.org/1642911/" in hrefs  # a web address is a link
    assert not [h for h in hrefs if not (h.startswith(("/", "?", "https://", "http://")))], hrefs
    assert "javascript:alert(document.domain)" in evil_page  # shown, as text
    assert "data:text/html" in evil_page and "JavaScript:alert(2)" in evil_page


def test_the_policy_allows_exactly_the_inline_scripts_of_the_page():
    page = pages.query_page({}, "")
    policy = pages.content_security_policy(page)
    scripts = re.findall(r"<script>(.*?)</script>", page, re.S)
    assert len(scripts) == 1 and policy.count("'sha256-") == 1
    assert "'unsafe-inline'" not in policy.split("script-src", 1)[1].split(";")[0]  # no javascript: URL runs
    assert "object-src 'none'" in policy and "base-uri 'none'" in policy
    meta = pages.with_csp(page)
    assert meta.count("http-equiv='Content-Security-Policy'") == 1 and policy.replace("'", "&#x27;") in meta
