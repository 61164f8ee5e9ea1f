"""Issue #22, repetition: an option every command shares is declared in one place."""

import re
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src" / "paradiplo"


def test_force_and_groups_are_declared_once():
    counts = {"--force": 0, "--groups": 0}
    for path in SRC.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        for name in counts:
            counts[name] += len(re.findall(r'click\.option\(\s*"' + name + '"', text))
    assert counts == {"--force": 1, "--groups": 1}


def test_exit_1_only_through_not_conforming():
    """One way to exit 1: a command raises errors.NotConforming and cli.Group turns it into the code."""
    offenders = [str(p.relative_to(SRC)) for p in SRC.rglob("*.py")
                 if re.search(r"(sys|ctx)\.exit\(\s*(1|EXIT_FAILED)\s*\)", p.read_text(encoding="utf-8"))]
    assert offenders == []
