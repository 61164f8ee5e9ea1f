"""paradiplo publish against hostile or demanding Graph Store endpoints, each a small
server on 127.0.0.1 written here: one that answers a byte at a time (the overall time
limit stops it), one that fails half-way (the message says which graphs were replaced),
and one that asks for HTTP Digest authentication, as Virtuoso's endpoint does."""

import hashlib
import re
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from paradiplo.kg import load
from paradiplo.publish import PublishError, publish


class Store(BaseHTTPRequestHandler):
    """Takes every PUT (recording the graph); subclasses misbehave."""

    received: list

    def log_message(self, *args):
        pass

    def _body(self):
        return self.rfile.read(int(self.headers.get("Content-Length") or 0))

    def do_PUT(self):
        self._body()
        self.received.append(self.path)
        self.send_response(204)
        self.end_headers()


@pytest.fixture
def serve():
    servers = []

    def start(handler):
        handler.received = []
        server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        server.daemon_threads = True
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}/store", handler.received
    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


def _graphs() -> int:
    return sum(1 for _ in load().store.named_graphs())


def test_a_store_that_trickles_bytes_cannot_hold_publish(serve):
    class Trickle(Store):
        def do_PUT(self):
            self._body()
            self.send_response(200)
            self.send_header("Content-Length", "100000")
            self.end_headers()
            try:
                for _ in range(600):  # a byte every 0.1 s: every single read is quick
                    self.wfile.write(b"x")
                    self.wfile.flush()
                    time.sleep(0.1)
            except OSError:
                pass
    url, _ = serve(Trickle)
    outcome = {}

    def run():
        try:
            publish(load(), url, timeout=2)
        except PublishError as err:
            outcome["error"] = str(err)
    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(timeout=40)
    assert not thread.is_alive(), "publish hung on a trickling store"
    assert "time limit" in outcome["error"] and "the store was not changed" in outcome["error"]


def test_a_failure_half_way_says_which_graphs_were_replaced(serve):
    class HalfWay(Store):
        def do_PUT(self):
            if len(self.received) >= 3:
                self._body()
                self.send_response(500)
                self.end_headers()
                self.wfile.write(b"disk full")
                return
            super().do_PUT()
    url, received = serve(HalfWay)
    with pytest.raises(PublishError) as caught:
        publish(load(), url)
    message = str(caught.value)
    assert f"3 of {_graphs()} graphs were replaced" in message and "run the same command again" in message
    assert "HTTP 500" in message and "disk full" in message
    first = re.search(r"graph=([^&]+)", received[0]).group(1)
    assert first.replace("%3A", ":").replace("%2F", "/") in message


def test_digest_authentication(serve):
    realm, nonce, user, password = "paradiplo-test", "5f3a9c", "dba", "s3cret"

    def md5(text):
        return hashlib.md5(text.encode()).hexdigest()

    refused_puts = []

    class Digest(Store):
        """As Virtuoso's -auth endpoint: an unauthenticated request gets 401 and its
        challenge at once, the connection closed without reading the body (a client still
        sending a large graph then sees a broken pipe, not the challenge: seen in CI)."""

        def _authorised(self, method):
            auth = self.headers.get("Authorization", "")
            fields = dict(re.findall(r'(\w+)="?([^",]+)"?', auth))
            if not (auth.startswith("Digest ") and fields.get("username") == user):
                return False
            ha1 = md5(f"{user}:{realm}:{password}")
            ha2 = md5(f"{method}:{fields['uri']}")
            expected = md5(f"{ha1}:{nonce}:{fields['nc']}:{fields['cnonce']}:{fields['qop']}:{ha2}")
            return fields.get("response") == expected

        def _challenge(self):
            self.send_response(401)
            self.send_header("WWW-Authenticate", f'Digest realm="{realm}", nonce="{nonce}", qop="auth", '
                                                 'algorithm=MD5')
            self.send_header("Content-Length", "0")
            self.send_header("Connection", "close")
            self.end_headers()
            self.close_connection = True

        def do_GET(self):
            if not self._authorised("GET"):
                return self._challenge()
            self.send_response(404)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def do_PUT(self):
            if not self._authorised("PUT"):
                refused_puts.append(self.path)
                return self._challenge()
            super().do_PUT()
    url, received = serve(Digest)
    done = publish(load(), url, user=user, password=password)
    assert len(received) == len(done.graphs) == _graphs()
    assert refused_puts == []  # the challenge learnt once (a request without a body), then answered up front
    with pytest.raises(PublishError, match="401"):
        publish(load(), url, user=user, password="wrong")
