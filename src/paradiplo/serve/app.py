"""The knowledge graph on the web: a read-only SPARQL 1.1 Protocol endpoint, entity pages,
a query page, a dataset description and a health check, as one Starlette application.

Every query goes through :class:`paradiplo.query.Workers`: updates and SERVICE are refused,
and the query runs in a sandboxed worker process (forked once) that is killed and replaced
at the time limit, so a runaway query stops for real and the server keeps answering. Requests and results are bounded.

Examples
--------
>>> _negotiate("text/csv;q=0.5, application/sparql-results+xml", RESULT_TYPES, "application/sparql-results+json")
'xml'
>>> Limits().timeout
10.0
"""

from __future__ import annotations

import contextlib
import json
import re
import time
from dataclasses import dataclass
from urllib.parse import parse_qs

import anyio
import anyio.to_thread
import pyoxigraph as ox
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, PlainTextResponse, Response
from starlette.routing import Route

from .. import query as q
from ..errors import QueryError, QueryTimeout, ResultTooLarge
from ..kg import KnowledgeGraph
from ..kg.stats import statement_count
from ..namespaces import PD, PREFIXES, VOCAB
from . import pages

RESULT_TYPES = {"application/sparql-results+json": "json", "application/json": "json",
                "application/sparql-results+xml": "xml", "application/xml": "xml", "text/csv": "csv",
                "text/tab-separated-values": "tsv"}
GRAPH_TYPES = {"text/turtle": "turtle", "application/n-triples": "nt", "application/ld+json": "jsonld",
               "application/trig": "trig", "application/rdf+xml": "rdfxml", "application/n-quads": "nq"}
_LOCAL = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._~-]{0,200}$")


@dataclass
class Limits:
    """What one request may ask of the server."""

    timeout: float = 10.0  # seconds a query may run
    max_rows: int = 10_000  # rows (or triples) a result may have
    max_body: int = 64 * 1024  # bytes of a request body
    max_query: int = 16 * 1024  # characters of a query
    workers: int = 4  # queries run at once; more wait for a free worker (within the time limit)


def _negotiate(accept: str, offered: dict, default: str) -> str | None:
    """The format of ``offered`` that the Accept header prefers (quality values honoured)."""
    if not accept:
        return offered[default]
    choices = []
    for i, part in enumerate(accept.split(",")):
        media, *params = [p.strip() for p in part.split(";")]
        quality = next((float(p[2:]) for p in params if p.startswith("q=") and _number(p[2:])), 1.0)
        choices.append((-quality, i, media.lower()))
    for _, _, media in sorted(choices):
        if media in offered:
            return offered[media]
        if media in ("*/*", "application/*", "text/*"):
            return offered[default]
    return None


def _number(text: str) -> bool:
    return bool(re.fullmatch(r"[01](\.\d{0,3})?", text))


def _html(page: str, status_code: int = 200) -> HTMLResponse:
    """A page with its Content-Security-Policy (:func:`pages.content_security_policy`)."""
    return HTMLResponse(page, status_code=status_code,
                        headers={"Content-Security-Policy": pages.content_security_policy(page),
                                 "X-Content-Type-Options": "nosniff"})


async def _body(request: Request, limit: int) -> bytes | None:
    """The request body, read as it streams in; None as soon as it passes ``limit`` bytes
    (whatever Content-Length says, and for a chunked body that declares none)."""
    if int(request.headers.get("content-length") or 0) > limit:
        return None
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            return None
        chunks.append(chunk)
    return b"".join(chunks)


def _dataset(default: list[str], named: list[str]) -> tuple | None:
    """The dataset the protocol's ``default-graph-uri`` and ``named-graph-uri`` ask for (in
    place of the query's FROM and FROM NAMED), or None when they are not given; a value
    that is no IRI is a QueryError.

    >>> _dataset([], ["https://w3id.org/paradiplo/id/case-seoul-tokyo"])
    ([], ['https://w3id.org/paradiplo/id/case-seoul-tokyo'])
    """
    if not default and not named:
        return None
    iri = q.Parameter("graph", "iri")
    return [str(q.to_term(iri, g)) for g in default], [str(q.to_term(iri, g)) for g in named]


def _error(status: int, message: str) -> PlainTextResponse:
    return PlainTextResponse(message + "\n", status_code=status)


