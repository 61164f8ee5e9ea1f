"""Issue #22, repetition: an option every command shares is declared in one place."""

import re
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src" / "paradiplo"


def test_every_option_is_declared_once():
    """An option several commands share (--format, --output, --out, --timeout, --lang, --force,
    --world ...) is declared once (paradiplo.render); a command passes its own default or help."""
    counts: dict[str, int] = {}
    for path in SRC.rglob("*.py"):
        for call in re.findall(r'click\.option\(\s*((?:"-[^"]*"\s*,\s*)+)', path.read_text(encoding="utf-8")):
            for name in re.findall(r'"(--[^"]+)"', call):
                counts[name] = counts.get(name, 0) + 1
    assert {"--force", "--groups", "--format", "--output", "--out", "--timeout", "--lang", "--world"} <= set(counts)
    # two different options that share a name: the network filters' last year, publish's store
    different = {"--to": 2}
    assert {name: n for name, n in counts.items() if n > 1} == different


def test_exit_1_only_through_not_conforming():
    """One way to exit 1: a command raises errors.NotConforming and cli.Group turns it into the code."""
    offenders = [str(p.relative_to(SRC)) for p in SRC.rglob("*.py")
                 if re.search(r"(sys|ctx)\.exit\(\s*(1|EXIT_FAILED)\s*\)", p.read_text(encoding="utf-8"))]
    assert offenders == []


def test_library_code_raises_the_projects_errors():
    """Issue #22, project errors everywhere: below the command line, a user's mistake is a
    ParadiploError (message and exit code in one place), never a bare ValueError,
    FileExistsError, SystemExit or a click exception. The few bare raises left are caught
    where they are raised, or guard a function's contract (a programming error, exit 70)."""
    allowed = {
        "query/parameters.py": "ValueError",  # caught in the same function, re-raised as QueryError
        "world/read.py": "ValueError",  # caught in the same function: the row is reported as malformed
        "compare/calibration.py": "ValueError",  # fuzzy()'s contract; calibration files are checked on reading
        "compare/minimise.py": "ValueError",  # the solution kind comes from a click.Choice
        "query/execution.py": "RuntimeError",  # a failure inside the query process: a bug, exit 70
    }
    found = {}
    for path in SRC.rglob("*.py"):
        name = str(path.relative_to(SRC))
        if name in ("cli.py", "render.py", "_entry.py"):
            continue
        for kind in re.findall(r"raise (ValueError|RuntimeError|FileExistsError|SystemExit|click\.\w+)",
                               path.read_text(encoding="utf-8")):
            found.setdefault(name, set()).add(kind)
    assert {n: k for n, k in found.items() if k != {allowed.get(n)}} == {}


def test_csv_is_written_by_one_writer():
    """Issue #22: every CSV file goes through output.csv_text (formula-inert cells, the csv module)."""
    writers = sorted(str(p.relative_to(SRC)) for p in SRC.rglob("*.py")
                     if re.search(r"csv\.(writer|DictWriter)\(", p.read_text(encoding="utf-8")))
    assert writers == ["output.py"]
