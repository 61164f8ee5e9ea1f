"""Where the project is, and a path with its links followed (the bottom layer: used by
:mod:`paradiplo.output` to refuse the project's own inputs, and by :mod:`paradiplo.kg`).

>>> (project_root() / "ontology" / "paradiplo.ttl").is_file()
True
"""

from __future__ import annotations

import os
from pathlib import Path


def project_root() -> Path:
    """The folder holding ``ontology/`` and ``data/``.

    ``PARADIPLO_ROOT`` overrides it; otherwise it is the checkout this package was
    installed from (``pip install -e .``, which ``make`` does).
    """
    env = os.environ.get("PARADIPLO_ROOT")
    if env:
        return Path(env).resolve()
    return Path(__file__).resolve().parents[2]


def real(path) -> Path:
    """The path with links followed (never raises: a link loop stays as it is, and reading
    it then fails with a located message)."""
    return Path(os.path.realpath(path))
