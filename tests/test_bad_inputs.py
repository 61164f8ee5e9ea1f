"""The bad-input corpus (tests/bad-inputs/, see its README): every case gives its
documented exit code and message, no traceback, no hang, and loses nothing.

The cases run in this process through click's test runner (a subprocess per case would
cost a second of start-up each); Ctrl-C, which needs a real process, is tested apart.
"""

import fcntl
import hashlib
import json
import os
import signal
import stat
from pathlib import Path

import pytest
from click.testing import CliRunner

from paradiplo.cli import main

from .conftest import ROOT

HERE = ROOT / "tests" / "bad-inputs"
CASES = sorted(HERE.glob("*.json"))
PROTECTED = ("data", "ontology", "queries")


def _sums() -> dict:
    return {p: hashlib.sha256(p.read_bytes()).hexdigest()
            for name in PROTECTED for p in sorted((ROOT / name).rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def protected():
    return _sums()


def _fill(value, tmp: Path):
    if isinstance(value, list):
        return [_fill(v, tmp) for v in value]
    if isinstance(value, dict):
        return {k: _fill(v, tmp) for k, v in value.items()}
    if isinstance(value, str):
        return value.replace("{tmp}", str(tmp)).replace("{here}", str(HERE)).replace("{root}", str(ROOT))
    return value


def _setup(step: dict, held: list):
    if "file" in step:
        text = step.get("text", "") + step.get("repeat", "") * step.get("times", 0) + step.get("then", "")
        Path(step["file"]).write_text(text, encoding="utf-8")
    elif "dir" in step:
        Path(step["dir"]).mkdir(parents=True, exist_ok=True)
    elif "fifo" in step:
        os.mkfifo(step["fifo"])
    elif "loop" in step:
        os.symlink(step["loop"], step["loop"])
    elif "copy" in step:
        Path(step["to"]).write_bytes(Path(step["copy"]).read_bytes())
    elif "device" in step:
        minor = {"null": 3, "full": 7}[step["kind"]]
        try:
            os.mknod(step["device"], stat.S_IFCHR | 0o666, os.makedev(1, minor))
        except PermissionError:
            pytest.skip("making a private character device needs root")
    elif "lock" in step:
        Path(step["lock"]).mkdir(parents=True, exist_ok=True)
        fd = os.open(Path(step["lock"]) / ".paradiplo-build.lock", os.O_CREAT | os.O_RDWR)
        fcntl.flock(fd, fcntl.LOCK_EX)
        held.append(fd)


def _hung(signum, frame):
    raise TimeoutError("the command hung (stopped after 60 s)")


def test_the_corpus_is_large_enough():
    assert len(CASES) >= 100


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
def test_bad_input(path, tmp_path, protected):
    case = _fill(json.loads(path.read_text(encoding="utf-8")), tmp_path)
    held: list = []
    for step in case.get("setup", []):
        _setup(step, held)
    kept = {p: Path(p).read_bytes() for p in case.get("keep", [])}
    previous = signal.signal(signal.SIGALRM, _hung)
    signal.alarm(60)
    try:
        result = CliRunner().invoke(main, case["args"], input=case.get("stdin"))
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
        for fd in held:
            os.close(fd)
    output = result.output
    assert not isinstance(result.exception, TimeoutError), "hung"
    assert "Traceback" not in output and "this is a bug" not in output, output
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    assert result.exit_code == case["exit"], output[-3000:]
    assert case["message"] in output, output[-3000:]
    for p, data in kept.items():
        assert Path(p).read_bytes() == data, f"{p} was changed"
    for p in case.get("absent", []):
        assert not Path(p).exists(), f"{p} was written"
    if "still_device" in case:
        assert stat.S_ISCHR(os.stat(case["still_device"]).st_mode), "the device was replaced"
    assert _sums() == protected, "the project's inputs were changed"


def _children(pid: int) -> list[int]:
    """The ids of the running processes whose parent is ``pid`` (read from /proc)."""
    found = []
    for status in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = status.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue  # ended meanwhile
        if int(fields[1]) == pid:
            found.append(int(status.parent.name))
    return found


def test_ctrl_c_exits_130_and_leaves_no_partial_file(tmp_path):
    """A real process, interrupted while a long query runs."""
    import subprocess
    import sys
    import time

    target = tmp_path / "out.csv"
    query = tmp_path / "runaway.rq"
    query.write_text("SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }")
    # in a session of its own, so that Ctrl-C reaches the whole process group, as a terminal sends it;
    # with Ctrl-C's default action, as from a shell: a pytest-xdist worker ignores SIGINT, and a
    # process started from it would inherit that (and rightly keep ignoring Ctrl-C)
    proc = subprocess.Popen([sys.executable, "-m", "paradiplo.cli", "query", "run", "--file", str(query),
                             "-o", str(target)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            start_new_session=True, preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    # readiness, not a fixed sleep (was 4 s): the query runs in a forked child, forked once
    # the graph is loaded and entailed, so a child of `proc` means the query is running
    deadline = time.monotonic() + 60
    while not _children(proc.pid) and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert _children(proc.pid), "the query's child process never started"
    time.sleep(1.0)  # well inside the runaway query
    os.killpg(proc.pid, signal.SIGINT)
    try:
        out, err = proc.communicate(timeout=60)
    except subprocess.TimeoutExpired:  # say what was still running, then clean up
        tree = subprocess.run(["ps", "-o", "pid,ppid,stat,wchan:20,etime,args", "--ppid", str(proc.pid), "-p",
                               str(proc.pid)], capture_output=True, text=True).stdout
        subprocess.run(["pkill", "-9", "-P", str(proc.pid)])
        proc.kill()
        proc.communicate()
        pytest.fail(f"paradiplo did not stop within 60 s of Ctrl-C; processes then:\n{tree}")
    assert proc.returncode == 130, err
    assert "Traceback" not in err and "interrupted" in err
    assert not target.exists() and not list(tmp_path.glob(".*tmp"))
