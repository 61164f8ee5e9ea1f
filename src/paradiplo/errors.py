"""One error hierarchy for paradiplo (after pySHACL's ``errors.py``).

Library code raises these; ``cli.py`` turns them into a message and an exit code in one
place (:func:`paradiplo.cli.main`). Every kind carries its exit code:

===================  ====  ==============================================================
kind                 exit  meaning
===================  ====  ==============================================================
``NotConforming``    1     the data does not conform to the shapes, or a check failed
``InputError``       2     a file cannot be read (missing, not UTF-8, syntax error ...)
``QueryError``       2     a query or a parameter is wrong
``ExportError``      2     an export cannot be written as asked
``UsageError``       2     the command was misused
``QueryTimeout``     3     a query ran past its time limit
(any other error)    70    a bug in paradiplo: the message asks to report it
(Ctrl-C)             130   interrupted
===================  ====  ==============================================================

Examples
--------
>>> err = InputError("data/cases/x.trig", "syntax error: expected '.'", line=3, column=7)
>>> str(err)
"data/cases/x.trig:3:7: syntax error: expected '.'"
>>> err.exit_code
2
"""

from __future__ import annotations

from pathlib import Path

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_INPUT = 2
EXIT_TIMEOUT = 3
EXIT_BUG = 70  # EX_SOFTWARE: an error in paradiplo itself, never a user's
EXIT_INTERRUPTED = 130  # Ctrl-C, as shells report SIGINT


class ParadiploError(Exception):
    """Base of every error paradiplo reports to a user (never with a traceback)."""

    exit_code = EXIT_INPUT


class UsageError(ParadiploError):
    """The command was misused (an impossible option value, a missing argument)."""


class InputError(ParadiploError):
    """A file cannot be read as asked.

    Carries the file, the position where known, and a hint; ``str()`` gives the
    ``file:line:column: message`` form that editors and CI logs link to.
    """

    def __init__(self, path, message, line=None, column=None, hint=None):
        super().__init__(message)
        self.path = Path(path)
        self.message = message
        self.line = line
        self.column = column
        self.hint = hint

    def __str__(self):
        where = str(self.path)
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        text = f"{where}: {self.message}"
        if self.hint:
            text += f"\n  hint: {self.hint}"
        return text


class QueryError(ParadiploError):
    """The query or its parameters are wrong."""


class ResultTooLarge(QueryError):
    """A query's result has more rows than the caller allows (the server's --max-rows)."""


class ExportError(ParadiploError):
    """An export cannot be written as asked."""


class QueryTimeout(ParadiploError):
    """A query ran longer than its time limit."""

    exit_code = EXIT_TIMEOUT


class NotConforming(ParadiploError):
    """The data does not conform (validation found results at the failing severity)."""

    exit_code = EXIT_FAILED
