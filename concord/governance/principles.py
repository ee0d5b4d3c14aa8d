"""The guiding principles of a vision, pure: the section is Markdown, one principle a bullet
("- **Honesty** — we tell each other the truth"). A principle is cited by its name; the text
cited is the whole bullet as it stood."""

import re
from dataclasses import dataclass

_BULLET = re.compile(r"^\s*[-*+]\s+(.*\S)\s*$")
_NAME = re.compile(r"^\*\*(.+?)\*\*\s*[—–:-]?\s*(.*)$")


@dataclass(frozen=True)
class Principle:
    name: str
    text: str  # the bullet without its Markdown marks


def parse(section: str) -> list[Principle]:
    """The principles of a guiding-principles section, in order; a bullet without a bold name is
    named by its first words. Duplicate names keep the first."""
    found: list[Principle] = []
    seen: set[str] = set()
    for line in (section or "").splitlines():
        bullet = _BULLET.match(line)
        if not bullet:
            continue
        body = bullet.group(1)
        named = _NAME.match(body)
        if named:
            name, rest = named.group(1).strip(), named.group(2).strip()
            text = f"{name} — {rest}" if rest else name
        else:
            name, text = " ".join(body.split()[:4])[:120], body
        name = name[:120]
        if name.lower() in seen:
            continue
        seen.add(name.lower())
        found.append(Principle(name, text.replace("**", "")))
    return found
