"""Where a finding is, and how it is worded: the entity a blank node belongs to, labels,
SHACL paths as text, the message in the contributor's language, and the line of the file
where the entity is written."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from rdflib import RDFS, BNode, Graph, URIRef
from rdflib.namespace import SH

from ..kg.labels import curie, pick
from ..namespaces import PDSH


def short_name(term) -> str | None:
    """Shorten an IRI with the project's prefixes (pd:, pdo:, field: ...) and pdsh:, sh:."""
    return curie(term, {"pdsh": str(PDSH), "sh": str(SH)})


def path_text(g: Graph, path) -> str | None:
    """A SHACL property path as text: pdo:x, ^pdo:x (inverse), pdo:x|pdo:y (alternatives)."""
    if path is None or not isinstance(path, BNode):
        return short_name(path)
    inverse = g.value(path, SH.inversePath)
    if inverse is not None:
        return "^" + (path_text(g, inverse) or "")
    alternatives = g.value(path, SH.alternativePath)
    if alternatives is not None:
        from rdflib.collection import Collection

        return "|".join(path_text(g, p) or "" for p in Collection(g, alternatives))
    return None


def label_in(g: Graph, node, lang: str) -> str:
    """The ``rdfs:label`` of ``node`` in ``lang`` (:func:`paradiplo.kg.labels.pick`), else its CURIE."""
    return pick(g.objects(node, RDFS.label), lang) or short_name(node) or ""


def owner_of(g: Graph, node, depth: int = 0):
    """The IRI entity a blank node belongs to, and the property that links them."""
    if not isinstance(node, BNode) or depth > 5:
        return node, None
    for parent, prop in g.subject_predicates(node):
        owner, _ = owner_of(g, parent, depth + 1)
        return owner, prop
    return node, None


def fill_template(template: str, values: dict[str, str]) -> str:
    """A message template with ``{?name}`` / ``{$name}`` replaced by the values, as SHACL
    engines fill ``sh:message``.

    >>> fill_template("signed {?d1}, before {$d2}", {"d1": "2003", "d2": "2004"})
    'signed 2003, before 2004'
    """
    for name, value in values.items():
        template = template.replace("{?" + name + "}", value).replace("{$" + name + "}", value)
    return template


def template_regex(template: str) -> re.Pattern:
    parts = re.split(r"\{[?$]\w+\}", template)
    return re.compile(".*?".join(re.escape(p) for p in parts) + r"\Z", re.S)


def message_in(messages: list, shape, shapes: Graph, lang: str) -> str:
    """The result's message in ``lang``.

    Engines drop the language tag of a message once they substitute {?var} in it, so
    an untagged message is matched back to the shape's template in each language.
    """
    for m in messages:
        if getattr(m, "language", None) == lang:
            return m.value
    templates = [t for t in shapes.objects(shape, SH.message) if getattr(t, "language", None) == lang]
    for m in messages:
        if any(template_regex(str(t)).match(m.value) for t in templates):
            return m.value
    return messages[0].value if messages else ""


_SUBJECT = re.compile(r"^\s*(<[^>\s]*>|[\w-]*:[^\s;,]*[^\s;,.])")


@lru_cache(maxsize=16)
def subject_lines(path: Path) -> tuple[dict[str, int], dict[str, str]]:
    """Index a file once: the first line where each subject token is written, and the
    file's prefixes (Turtle/TriG), so locating a result costs a dictionary lookup."""
    first: dict[str, int] = {}
    prefixes: dict[str, str] = {}
    with open(path, encoding="utf-8") as fh:
        for i, line in enumerate(fh, 1):
            m = re.match(r"\s*@?prefix\s+([\w-]*):\s*<([^>]*)>", line, re.I)
            if m:
                prefixes[m.group(2)] = m.group(1)
                continue
            m = _SUBJECT.match(line)
            if m and m.group(1) not in first:
                first[m.group(1)] = i
    return first, prefixes


def line_of(node: URIRef, path: Path) -> int | None:
    """First line of ``path`` where ``node`` is written as a subject."""
    first, prefixes = subject_lines(path)
    line = first.get(f"<{node}>")
    if line is None:
        for ns, prefix in prefixes.items():
            if str(node).startswith(ns):
                line = first.get(f"{prefix}:{str(node)[len(ns):]}")
                if line is not None:
                    break
    return line



def display_path(path: Path, root: Path) -> str:
    try:
        return str(path.relative_to(root))
    except ValueError:
        return str(path)
