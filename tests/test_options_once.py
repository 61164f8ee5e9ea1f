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
