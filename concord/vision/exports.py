"""The alignment report as Markdown, for sharing outside Concord."""

from typing import Any


def report_markdown(round_: Any, reports: list[Any]) -> str:
    lines = [f"# {round_.partnership.name} — alignment report, round {round_.number}", ""]
    for report in reports:
        corr = (
            "undefined (one side gives every dimension equal points)"
            if report.rank_correlation is None
            else f"{report.rank_correlation:+.2f}"
        )
        lines += [
            f"## {report.a_name} and {report.b_name}",
            "",
            f"- Overall alignment: **{report.alignment:g} / 100**",
            f"- Rank correlation of priorities: {corr}",
            "",
            f"| Dimension | {report.a_name} | {report.b_name} | Gap |",
            "|---|---:|---:|---:|",
        ]
        lines += [f"| {r.dimension} | {r.a} | {r.b} | {r.gap:+d} |" for r in report.rows]
        lines += ["", "### Top misalignments", ""]
        lines += [f"- {m}" for m in report.misalignments] or ["- None of 10 points or more."]
        lines += ["", "### Perception gaps", ""]
        lines += [f"- {gap['headline']}" for gap in report.perception.values()]
        lines += ["", "### Ways of working", ""]
        lines += [f"- {w}" for w in report.ways] or ["- No mismatches."]
        lines.append("")
    return "\n".join(lines)


def vision_markdown(partnership: Any, view: Any, sections: list[tuple[str, str]]) -> str:
    """The current revision as Markdown, with its status and signatures."""
    current = view.current
    lines = [f"# Shared Vision — {partnership.name}", ""]
    if current is None:
        return "\n".join([*lines, "_Not written yet._", ""])
    lines += [f"Revision {current.number} · status: {view.status}", ""]
    for key, label in sections:
        lines += [f"## {label}", "", (current.sections.get(key) or "_Empty._"), ""]
    lines += ["## Objectives", ""]
    lines += [
        f"- **{o['code']}** {o['title']}" + (f" — {o['description']}" if o["description"] else "")
        for o in current.objectives
    ] or ["_None yet._"]
    lines += ["", "## Signatures", ""]
    lines += [
        f"- {s.organisation.name}: {s.signed_by.get_full_name()}, {s.signed_at:%Y-%m-%d %H:%M}"
        for s in view.signatures
    ] or ["_Not signed yet._"]
    return "\n".join([*lines, ""])
