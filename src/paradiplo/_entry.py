"""The ``paradiplo`` command's entry point: Ctrl-C is a clean exit 130 from the first moment.

Importing the command line pulls in rdflib, pyoxigraph, networkx and more (about a
second); a Ctrl-C in that time would otherwise print a Python traceback. This module
imports nothing heavy: it turns an interrupt during start-up into exit 130, then hands
over to :func:`paradiplo.cli.main`, whose single error handler takes over from there.
"""

import signal
import sys


def _interrupted(signum, frame):  # pragma: no cover - timing-dependent
    sys.stderr.write("interrupted\n")
    sys.exit(130)


def main() -> None:
    """Run the command line, exiting 130 (not with a traceback) on an early Ctrl-C."""
    previous = signal.signal(signal.SIGINT, _interrupted)
    try:
        from .cli import main as cli_main
    finally:
        signal.signal(signal.SIGINT, previous)
    try:
        cli_main()
    except KeyboardInterrupt:  # between start-up and the command's own handler
        _interrupted(signal.SIGINT, None)
