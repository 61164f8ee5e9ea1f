"""The query page in a real browser: headless Chromium (Debian's package, which .ci/run
installs) driven by Playwright opens paradiplo serve's page, runs a named query of the
library and shows its rows."""

import os
import shutil

import pytest

from paradiplo import query as q
from paradiplo.kg import load

from .servers import BIN, free_port, running

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
         "--disable-sync", "--no-first-run"]


def _need(ok, what):
    if not ok:
        if os.environ.get("PARADIPLO_REQUIRE_BROWSER"):
            pytest.fail(f"{what} is missing (.ci/run installs it)")
        pytest.skip(f"{what} is missing: apt-get install chromium (as .ci/run does) to run the browser tests")


@pytest.fixture(scope="module")
def browser():
    _need(CHROMIUM, "Chromium")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield b
        b.close()


@pytest.fixture(scope="module")
def server():
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    with running([str(BIN / "paradiplo"), "serve", "--port", str(port)], f"{base}/health"):
        yield base


@pytest.mark.parametrize("name", ["partnerships", "disputed-claims"])
def test_the_query_page_runs_a_named_query(browser, server, name):
    page = browser.new_page()
    page.goto(f"{server}/")
    page.select_option("#examples", name)
    page.click("#run")
    page.wait_for_selector("#result-table", timeout=30_000)
    shown = page.locator("#result-table tr").count() - 1  # the header row
    assert shown == len(q.run(load(), q.library()[name].text).rows) > 0
    link = page.locator("#result-table a").first.get_attribute("href")
    assert link.startswith("/id/")  # a paradiplo IRI opens as its page on this server
    page.close()


def test_an_error_is_shown_not_thrown(browser, server):
    page = browser.new_page()
    page.goto(f"{server}/")
    page.evaluate("window.PARADIPLO_EDITOR.setValue('SELECT ?x WHERE { ?x')")
    page.click("#run")
    page.wait_for_selector("#error:not(:empty)", timeout=30_000)  # no string to evaluate: the page's CSP forbids eval
    assert "syntax" in page.locator("#error").text_content().lower()
    page.close()


def test_the_editor_is_yasqe_and_nothing_leaves_the_machine(browser, server):
    """The vendored YASGUI editor (SPARQL highlighting) loads from the server itself, and
    the page asks nothing of any other host."""
    page = browser.new_page()
    elsewhere = []
    page.on("request", lambda r: None if r.url.startswith(server) or r.url.startswith("data:")
            else elsewhere.append(r.url))
    page.goto(f"{server}/")
    page.wait_for_selector(".CodeMirror", timeout=30_000)
    page.select_option("#examples", "partnerships")
    assert "pdo:Partnership" in page.evaluate("window.PARADIPLO_EDITOR.getValue()")
    assert page.locator(".cm-keyword").count() > 0  # highlighted as SPARQL
    page.click("#run")
    page.wait_for_selector("#result-table", timeout=30_000)
    assert elsewhere == []
    page.close()


def test_a_javascript_iri_in_the_results_is_no_link_and_nothing_runs(browser, server):
    """A javascript: IRI in a result is shown as text (only http(s) become links); clicking
    it runs nothing, and a javascript: link written into the page anyway is stopped by the
    page's Content-Security-Policy."""
    page = browser.new_page()
    blocked = []
    page.on("console", lambda m: blocked.append(m.text) if "Content Security Policy" in m.text else None)
    page.goto(f"{server}/")
    page.wait_for_selector(".CodeMirror", timeout=30_000)
    page.evaluate("window.PARADIPLO_EDITOR.setValue('SELECT ?x WHERE { VALUES ?x { "
                  "<javascript:window.PWNED=1> <https://example.org/> } }')")
    page.click("#run")
    page.wait_for_selector("#result-table", timeout=30_000)
    assert [page.locator("#result-table a").nth(i).get_attribute("href")
            for i in range(page.locator("#result-table a").count())] == ["https://example.org/"]
    page.locator("#result-table span", has_text="javascript:").click()
    page.evaluate("() => { const a = document.createElement('a'); a.id = 'planted'; a.textContent = 'x';"
                  " a.href = 'javascript:window.PWNED=1'; document.body.append(a); }")
    page.click("#planted")
    page.wait_for_timeout(500)
    assert page.evaluate("window.PWNED === undefined")
    assert blocked  # the policy refused the planted link
    page.close()


def _rows(page) -> int:
    page.wait_for_selector("#result-table", timeout=30_000)
    return page.locator("#result-table tr").count() - 1


@pytest.mark.parametrize("name", ["partner-cities", "recurring-obstacles", "provenance", "agreement-chronology"])
def test_a_parameterised_query_shows_its_parameters_and_gives_the_command_s_rows(browser, server, name):
    nq = q.library()[name]
    page = browser.new_page()
    page.goto(f"{server}/")
    page.wait_for_selector(".CodeMirror", timeout=30_000)
    page.select_option("#examples", name)
    fields = page.locator("#params input")
    assert [fields.nth(i).get_attribute("name") for i in range(fields.count())] == [p.name for p in nq.parameters]
    assert fields.first.input_value() == nq.parameters[0].default
    page.click("#run")
    assert _rows(page) == len(q.run(load(), nq.text, q.bind_parameters(nq, {})).rows)
    page.close()


def test_another_parameter_value_and_an_edited_query(browser, server):
    nq = q.library()["partner-cities"]
    expected = len(q.run(load(), nq.text, q.bind_parameters(nq, {"city": "pd:seoul"})).rows)
    page = browser.new_page()
    page.goto(f"{server}/")
    page.wait_for_selector(".CodeMirror", timeout=30_000)
    page.select_option("#examples", "partner-cities")
    page.fill("#params input[name=city]", "pd:seoul")
    page.click("#run")
    assert _rows(page) == expected > 0  # bound on the server, as the command binds
    page.evaluate("window.PARADIPLO_EDITOR.setValue(window.PARADIPLO_EDITOR.getValue() + '\\n# edited')")
    page.click("#run")
    page.wait_for_selector("#status:text-matches('rows in')", timeout=30_000)
    assert _rows(page) == expected  # bound in the page's text
    page.close()


def test_a_construct_query_is_shown_as_turtle(browser, server):
    page = browser.new_page()
    page.goto(f"{server}/")
    page.wait_for_selector(".CodeMirror", timeout=30_000)
    page.evaluate("window.PARADIPLO_EDITOR.setValue('CONSTRUCT { ?a pdo:signedOn ?d } WHERE { ?a pdo:signedOn ?d }')")
    page.click("#run")
    page.wait_for_selector("#result-graph", timeout=30_000)
    assert "2004-11-23" in page.locator("#result-graph").text_content()
    page.close()
