"""The one safe way to write a file, and CSV text (the bottom layer: no terminal here;
tables, options and standard output are :mod:`paradiplo.render`'s).

Every file paradiplo writes goes through :func:`write_atomic` (a temporary file in the same
folder, then a rename: an interrupted run never leaves a half-written file where a good one
was). A file a *user* names (``-o``) goes through :func:`safe_write`, which also

* refuses to replace the project's own inputs (``ontology/``, ``data/``, ``queries/``),
  under any option;
* writes *into* a device or named pipe the user names (``-o /dev/null`` discards,
  ``/dev/full`` fails with "disk full"), never renaming over it and never reading it;
* refuses to replace a file paradiplo did not write (or that was changed since) unless
  ``force``: a manifest, ``.paradiplo-exports.json`` in the folder, records the checksum
  of each file paradiplo wrote there;
* reports a read-only folder, a missing permission or a full disk as an input error
  (exit 2), leaving nothing half-written.

Examples
--------
>>> import tempfile, pathlib
>>> target = pathlib.Path(tempfile.mkdtemp()) / "a.csv"
>>> safe_write(target, "first").read_text()
'first'
>>> safe_write(target, "second").read_text()  # paradiplo wrote it: replaced
'second'
"""

from __future__ import annotations

import csv
import errno
import fcntl
import hashlib
import io
import json
import os
import re
import shutil
import stat
import tempfile
from collections.abc import Iterable, Sequence
from contextlib import contextmanager
from pathlib import Path

from .errors import ExportError, InputError
from .paths import project_root, real

MANIFEST = ".paradiplo-exports.json"
#: The project's own inputs: never replaced by an output, under any option.
PROTECTED = ("ontology", "data", "queries")


def _os_error(path: Path, err: OSError) -> InputError:
    if err.errno == errno.ENOSPC:
        return InputError(path, "the disk is full", hint="free some space, or write somewhere else")
    if err.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return InputError(path, "cannot write here (read-only, or no permission)", hint="write somewhere else")
    if err.errno == errno.ENXIO:
        return InputError(path, "a named pipe with no reader", hint="start the reader first")
    return InputError(path, f"cannot be written: {err.strerror or err}")


@contextmanager
def open_atomic(path: Path):
    """A binary file to stream into; it replaces ``path`` only when the block ends without
    an error (else nothing is left behind), with the permissions a plain ``open()`` would
    give (mkstemp's are private). Full disk and read-only folders: InputError."""
    path = Path(path)
    tmp = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        with os.fdopen(fd, "wb") as fh:
            yield fh
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
    except OSError as err:
        raise _os_error(path, err) from None
    finally:
        if tmp is not None and os.path.exists(tmp):
            os.unlink(tmp)


def write_atomic(path: Path, data: str | bytes) -> None:
    """Write ``data`` to ``path`` via a temporary file in the same folder and a rename,
    with the permissions a plain ``open()`` would give (mkstemp's are private). A write
    that fails (full disk, read-only folder) leaves nothing behind and raises InputError."""
    with open_atomic(path) as fh:
        fh.write(data.encode("utf-8") if isinstance(data, str) else data)


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _manifest(folder: Path) -> dict:
    try:
        return json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def _written_by_paradiplo(folder: Path, name: str, manifest: dict) -> bool:
    """Whether the file ``name`` in ``folder`` is as paradiplo last wrote it (the manifest
    holds its checksum)."""
    return manifest.get(name) == file_digest(folder / name)


def _record(folder: Path, digests: dict[str, str]) -> None:
    """Add checksums to the folder's manifest, under a lock (writers in parallel keep
    every entry)."""
    with file_lock(folder / f"{MANIFEST}.lock"):
        manifest = _manifest(folder)
        manifest.update(digests)
        write_atomic(folder / MANIFEST, json.dumps(manifest, indent=1, sort_keys=True) + "\n")


