"""Put the knowledge graph into a SPARQL store through the SPARQL 1.1 Graph Store Protocol.

Every named graph (cases, sources, ontology, vocabularies, the entailments, and the world
list when it is loaded) is sent as N-Triples to ``URL?graph=IRI``: ``PUT`` replaces the
graph in the store, ``POST`` adds to it. The URL is the store's Graph Store endpoint:

=================  ====================================================
Oxigraph server    ``http://HOST:7878/store``
Apache Jena Fuseki ``http://HOST:3030/DATASET/data``
Virtuoso           ``http://HOST:8890/sparql-graph-crud-auth`` (with a user)
GraphDB            ``http://HOST:7200/repositories/REPO/rdf-graphs/service``
=================  ====================================================

With the entailment graph published, the query library gives the same rows on the store
(queried with the union of the named graphs as default graph) as through paradiplo.
"""

from __future__ import annotations

import http.client
import io
import socket
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field

import pyoxigraph as ox

from .errors import InputError, ParadiploError
from .kg import KnowledgeGraph, carried_graphs, entail


class PublishError(ParadiploError):
    """The store refused the data or cannot be reached."""


@dataclass
class Published:
    url: str
    graphs: list[tuple[str, int]] = field(default_factory=list)  # (graph IRI, triples)
    seconds: float = 0.0

    @property
    def triples(self) -> int:
        return sum(n for _, n in self.graphs)


def publish(kg: KnowledgeGraph, url: str, *, replace: bool = True, user: str | None = None, password: str | None = None,
            timeout: float = 600.0, progress=lambda _: None) -> Published:
    """Send every named graph of ``kg`` to the Graph Store endpoint ``url``.

    ``timeout`` bounds the whole publication (a store that answers a byte at a time cannot
    hold it longer). A store that asks for a user gets it by Basic or Digest
    authentication, as its challenge says. When a graph fails, the error says which graphs
    the store already has in their new version; running the command again finishes (each
    graph is replaced whole, so a second run leaves no graph half-sent or doubled).
    """
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise InputError(url, "is not an http(s) address of a Graph Store endpoint",
                         hint="e.g. http://127.0.0.1:7878/store (Oxigraph) or http://127.0.0.1:3030/kg/data (Fuseki)")
    entail(kg)
    store = kg.store
    done = Published(url)
    started = time.monotonic()
    deadline = started + timeout
    opener = _opener(url, user, password, deadline)
    if user:  # learn how the store asks for the user with a request without a body (it changes nothing)
        probe = f"{url}{'&' if parts.query else '?'}graph={urllib.parse.quote('urn:x-paradiplo:probe', safe='')}"
        try:
            with opener.open(urllib.request.Request(probe, method="GET"), timeout=max(deadline - time.monotonic(), 1)):
                pass
        except urllib.error.HTTPError as err:
            if err.code in (401, 403):
                raise PublishError(f"{url} refused user {user}: HTTP {err.code} {err.reason} (check --user and the "
                                   "password in PARADIPLO_STORE_PASSWORD); the store was not changed") from None
        except (urllib.error.URLError, OSError):
            pass  # unreachable: the first graph says so
    graphs = carried_graphs(kg)
    for i, g in enumerate(graphs, 1):
        triples = [q.triple for q in store.quads_for_pattern(None, None, None, g)]
        body = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b""
        target = f"{url}{'&' if parts.query else '?'}graph={urllib.parse.quote(g.value, safe='')}"
        request = urllib.request.Request(target, data=body, method="PUT" if replace else "POST",
                                         headers={"Content-Type": "application/n-triples"})
        try:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError
            with opener.open(request, timeout=left) as response:
                while response.read(1 << 16):
                    pass
        except urllib.error.HTTPError as err:
            detail = err.read(2000).decode("utf-8", "replace").strip()
            raise PublishError(f"{url} refused graph {g.value}: HTTP {err.code} {err.reason}"
                               + (f": {detail}" if detail else "") + _so_far(done, graphs, replace)) from None
        except TimeoutError:
            raise PublishError(f"{url} did not take graph {g.value} within the time limit of {timeout:g} s for the "
                               f"whole publication" + _so_far(done, graphs, replace)) from None
        except (urllib.error.URLError, OSError) as err:
            reason = getattr(err, "reason", err)
            if isinstance(reason, TimeoutError):
                raise PublishError(f"{url} did not take graph {g.value} within the time limit of {timeout:g} s for "
                                   f"the whole publication" + _so_far(done, graphs, replace)) from None
            raise PublishError(f"cannot reach {url}: {reason} (is the store running, and is this its Graph Store "
                               "endpoint?)" + _so_far(done, graphs, replace)) from None
        done.graphs.append((g.value, len(triples)))
        progress(f"[{i}/{len(graphs)}] {g.value}: {len(triples):,} triples")
    done.seconds = time.monotonic() - started
    return done