def create_app(kg: KnowledgeGraph, limits: Limits | None = None, base: str = "") -> Starlette:
    """The web application over the loaded knowledge graph ``kg`` (read-only)."""
    limits = limits or Limits()
    store = kg.store
    statements = statement_count(kg)  # read-only: counted once
    queue = anyio.Semaphore(limits.workers)  # queries run at most `workers` at a time; the rest wait
    workers = anyio.CapacityLimiter(limits.workers)  # their own threads: pages keep theirs
    pool = q.Workers(kg, limits.workers)  # processes forked once, sandboxed; one replaced when it is stopped

    async def sparql(request: Request) -> Response:
        deadline = time.monotonic() + limits.timeout  # the whole request: queue, query, result
        if request.method == "POST":
            body = await _body(request, limits.max_body)
            if body is None:
                return _error(413, f"the request is larger than {limits.max_body} bytes")
            ctype = request.headers.get("content-type", "").split(";")[0].strip()
            form = parse_qs(body.decode("utf-8", "replace")) if ctype == "application/x-www-form-urlencoded" else {}
            if ctype == "application/sparql-update" or "update" in form:
                return _error(403, "this endpoint is read-only: SPARQL updates are refused")
            if ctype == "application/sparql-query":
                text = body.decode("utf-8", "replace")
            elif ctype == "application/x-www-form-urlencoded":
                text = (form.get("query") or [""])[0]
            else:
                return _error(415, "send the query as application/sparql-query or as a form field 'query'")
        else:
            form = {}
            if "update" in request.query_params:
                return _error(403, "this endpoint is read-only: SPARQL updates are refused")
            text = request.query_params.get("query", "")
        if not text:
            return _html(pages.query_page(q.library(), base))
        fields = form or {
            k: request.query_params.getlist(k) for k in ("default-graph-uri", "named-graph-uri")}
        try:
            dataset = _dataset(fields.get("default-graph-uri") or [], fields.get("named-graph-uri") or [])
        except QueryError as err:
            return _error(400, str(err))
        if len(text) > limits.max_query:
            return _error(413, f"the query is longer than {limits.max_query} characters")
        return await execute(request, text, None, dataset, deadline)

    async def execute(request: Request, text: str, bindings: dict | None, dataset, deadline: float) -> Response:
        """Run one query on a free worker within the deadline; the answer by content negotiation."""
        try:
            form = q.query_form(text)
        except QueryError as err:
            return _error(400, str(err))
        graph_result = form in ("CONSTRUCT", "DESCRIBE")
        offered = GRAPH_TYPES if graph_result else RESULT_TYPES
        fmt = _negotiate(request.headers.get("accept", ""), offered,
                         "text/turtle" if graph_result else "application/sparql-results+json")
        if fmt is None:
            return _error(406, "cannot answer in the requested format; offered: " + ", ".join(offered))
        stopped = _error(503, f"the query was stopped after {limits.timeout:g} seconds (the server's time limit)")
        with anyio.move_on_after(max(deadline - time.monotonic(), 0)) as waiting:
            await queue.acquire()  # a free query worker, waited for within the time limit
        if waiting.cancelled_caught:
            return stopped
        try:
            def answer() -> bytes:  # the query's worker writes the answer too, within the time limit
                return pool.run(text, bindings, max(deadline - time.monotonic(), 0.001), max_rows=limits.max_rows,
                                dataset=dataset, fmt=fmt)
            data = await anyio.to_thread.run_sync(answer, limiter=workers)
        except QueryTimeout:
            return stopped
        except ResultTooLarge as err:
            return _error(413, str(err))
        except QueryError as err:
            return _error(400, str(err))
        finally:
            queue.release()
        media = (q.GRAPH_FORMATS if graph_result else q.RESULT_FORMATS)[fmt].media_type
        return Response(data, media_type=media)

    async def named_query(request: Request) -> Response:
        """A query of the library with its parameters bound as ``paradiplo query run`` binds
        them (typed terms, defaults for those not given): the same rows as the command."""
        deadline = time.monotonic() + limits.timeout
        try:
            nq = q.find(request.path_params["name"])
            bindings = q.bind_parameters(nq, dict(request.query_params))
        except QueryError as err:
            return _error(404 if "no query named" in str(err) else 400, str(err))
        return await execute(request, nq.text, bindings, None, deadline)

    async def entity(request: Request) -> Response:
        local = request.path_params["local"]
        if not _LOCAL.match(local):
            return _html(pages.not_found(local, base), status_code=404)
        return await _describe(request, ox.NamedNode(f"{PD}{local}"))

    async def vocab(request: Request) -> Response:
        scheme, local = request.path_params["scheme"], request.path_params["local"]
        if not (_LOCAL.match(scheme) and _LOCAL.match(local)):
            return _html(pages.not_found(local, base), status_code=404)
        return await _describe(request, ox.NamedNode(f"{VOCAB}{scheme}/{local}"))

    async def ontology(request: Request) -> Response:
        fmt = _negotiate(request.headers.get("accept", ""), {**GRAPH_TYPES, "text/html": "html"}, "text/html")
        if fmt in (None, "html"):
            return _html(await _locked(pages.ontology_page, kg, base))
        graph = ox.NamedNode("https://w3id.org/paradiplo/ontology")
        triples = await _locked(lambda: [qd.triple for qd in store.quads_for_pattern(None, None, None, graph)])
        return _rdf(triples, fmt)

    async def _describe(request: Request, node: ox.NamedNode) -> Response:
        triples = await _locked(pages.statements_about, kg, node)
        if not triples:
            return _html(pages.not_found(node.value, base), status_code=404)
        asked = request.query_params.get("format")  # ?format=turtle|nt|jsonld, for a link in a page
        if asked is not None and asked not in GRAPH_TYPES.values():
            return _error(400, "format is one of turtle, nt, jsonld, trig")
        fmt = asked or _negotiate(request.headers.get("accept", ""), {**GRAPH_TYPES, "text/html": "html"},
                                  "text/html")
        if fmt is None:
            return _error(406, "offered: text/html, text/turtle, application/n-triples, application/ld+json")
        if fmt == "html":
            return _html(await _locked(pages.entity_page, kg, node, base))
        return _rdf(triples, fmt)

    async def void(request: Request) -> Response:
        return Response(await _locked(pages.void_turtle, kg, str(request.base_url).rstrip("/")),
                        media_type="text/turtle")

    async def health(request: Request) -> Response:
        return JSONResponse({"status": "ok", "statements": statements, "read_only": True,
                             "timeout_seconds": limits.timeout, "max_rows": limits.max_rows})

    async def queries(request: Request) -> Response:
        return JSONResponse([{"name": n, "title": x.title, "description": x.description, "query": x.text,
                              "parameters": [{"name": p.name, "type": p.type, "default": p.default,
                                              "description": p.description} for p in x.parameters],
                              "run": f"{base}/queries/{n}"}
                             for n, x in sorted(q.library().items())])

    async def vendor(request: Request) -> Response:
        name = request.path_params["name"]
        files = {"yasgui.min.js": "text/javascript", "yasgui.min.css": "text/css"}
        if name not in files or not (pages.VENDOR / name).is_file():
            return _html(pages.not_found(name, base), status_code=404)
        return Response((pages.VENDOR / name).read_bytes(), media_type=files[name],
                        headers={"Cache-Control": "max-age=86400"})

    async def home(request: Request) -> Response:
        return _html(pages.query_page(q.library(), base))

    async def compare(request: Request) -> Response:  # the case comparison (paradiplo.serve.compare)
        from .compare import default_page

        return _html(await _locked(default_page, kg, base))

    routes = [
        Route("/", home), Route("/sparql", sparql, methods=["GET", "POST"]),
        Route("/id/{local:str}", entity), Route("/vocab/{scheme:str}/{local:str}", vocab),
        Route("/ontology", ontology), Route("/void", void), Route("/health", health),
        Route("/queries.json", queries), Route("/queries/{name:str}", named_query), Route("/vendor/{name:str}", vendor),
        Route("/compare", compare),
    ]
    middleware = [Middleware(CORSMiddleware, allow_origins=["*"], allow_methods=["GET", "POST"],
                             allow_headers=["Content-Type", "Accept"])]

    async def not_found(request: Request, exc) -> Response:
        return _html(pages.not_found(request.url.path, base), status_code=404)

    async def server_error(request: Request, exc) -> Response:
        return _error(500, "the server could not answer this request (the error is in the server's log)")

    @contextlib.asynccontextmanager
    async def lifespan(app):
        yield
        pool.close()  # the query workers end with the server

    return Starlette(routes=routes, middleware=middleware, lifespan=lifespan,
                     exception_handlers={404: not_found, 500: server_error})


async def _locked(fn, *args):
    """Run ``fn`` in a worker thread while holding the store lock (see query.STORE_LOCK)."""
    def call():
        with q.STORE_LOCK:
            return fn(*args)
    return await run_in_threadpool(call)


def _rdf(triples, fmt: str) -> Response:
    """Triples in ``fmt`` (a key of :data:`paradiplo.query.GRAPH_FORMATS`), JSON-LD indented."""
    format_ = q.GRAPH_FORMATS[fmt]
    data = ox.serialize(triples, format=format_, prefixes=PREFIXES if fmt in ("turtle", "trig") else None) or b""
    if fmt == "jsonld":
        data = json.dumps(json.loads(data or b"[]"), indent=2, ensure_ascii=False)
    return Response(data, media_type=format_.media_type)


def serve(kg: KnowledgeGraph, host: str = "127.0.0.1", port: int = 8000, limits: Limits | None = None) -> None:
    """Serve ``kg`` until interrupted (uvicorn, one process; queries run in forked children)."""
    import uvicorn

    uvicorn.run(create_app(kg, limits), host=host, port=port, log_level="warning",
                limit_concurrency=64, timeout_keep_alive=5)
