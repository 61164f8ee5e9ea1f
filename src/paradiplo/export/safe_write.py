"""Writing export files safely: atomically, and never over a file paradiplo did not write.

A manifest, ``.paradiplo-exports.json`` in the folder, records the checksum of each file
paradiplo wrote there; an existing file is replaced only if its checksum is in it, or with
``force``.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from ..errors import ExportError
from ..output import write_atomic

MANIFEST = ".paradiplo-exports.json"


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _manifest(folder: Path) -> dict:
    try:
        return json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (FileNotFoundError, json.JSONDecodeError):
        return {}


def safe_write(path: Path, data: bytes | str, force: bool = False) -> Path:
    """Write ``data`` atomically; refuse to replace a file paradiplo did not write."""
    path = Path(path)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    folder = path.parent
    folder.mkdir(parents=True, exist_ok=True)
    manifest = _manifest(folder)
    if path.exists() and not force and manifest.get(path.name) != _digest(path.read_bytes()):
        raise ExportError(f"{path} exists and was not written by paradiplo (or was changed since); "
                          "use --force to replace it")
    write_atomic(path, payload)
    manifest[path.name] = _digest(payload)
    write_atomic(folder / MANIFEST, json.dumps(manifest, indent=1, sort_keys=True))
    return path
