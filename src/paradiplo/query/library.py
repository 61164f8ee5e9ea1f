"""The query library: the files of ``queries/``, each with a comment header::

    # title: Chronology of a partnership's agreements
    # description: The research question the query answers.
    # parameters: partnership (iri, default pd:partnership-jakarta-hanoi): the partnership
    # example: paradiplo query run agreement-chronology --param partnership=pd:partnership-seoul-tokyo

>>> library()["partner-cities"].parameters[0].name
'city'
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from pathlib import Path

from ..errors import QueryError
from ..paths import project_root
from .parameters import PARAM_TYPES, Parameter
from .safety import query_form


@dataclass
class NamedQuery:
    """One file of the query library."""

    name: str
    title: str
    description: str
    parameters: list[Parameter]
    example: str
    text: str
    path: Path | None = None

    @property
    def form(self) -> str:
        """SELECT, ASK, CONSTRUCT or DESCRIBE."""
        return query_form(self.text)


_HEADER = re.compile(r"^#\s*(title|description|parameters|example):\s*(.*)$")
_PARAM = re.compile(r"^(\w+)\s*\(\s*(\w+)\s*(?:,\s*default\s+([^)]+?))?\s*\)\s*(?::\s*(.*))?$")


def parse_header(text: str, name: str = "query") -> dict:
    """Read the ``# key: value`` header lines at the top of a query file."""
    header: dict = {"parameters": []}
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        m = _HEADER.match(line)
        if not m:
            continue
        key, value = m.group(1), m.group(2).strip()
        if key == "parameters":
            if value.lower() != "none":
                p = _PARAM.match(value)
                if not p:
                    raise QueryError(f"{name}: cannot read parameter line {value!r}; "
                                     "write 'name (type, default VALUE): description'")
                if p.group(2) not in PARAM_TYPES:
                    raise QueryError(f"{name}: parameter {p.group(1)} has unknown type {p.group(2)!r}")
                header["parameters"].append(Parameter(p.group(1), p.group(2), p.group(3), p.group(4) or ""))
        else:
            header[key] = value
    return header


def load_query(path: Path) -> NamedQuery:
    text = Path(path).read_text(encoding="utf-8")
    h = parse_header(text, Path(path).stem)
    return NamedQuery(Path(path).stem, h.get("title", ""), h.get("description", ""), h["parameters"],
                      h.get("example", ""), text, Path(path))


def library(root: Path | None = None) -> dict[str, NamedQuery]:
    """Every query of ``queries/``, by name (the file stem)."""
    folder = (root or project_root()) / "queries"
    return {p.stem: load_query(p) for p in sorted(folder.glob("*.rq"))}


def find(name: str, root: Path | None = None) -> NamedQuery:
    """The named query, or a QueryError that suggests the closest names."""
    queries = library(root)
    if name in queries:
        return queries[name]
    close = difflib.get_close_matches(name, queries, n=3, cutoff=0.5)
    hint = f"; did you mean {' or '.join(close)}?" if close else "; `paradiplo query list` shows them"
    raise QueryError(f"no query named {name!r}{hint}")


def read_query_file(path: Path) -> str:
    """The text of a query file, or an InputError that says why it cannot be read."""
    from ..errors import InputError
    from ..kg.load import check_regular

    check_regular(Path(path), "a query file")
    try:
        return Path(path).read_text(encoding="utf-8")
    except OSError as err:
        raise InputError(path, f"cannot be read: {err.strerror or err}") from None
    except UnicodeDecodeError:
        raise InputError(path, "not UTF-8", hint="save the query as UTF-8") from None
