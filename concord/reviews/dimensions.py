"""The survey's dimensions: the defaults and the one-label-a-line text a lead edits. Pure."""

from django.utils.text import slugify

DEFAULTS = [
    ("trust", "Trust"),
    ("communication", "Communication"),
    ("alignment", "Alignment with the shared vision"),
    ("responsiveness", "Responsiveness"),
    ("value", "Value created"),
    ("innovation", "Innovation"),
    ("fairness", "Fairness"),
]
MAX_DIMENSIONS = 12
MAX_LABEL = 80
PROBLEM = f"One dimension a line: 1 to {MAX_DIMENSIONS} different names of at most {MAX_LABEL} characters."


def default() -> list[dict[str, str]]:
    return [{"key": key, "label": label} for key, label in DEFAULTS]


def as_text(dimensions: list[dict[str, str]]) -> str:
    return "\n".join(d["label"] for d in dimensions)


def parse(text: str) -> list[dict[str, str]] | None:
    """Dimensions from one label a line (blank lines skipped); None when the text breaks a rule.
    A default label keeps its key, so trends across rounds line up."""
    known = {label.casefold(): key for key, label in DEFAULTS}
    found: list[dict[str, str]] = []
    for line in text.splitlines():
        label = " ".join(line.split())
        if not label:
            continue
        key = known.get(label.casefold()) or slugify(label)[:40]
        if not key or len(label) > MAX_LABEL or key in {d["key"] for d in found}:
            return None
        found.append({"key": key, "label": label})
    return found if 1 <= len(found) <= MAX_DIMENSIONS else None
