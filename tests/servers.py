"""Real servers for the tests: paradiplo serve and an Oxigraph SPARQL server, each started on
127.0.0.1 in a subprocess and stopped afterwards; HTTP helpers (no mocks)."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from contextlib import contextmanager
from pathlib import Path

BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def running(command: list[str], url: str, wait: float = 90.0):
    """Start ``command``, wait until ``url`` answers, yield, then stop it."""
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + wait
        while True:
            try:
                urllib.request.urlopen(url, timeout=2).read()
                break
            except (urllib.error.URLError, OSError):
                if process.poll() is not None or time.monotonic() > deadline:
                    out = process.stdout.read().decode(errors="replace") if process.poll() is not None else ""
                    raise RuntimeError(f"{command[0]} did not start: {out[-2000:]}") from None
                time.sleep(0.3)
        yield process
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


def http(url: str, data: bytes | None = None, headers: dict | None = None, method: str | None = None,
         timeout: float = 60.0) -> tuple[int, dict, bytes]:
    """(status, headers, body) of one request; an HTTP error status is returned, not raised."""
    request = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as err:
        return err.code, dict(err.headers), err.read()


def select(endpoint: str, query: str, timeout: float = 60.0) -> list[tuple]:
    """The rows of a SELECT over HTTP (SPARQL JSON results), each cell its value or None;
    a cell of '; '-joined values (GROUP_CONCAT, whose order SPARQL leaves open) sorted."""
    status, _, body = http(endpoint, urllib.parse.urlencode({"query": query}).encode(),
                           {"Accept": "application/sparql-results+json",
                            "Content-Type": "application/x-www-form-urlencoded"}, timeout=timeout)
    assert status == 200, body[:2000]
    doc = json.loads(body)
    names = doc["head"]["vars"]
    return [tuple(normal(b[v]["value"]) if v in b else None for v in names) for b in doc["results"]["bindings"]]


def normal(value: str) -> str:
    return "; ".join(sorted(value.split("; "))) if "; " in value else value