def _so_far(done: Published, graphs: list, replace: bool) -> str:
    """What the store holds after a failure, and how to finish."""
    if not done.graphs:
        return "; the store was not changed"
    names = ", ".join(g for g, _ in done.graphs[:5]) + (f" and {len(done.graphs) - 5} more" if len(done.graphs) > 5
                                                         else "")
    verb = "replaced" if replace else "added to"
    again = ("run the same command again to finish" if replace else
             "adding again would double them: publish without --add to replace every graph")
    return f"; {len(done.graphs)} of {len(graphs)} graphs were {verb} before it ({names}): {again}"


class _DeadlineSocket:
    """A connected socket whose every read and write must end by ``deadline`` (a
    ``time.monotonic()`` value), however slowly the other side answers."""

    def __init__(self, sock, deadline: float):
        self._sock, self._deadline = sock, deadline

    def _left(self) -> None:
        left = self._deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError("the time limit passed")
        self._sock.settimeout(left)

    def recv_into(self, buffer, nbytes=0, flags=0):
        self._left()
        return self._sock.recv_into(buffer, nbytes, flags)

    def recv(self, bufsize, flags=0):
        self._left()
        return self._sock.recv(bufsize, flags)

    def sendall(self, data, flags=0):
        view = memoryview(data)
        while view:  # in pieces, so that a store that reads slowly meets the deadline too
            self._left()
            sent = self._sock.send(view[:1 << 16], flags)
            view = view[sent:]

    def makefile(self, mode="r", buffering=None, **_):
        raw = socket.SocketIO(self, mode.replace("b", ""))
        self._sock._io_refs += 1
        return io.BufferedReader(raw) if "r" in mode else io.BufferedWriter(raw)

    def __getattr__(self, name):
        return getattr(self._sock, name)


def _opener(url: str, user: str | None, password: str | None, deadline: float) -> urllib.request.OpenerDirector:
    """urllib with the overall deadline on every connection, and Basic and Digest
    authentication for ``user`` at ``url`` (sent when the store asks)."""

    class Connection(http.client.HTTPConnection):
        def connect(self):
            super().connect()
            self.sock = _DeadlineSocket(self.sock, deadline)

    class SecureConnection(http.client.HTTPSConnection):
        def connect(self):
            super().connect()
            self.sock = _DeadlineSocket(self.sock, deadline)

    class Plain(urllib.request.HTTPHandler):
        def http_open(self, req):
            return self.do_open(Connection, req)

    class Secure(urllib.request.HTTPSHandler):
        def https_open(self, req):
            return self.do_open(SecureConnection, req, context=self._context)

    class Digest(urllib.request.HTTPDigestAuthHandler):
        """Digest that, once it has the store's challenge, answers it on every later request
        before it is sent: a store that refuses a large body unauthenticated may close the
        connection while the body is still being sent (Virtuoso does), before its 401 and
        challenge can be read."""

        challenge = None

        def retry_http_digest_auth(self, req, auth):
            token, challenge = auth.split(" ", 1)
            self.challenge = urllib.request.parse_keqv_list(filter(None, urllib.request.parse_http_list(challenge)))
            return super().retry_http_digest_auth(req, auth)

        def http_request(self, req):
            if self.challenge and not req.has_header("Authorization"):
                answer = self.get_authorization(req, self.challenge)
                if answer:
                    req.add_unredirected_header("Authorization", f"Digest {answer}")
            return req

        https_request = http_request

    handlers = [Plain(), Secure()]
    if user:
        passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
        passwords.add_password(None, url, user, password or "")
        handlers += [urllib.request.HTTPBasicAuthHandler(passwords), Digest(passwords)]
    return urllib.request.build_opener(*handlers)