def file_digest(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def refuse_inputs(path: Path) -> None:
    """Raise ExportError if ``path`` (a file or a folder to write into) lies among the
    project's own inputs, or is the project folder or a folder that holds it."""
    root = project_root()
    target = real(path)
    if real(root).is_relative_to(target):
        raise ExportError(f"{path} is the project folder{'' if target == real(root) else ' (or holds it)'}: "
                          "outputs go into a folder of their own, e.g. out/site or a folder outside the project")
    for name in PROTECTED:
        if target.is_relative_to(real(root / name)):
            raise ExportError(f"{path} is one of paradiplo's own inputs ({name}/): outputs never replace them; "
                              "write somewhere else")


def preflight(path: Path, force: bool = False, suffix: str | None = None, create_folder: bool = False) -> int | None:
    """Check that :func:`safe_write` may write ``path``, before any work or any other file
    is written; return the file's mode (None if it does not exist).

    ``suffix``: the ending the format's files have (``.gexf``); another ending on a regular
    file is refused unless ``force`` (so GEXF does not land in ``a.png``).
    ``create_folder``: the folder may be created (else it must exist: a typo in a folder
    name is not silently turned into a new folder).
    """
    path = Path(path)
    refuse_inputs(path)
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        mode = None
    except OSError as err:  # a symlink loop, a path through a file ...
        raise InputError(path, f"cannot be written: {err.strerror or err}") from None
    if mode is not None and stat.S_ISDIR(mode):
        raise ExportError(f"{path} is a folder; name a file")
    if mode is not None and not stat.S_ISREG(mode):
        return mode  # a device or a named pipe: written into, whatever its name
    if suffix and path.suffix.lower() != suffix and not force:
        raise ExportError(f"{path} does not end in {suffix}; name the file {path.with_suffix(suffix).name}, "
                          "or use --force to write it under this name")
    if not create_folder and not path.parent.is_dir():
        raise ExportError(f"the folder {path.parent} does not exist; create it first (or check its name)")
    if mode is not None and not force and not _written_by_paradiplo(path.parent, path.name, _manifest(path.parent)):
        raise ExportError(f"{path} exists and was not written by paradiplo (or was changed since); "
                          "use --force to replace it")
    return mode


def claim_folder(folder: Path, names: Sequence[str], force: bool = False, own: bool = False) -> None:
    """Before a command writes the files ``names`` into ``folder`` (``--out``): refuse the
    project's own inputs, a path that is not a folder, and -- unless ``force`` -- any of
    those files that exists and was not written by paradiplo or was changed since (the
    folder's manifest says which). Nothing is written when this raises. ``own``: the folder
    is paradiplo's own (``out/world``); files there from a version that kept no manifest
    are taken as paradiplo's.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "summary.json").write_text("my notes")
    >>> claim_folder(folder, ["summary.json"])  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    paradiplo.errors.ExportError: ...summary.json: not written by paradiplo ...
    """
    folder = Path(folder)
    refuse_inputs(folder)
    if folder.exists() and not folder.is_dir():
        raise ExportError(f"{folder} is a file; --out names a folder")
    if force or (own and not (folder / MANIFEST).exists()):
        return
    manifest = _manifest(folder)
    foreign = [n for n in names if (folder / n).is_file() and not _written_by_paradiplo(folder, n, manifest)]
    if foreign:
        listed = ", ".join(str(folder / n) for n in foreign[:3]) + (f" and {len(foreign) - 3} more"
                                                                    if len(foreign) > 3 else "")
        raise ExportError(f"{listed}: not written by paradiplo (or changed since); move it away, choose another "
                          "--out folder, or use --force to replace it")


def record_outputs(folder: Path, names: Sequence[str]) -> None:
    """Record in the folder's manifest the checksums of the files paradiplo just wrote."""
    folder = Path(folder)
    _record(folder, {n: file_digest(folder / n) for n in names if (folder / n).is_file()})


def write_folder(folder: Path, files: dict[str, bytes]) -> list[Path]:
    """Write a whole folder of outputs (``site``) so that an interruption never leaves it
    half-written: the files go into a hidden sibling folder, which then takes the old
    folder's place (an atomic exchange where Linux offers one, else two renames).

    Files in the old folder that paradiplo did not write (its manifest says which) are
    copied over, so a reader's own notes stay; paradiplo's old files that the new set does
    not have are dropped. :func:`claim_folder` has been asked first. Returns the paths.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp()) / "site"
    >>> _ = write_folder(folder, {"index.html": b"one", "id/a.html": b"a"})
    >>> (folder / "notes.txt").write_text("mine") and None
    >>> _ = write_folder(folder, {"index.html": b"two"})
    >>> sorted(p.name for p in folder.rglob("*") if not p.name.startswith("."))
    ['index.html', 'notes.txt']
    """
    folder = Path(folder)
    target = folder.resolve() if folder.is_symlink() else folder
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(dir=target.parent, prefix=f".{target.name}.staging-"))
    try:
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(staging, 0o777 & ~umask)
        for name, data in files.items():
            path = staging / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        if target.is_dir():
            manifest = _manifest(target)
            for path in sorted(target.rglob("*")):
                name = path.relative_to(target).as_posix()
                if (path.is_dir() and not path.is_symlink()) or name in files or name in (MANIFEST, f"{MANIFEST}.lock"):
                    continue
                if not _written_by_paradiplo(target, name, manifest) or path.is_symlink():
                    (staging / name).parent.mkdir(parents=True, exist_ok=True)
                    shutil.copy2(path, staging / name, follow_symlinks=False)
        record_outputs(staging, sorted(files))
        if target.exists():
            _exchange(staging, target)  # staging now holds the old folder, removed below
        else:
            os.rename(staging, target)
    except OSError as err:
        raise _os_error(folder, err) from None
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return [folder / name for name in sorted(files)]


