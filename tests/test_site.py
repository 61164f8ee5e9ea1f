"""paradiplo site: a static site that works from disk, every link resolving, downloads
with true checksums, and a query page that runs SPARQL in the browser (checked in
headless Chromium, opened from file://)."""

import hashlib
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from rdflib import Graph

from paradiplo import query as q
from paradiplo.site import build_site

from .test_browser import CHROMIUM, FLAGS, _need


@pytest.fixture(scope="module")
def site(tmp_path_factory, bundled):
    """The site of the four bundled cases: the pages, links and queries checked below are
    the same for every case, and a site of all 33 takes about 13 s to write."""
    out = tmp_path_factory.mktemp("site")
    build_site(bundled, out)
    return out


def test_pages_for_entities_concepts_and_the_ontology(site):
    page = (site / "id" / "agreement-jakarta-hanoi-mou-2004.html").read_text(encoding="utf-8")
    assert "2004-11-23" in page and "Source 002" in page and "Nota kesepahaman" in page
    assert (site / "vocab" / "role" / "host.html").is_file()
    assert "id='Embassy'" in (site / "ontology.html").read_text(encoding="utf-8")
    g = Graph().parse(site / "id" / "jakarta.ttl")
    assert any(str(o) == "http://www.wikidata.org/entity/Q3630" for o in g.objects())


def test_entity_pages_are_those_the_server_shows(site, bundled):
    """The site takes every entity's provenance from one run of the query (its parameter
    unbound); a page must be the one a single run for that entity gives (as `serve` makes
    it), rows in the same order (blank nodes never decide it)."""
    from paradiplo.serve import pages
    from paradiplo.site.build import MARK, relink

    for name in ("agreement-jakarta-hanoi-mou-2004", "activity-jakarta-hanoi-visit-hanoi-team-2017", "jakarta"):
        node = pages.ox.NamedNode(f"https://w3id.org/paradiplo/id/{name}")
        one = relink(pages.entity_page(bundled, node, MARK, rdf_links=(f"{name}.ttl", f"{name}.jsonld")), 1)
        written = (site / "id" / f"{name}.html").read_text(encoding="utf-8")

        def table(html: str) -> str:
            return html.split("<h2>Statements and their passages</h2>", 1)[1].split("</table>", 1)[0]
        assert table(written) == table(one) and "Source 002" in table(one), name


def test_every_relative_link_resolves(site):
    broken = []
    for page in site.rglob("*.html"):
        for href in re.findall(r"href='([^']+)'", page.read_text(encoding="utf-8")):
            if urlsplit(href).scheme or href.startswith("#"):
                continue
            target = (page.parent / unquote(href.split("#")[0])).resolve()
            if not target.is_file():
                broken.append(f"{page.relative_to(site)} -> {href}")
    assert not broken, broken[:10]


def test_downloads_and_their_checksums(site):
    sums = dict(reversed(line.split("  ")) for line in (site / "downloads" / "SHA256SUMS").read_text().splitlines())
    assert {"paradiplo.trig", "paradiplo.nq", "paradiplo.jsonld", "actors.gexf", "actors.graphml"} <= set(sums)
    for name, digest in sums.items():
        assert hashlib.sha256((site / "downloads" / name).read_bytes()).hexdigest() == digest, name
    void = Graph().parse(site / "void.ttl", publicID="https://example.org/site/void.ttl")
    dumps = {str(o) for _, p, o in void if str(p) == "http://rdfs.org/ns/void#dataDump"}
    assert "https://example.org/site/downloads/paradiplo.trig" in dumps


def test_building_again_and_refusing_a_foreign_file(site, tmp_path, bundled):
    """A site written by paradiplo is replaced; a file it did not write is refused. The
    first build is the module's ``site`` (copied, manifest and all, so this test edits its
    own folder): one build of the bundled site fewer, about 2 s."""
    import shutil

    from paradiplo.errors import ExportError

    shutil.copytree(site, tmp_path, dirs_exist_ok=True)
    assert build_site(bundled, tmp_path)  # its own files: replaced
    (tmp_path / "index.html").write_text("my own page")
    with pytest.raises(ExportError, match="not written by paradiplo"):
        build_site(bundled, tmp_path)
    assert (tmp_path / "index.html").read_text() == "my own page"


@pytest.mark.parametrize("name", ["partnerships", "study-methods"])
def test_the_query_page_runs_sparql_in_the_browser_from_disk(site, bundled, name):
    _need(CHROMIUM, "Chromium")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        page = browser.new_page()
        page.goto(Path(site / "index.html").as_uri())
        page.wait_for_selector("#status:text-matches('^ready')", timeout=90_000)  # no eval: the CSP forbids it
        assert page.evaluate("!!window.PARADIPLO_EDITOR")  # the vendored editor loads from disk too
        page.select_option("#examples", name)
        page.click("#run")
        page.wait_for_selector("#result-table", timeout=30_000)
        shown = page.locator("#result-table tr").count() - 1
        browser.close()
    assert shown == len(q.run(bundled, q.library()[name].text).rows) > 0


def test_every_page_carries_its_content_security_policy(site):
    from paradiplo.serve.pages import content_security_policy

    for path in site.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        meta = re.search(r"<meta http-equiv='Content-Security-Policy' content=\"([^\"]+)\">", html)
        assert meta, path
        assert meta.group(1).replace("&#x27;", "'") == content_security_policy(html), path


def test_the_site_binds_parameters_and_shows_construct_as_turtle(site, bundled):
    """From disk, in the browser: each parameterised library query with its defaults gives
    the rows of paradiplo query run; a CONSTRUCT query is shown as Turtle."""
    _need(CHROMIUM, "Chromium")
    sync_api = pytest.importorskip("playwright.sync_api")
    names = ["partner-cities", "recurring-obstacles", "provenance", "agreement-chronology"]
    shown = {}
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        page = browser.new_page()
        page.goto(Path(site / "index.html").as_uri())
        page.wait_for_selector("#status:text-matches('^ready')", timeout=90_000)
        for name in names:
            page.select_option("#examples", name)
            page.click("#run")
            page.wait_for_selector("#status:text-matches('rows in')", timeout=30_000)
            shown[name] = page.locator("#result-table tr").count() - 1
        page.evaluate("window.PARADIPLO_EDITOR.setValue('PREFIX pdo: <https://w3id.org/paradiplo/ontology#> "
                      "CONSTRUCT { ?a pdo:signedOn ?d } WHERE { ?a pdo:signedOn ?d }')")
        page.click("#run")
        page.wait_for_selector("#result-graph", timeout=30_000)
        turtle = page.locator("#result-graph").text_content()
        browser.close()
    for name in names:
        nq = q.library()[name]
        assert shown[name] == len(q.run(bundled, nq.text, q.bind_parameters(nq, {})).rows), name
    assert "2004-11-23" in turtle
