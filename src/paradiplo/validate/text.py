"""The readable validation report: findings grouped by file, then by entity, with the line
(or the workbook row) of each, and the verdict."""

from __future__ import annotations

from .findings import Report


def report_text(report: Report, fail_on: str = "violation") -> str:
    """The readable report: grouped by file, then by entity, with line numbers."""
    out = []
    current_file = current_focus = None
    for f in report.findings:
        if f.file != current_file:
            current_file, current_focus = f.file, None
            out.append(f"\n{f.file}")
        if (f.focus, f.line) != current_focus:  # a new entity, or another row of it (a workbook)
            current_focus = (f.focus, f.line)
            unit = "row" if ", sheet " in (f.file or "") else "line"  # a workbook row (workbook.locate)
            where = f"{unit} {f.line}" if f.line else f"{unit} ?"
            out.append(f"  {where:>9}  {f.label}  <{f.focus}>")
        about = " ".join(x for x in (f.detail and f"[{f.detail}]", f.path, f.value and f"= {f.value}") if x)
        out.append(f"             {f.severity:<9} {about}".rstrip())
        out.append(f"                       {f.message}  ({f.shape})")
    counts = f"{report.count('violation')} violations, {report.count('warning')} warnings, {report.count('info')} infos"
    verdict = "conforms" if report.conforms(fail_on) else "does NOT conform"
    checked = f"{len(report.files)} file{'s' if len(report.files) != 1 else ''} checked"
    out.append(f"\n{checked}: {counts}; {verdict} (failing on {fail_on}s).")
    return "\n".join(out).lstrip("\n") + "\n"


__all__ = ["report_text"]