def _exchange(a: Path, b: Path) -> None:
    """Swap two folders: atomically with Linux's renameat2(RENAME_EXCHANGE), else by two
    renames (with a moment in which ``b`` is missing, never half-written)."""
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        if libc.renameat2(-100, os.fsencode(a), -100, os.fsencode(b), 2) == 0:  # AT_FDCWD, RENAME_EXCHANGE
            return
    except (OSError, AttributeError):
        pass
    aside = a.with_name(a.name + ".old")
    os.rename(b, aside)
    os.rename(a, b)
    os.rename(aside, a)


def safe_write(path: Path, data: bytes | str, force: bool = False, suffix: str | None = None,
               create_folder: bool = True) -> Path:
    """Write ``data`` to a file a user named (see the module docstring); return the path."""
    path = Path(path)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    mode = preflight(path, force, suffix, create_folder)
    if mode is not None and not stat.S_ISREG(mode):  # a device or a named pipe: write into it
        try:
            fd = os.open(path, os.O_WRONLY | os.O_NONBLOCK)
            with os.fdopen(fd, "wb") as fh:
                os.set_blocking(fd, True)
                fh.write(payload)
        except OSError as err:
            raise _os_error(path, err) from None
        return path
    write_atomic(path, payload)
    _record(path.parent, {path.name: _digest(payload)})
    return path


@contextmanager
def file_lock(path: Path, wait: bool = True, busy: str = "another paradiplo process is using it"):
    """Hold an exclusive lock on the file ``path`` (made if missing). With ``wait=False`` a
    lock held by another process is an InputError saying ``busy``, at once."""
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_CREAT | os.O_RDWR, 0o666)
    except OSError as err:
        raise _os_error(path, err) from None
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
        except BlockingIOError:
            raise InputError(path.parent, busy, hint="wait for it to finish, or give another folder") from None
        yield
    finally:
        os.close(fd)  # closing the descriptor releases the lock


#: What a spreadsheet program takes as the start of a formula (OWASP's list), and the quote that escapes it
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

#: The characters XML 1.0 cannot carry, not even as a reference (GEXF, GraphML, XLSX).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def not_in_xml(value) -> str | None:
    """The first character of a text that XML cannot carry, as ``U+XXXX``; else None.

    >>> not_in_xml("Kota\x01 Tua"), not_in_xml("Kota Tua"), not_in_xml(3)
    ('U+0001', None, None)
    """
    bad = _NOT_XML.search(value) if isinstance(value, str) else None
    return f"U+{ord(bad.group()):04X}" if bad else None


def inert_cell(value):
    """A CSV cell that no spreadsheet program runs as a formula: text starting with ``=``,
    ``+``, ``-``, ``@``, a tab or a carriage return gets a leading ``'`` (OWASP's advice;
    spreadsheet programs show such a cell as text). Text that already starts with ``'`` gets
    one more, so that :func:`restore_cell` gives back exactly what was written. Numbers are
    left as they are (a negative number is no formula).

    >>> inert_cell("=HYPERLINK(1)"), inert_cell("-5"), inert_cell(-5), inert_cell("Kota")
    ("'=HYPERLINK(1)", "'-5", -5, 'Kota')
    >>> all(restore_cell(inert_cell(t)) == t for t in ["=1+1", "'quoted", "''", "plain", "@x", ""])
    True
    """
    if isinstance(value, str) and value.startswith((*_FORMULA_START, "'")):
        return "'" + value
    return value


def restore_cell(text: str) -> str:
    """The text :func:`inert_cell` was given (one leading ``'`` taken off)."""
    return text[1:] if text.startswith("'") else text


def csv_text(rows: Iterable[Sequence], line_end: str = "\n") -> str:
    """The one CSV writer of paradiplo (the ``csv`` module: a cell with a comma, a quote or
    a line break is quoted): each row a sequence of cells; numbers as they are, ``None``
    empty, lists joined with '; ', and no text cell a formula (:func:`inert_cell`).
    ``line_end="\r\n"`` for the spreadsheet files (RFC 4180).

    >>> print(csv_text([["line", "reason"], [13, "empty country, city"], [None, "=1+1"]]), end="")
    line,reason
    13,"empty country, city"
    ,'=1+1
    """
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator=line_end)
    for row in rows:
        writer.writerow([v if isinstance(v, int | float) and not isinstance(v, bool) else inert_cell(_cell(v))
                         for v in row])
    return buf.getvalue()


def to_csv(rows: Sequence[dict], columns: Sequence[str]) -> str:
    """Rows (dictionaries) as CSV text with a header (:func:`csv_text`)."""
    return csv_text([columns, *([row.get(c) for c in columns] for row in rows)])


def write_csv(path: Path, rows: Sequence[dict], columns: Sequence[str] | None = None) -> None:
    """Write ``rows`` to ``path`` as CSV (:func:`to_csv`; ``columns`` default the first
    row's keys), atomically."""
    write_atomic(path, to_csv(rows, list(columns or (rows[0] if rows else []))))


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return "; ".join(_cell(v) for v in value)
    return str(value)
