"""The one safe-write path: nothing that was there is lost, devices and pipes are written
into (never renamed over or read), the project's inputs are never replaced."""

import fcntl
import hashlib
import os
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner

from paradiplo.cli import main
from paradiplo.errors import ExportError, InputError
from paradiplo.output import safe_write

from .conftest import ROOT


def _sums(folder):
    return {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("command", [
    ["stats", "--format", "json"],
    ["query", "run", "partnerships", "--format", "csv"],
    ["validate", "--format", "json"],
    ["network", "intermediaries", "--format", "csv"],
    ["export", "turtle"],
])
def test_an_output_never_replaces_the_projects_inputs(command, tmp_path):
    before = {**_sums(ROOT / "data"), **_sums(ROOT / "queries"), **_sums(ROOT / "ontology")}
    for target in (ROOT / "data" / "cases" / "jakarta-hanoi.trig", ROOT / "queries" / "partnerships.rq"):
        result = CliRunner().invoke(main, [*command, "-o", str(target), "--force"])
        assert result.exit_code == 2, result.output
        assert "own inputs" in result.output and "Traceback" not in result.output
    assert {**_sums(ROOT / "data"), **_sums(ROOT / "queries"), **_sums(ROOT / "ontology")} == before


def test_a_file_paradiplo_did_not_write_is_kept_unless_forced(tmp_path):
    mine = tmp_path / "notes.json"
    mine.write_text("my notes")
    refused = CliRunner().invoke(main, ["stats", "--format", "json", "-o", str(mine)])
    assert refused.exit_code == 2 and "--force" in refused.output and mine.read_text() == "my notes"
    forced = CliRunner().invoke(main, ["stats", "--format", "json", "-o", str(mine), "--force"])
    assert forced.exit_code == 0 and mine.read_text().startswith("{")
    again = CliRunner().invoke(main, ["stats", "--format", "json", "-o", str(mine)])  # now paradiplo's own
    assert again.exit_code == 0


def test_a_named_pipe_is_written_into_not_replaced(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got = []
    reader = threading.Thread(target=lambda: got.append(open(fifo, "rb").read()))
    reader.start()
    for _ in range(100):  # wait until the reader has the pipe open
        try:
            safe_write(fifo, b"through the pipe\n")
            break
        except InputError:
            threading.Event().wait(0.02)
    reader.join(timeout=5)
    assert got == [b"through the pipe\n"]
    assert fifo.is_fifo(), "the pipe itself is still there"


def test_a_pipe_without_a_reader_is_an_error_not_a_hang(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    result = CliRunner().invoke(main, ["stats", "-o", str(fifo)])
    assert result.exit_code == 2 and "no reader" in result.output
    assert fifo.is_fifo()


def test_a_folder_is_not_a_file(tmp_path):
    with pytest.raises(ExportError, match="is a folder"):
        safe_write(tmp_path, "x")


def test_build_keeps_an_edited_export_and_says_so(built, tmp_path):
    """After a user edits a file in out/export/, the next build does not die: it keeps the
    file, says so, and writes everything else."""
    import shutil

    _, out = built
    target = shutil.copytree(out, tmp_path / "out")  # a build's out/, with its manifests
    edited = target / "export" / "actors.gexf"
    edited.write_text("<!-- my layout -->")
    again = CliRunner().invoke(main, ["build", "--no-world", "--out", str(target)])
    assert again.exit_code == 0, again.output
    assert "kept 1 file(s) changed since paradiplo wrote them" in again.output
    assert edited.read_text() == "<!-- my layout -->"
    assert (target / "export" / "actors.graphml").read_bytes() == (out / "export" / "actors.graphml").read_bytes()


def test_two_builds_cannot_interleave(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    fd = os.open(out / ".paradiplo-build.lock", os.O_CREAT | os.O_RDWR)
    fcntl.flock(fd, fcntl.LOCK_EX)  # as a running build holds it
    try:
        result = CliRunner().invoke(main, ["build", "--no-world", "--out", str(out)])
    finally:
        os.close(fd)
    assert result.exit_code == 2 and "another paradiplo build is writing this folder" in result.output


def test_writers_in_parallel_keep_every_manifest_entry(tmp_path):
    """Many processes writing different files into one folder: the manifest names them all
    (it used to lose entries when two wrote it at once)."""
    import json
    import subprocess
    import sys

    code = "import sys; from paradiplo.output import safe_write; safe_write(sys.argv[1], sys.argv[1])"
    procs = [subprocess.Popen([sys.executable, "-c", code, str(tmp_path / f"f{i}.txt")]) for i in range(8)]
    assert all(p.wait(timeout=60) == 0 for p in procs)
    manifest = json.loads((tmp_path / ".paradiplo-exports.json").read_text())
    assert set(manifest) == {f"f{i}.txt" for i in range(8)}


@pytest.mark.parametrize("width", [80, 120, 160])
@pytest.mark.parametrize("query", ["recurring-obstacles", "success-elements", "partnerships", "actors-by-case"])
def test_tables_fit_and_keep_every_header_whole(monkeypatch, width, query):
    """No line is wider than the terminal, and every column shown has its whole name (a
    narrow terminal leaves columns out and says which, rather than cutting names)."""
    monkeypatch.setenv("COLUMNS", str(width))
    output = CliRunner().invoke(main, ["query", "run", query]).output
    lines = output.splitlines()
    assert max(len(line) for line in lines) <= width
    header = next(line for line in lines if line.strip())
    from paradiplo import query as q
    from paradiplo.kg import load

    columns = q.run(load(), q.find(query).text, q.bind_parameters(q.find(query), {}), timeout=None).variables
    shown = header.split()
    assert shown == columns[:len(shown)], "a column name was cut or wrapped"
    if len(shown) < len(columns):
        assert "more column(s) do not fit" in output


def test_a_folder_paradiplo_wrote_is_written_again_but_a_hand_edit_is_refused(tmp_path):
    """`import sister-cities --out DIR` twice replaces its own files; once a user edits one,
    the next run refuses (exit 2) and leaves the edit, until --force."""
    from paradiplo.errors import ExportError
    from paradiplo.world import import_sister_cities

    listing = Path(__file__).parent / "bad-inputs" / "bom.csv"
    import_sister_cities(listing, tmp_path)
    import_sister_cities(listing, tmp_path)  # its own files: replaced without a word
    (tmp_path / "merge-report.csv").write_text("edited by hand\n")
    with pytest.raises(ExportError, match="merge-report.csv: not written by paradiplo"):
        import_sister_cities(listing, tmp_path)
    assert (tmp_path / "merge-report.csv").read_text() == "edited by hand\n"
    import_sister_cities(listing, tmp_path, force=True)
    assert (tmp_path / "merge-report.csv").read_text().startswith("decision,")


def test_the_export_manifest_and_its_lock_are_git_ignored():
    """An export into the checkout (e.g. `paradiplo export gexf -o actors.gexf`) writes the
    manifest and its lock beside it: git ignores both, so they never land in a commit."""
    from paradiplo.kg import project_root
    from paradiplo.output import MANIFEST

    ignored = (project_root() / ".gitignore").read_text(encoding="utf-8").splitlines()
    assert MANIFEST in ignored and f"{MANIFEST}.lock" in ignored


def test_an_interrupted_folder_write_leaves_the_previous_folder_intact(tmp_path, monkeypatch):
    """Ctrl-C in the middle of writing a site: the previous site is untouched and no
    half-written folder or stray temporary file is left beside it."""
    from paradiplo.output import write_folder

    folder = tmp_path / "site"
    write_folder(folder, {"index.html": b"old", "id/a.html": b"a"})
    (folder / "notes.txt").write_text("mine")
    before = {p: p.read_bytes() for p in folder.rglob("*") if p.is_file()}
    real, written = Path.write_bytes, []

    def interrupted(self, data):
        if written:
            raise KeyboardInterrupt
        written.append(self)
        return real(self, data)
    monkeypatch.setattr(Path, "write_bytes", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_folder(folder, {"index.html": b"new", "id/a.html": b"b", "id/c.html": b"c"})
    monkeypatch.undo()
    assert {p: p.read_bytes() for p in folder.rglob("*") if p.is_file()} == before
    assert [p.name for p in tmp_path.iterdir()] == ["site"]  # no staging folder left
    write_folder(folder, {"index.html": b"new", "id/c.html": b"c"})  # and the next run completes
    assert (folder / "index.html").read_bytes() == b"new" and not (folder / "id" / "a.html").exists()
    assert (folder / "notes.txt").read_text() == "mine"


def test_a_columns_value_that_is_no_number_is_ignored():
    result = CliRunner().invoke(main, ["stats"], env={"COLUMNS": "abc"})
    assert result.exit_code == 0 and "statements in" in result.output, result.output
