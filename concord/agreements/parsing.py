"""Split contract text into clauses on its headings: pasted text, Markdown, or a Word (.docx) file.

A heading is one of:
- a Markdown heading (`## 4.2 Payment terms`), or a Word paragraph styled Heading/Title;
- a line like `Clause 4 — Payment`, `Article 4: Payment` or `Section 4.2 Payment`;
- a short numbered line that reads as a title, not a sentence: `4.2 Payment terms` or `4. Payment`
  (at most 100 characters, not ending in . ; , or :, so "1. The supplier shall deliver." stays text).
A number at the start of a heading becomes the clause number; without one, clauses are numbered in
order. Text before the first heading becomes a "Preamble" clause; text with no heading at all is
refused (importing a whole contract as one clause is never what was meant). Word tables are not read.
Parsing is pure: it returns clauses or a list of (line, message) problems, and writes nothing.
"""

import io
import re
import zipfile
from dataclasses import dataclass, field

from concord.core import uploads

MAX_CLAUSES = 500
MAX_TEXT = 20_000
MAX_HEADING = 200
KINDS = {
    ".txt": uploads.TEXT,
    ".text": uploads.TEXT,
    ".md": uploads.TEXT,
    ".markdown": uploads.TEXT,
    ".docx": uploads.DOCX,
}

_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(?P<title>.+?)\s*#*\s*$")
_WORD_HEADING = re.compile(
    r"^\s*(?:clause|article|section|§)\s*(?P<number>\d+(?:\.\d+)*)\s*[.:\-–—)]?\s*(?P<title>.*)$", re.I
)
_NUMBERED = re.compile(r"^\s*(?P<number>\d{1,3}(?:\.\d{1,3})*)[.)]?\s+(?P<title>\S.*)$")
_LEADING_NUMBER = re.compile(r"^(?P<number>\d{1,3}(?:\.\d{1,3})*)[.)]?\s+(?P<title>\S.*)$")


@dataclass
class ParsedClause:
    number: str
    heading: str
    line: int
    body: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n".join(self.body).strip()


@dataclass
class ParseResult:
    clauses: list[ParsedClause]
    problems: list[tuple[int, str]]

    @property
    def ok(self) -> bool:
        return not self.problems and bool(self.clauses)


def _heading(line: str) -> tuple[str, str] | None:
    """(number, title) if the line is a heading."""
    md = _MD_HEADING.match(line)
    if md:
        title = md.group("title").strip()
        word = _WORD_HEADING.match(title) or _LEADING_NUMBER.match(title)
        return (word.group("number"), word.group("title").strip()) if word else ("", title)
    word = _WORD_HEADING.match(line)
    if word and len(line.strip()) <= 120:
        return word.group("number"), word.group("title").strip()
    numbered = _NUMBERED.match(line)
    if numbered and len(line.strip()) <= 100 and not line.rstrip().endswith((".", ";", ",", ":")):
        return numbered.group("number"), numbered.group("title").strip()
    return None


def split_text(text: str) -> ParseResult:
    clauses: list[ParsedClause] = []
    preamble: list[str] = []
    for lineno, raw in enumerate((text or "").replace("\r\n", "\n").split("\n"), start=1):
        line = raw.replace("\x00", "").rstrip()
        found = _heading(line)
        if found:
            number, title = found
            clauses.append(ParsedClause(number=number, heading=title, line=lineno))
        elif clauses:
            clauses[-1].body.append(line)
        else:
            preamble.append(line)
    if clauses and "\n".join(preamble).strip():
        clauses.insert(0, ParsedClause(number="", heading="Preamble", line=1, body=preamble))
    return ParseResult(clauses, _problems(clauses))


def _problems(clauses: list[ParsedClause]) -> list[tuple[int, str]]:
    if not clauses:
        return [(1, "No clauses found: start each clause with a heading such as '## 1 Scope' or '1. Scope'.")]
    problems: list[tuple[int, str]] = []
    if len(clauses) > MAX_CLAUSES:
        problems.append((clauses[MAX_CLAUSES].line, f"At most {MAX_CLAUSES} clauses in one import."))
    seen: dict[str, int] = {}
    for clause in clauses:
        if not clause.heading:
            problems.append((clause.line, "The heading has no title after its number."))
        elif len(clause.heading) > MAX_HEADING:
            problems.append((clause.line, f"Keep a heading under {MAX_HEADING} characters."))
        if len(clause.text) > MAX_TEXT:
            problems.append((clause.line, f"Clause text is over {MAX_TEXT:,} characters."))
        if clause.number and clause.number in seen:
            problems.append(
                (
                    clause.line,
                    f"Clause number {clause.number} is used twice (first on line {seen[clause.number]}).",
                )
            )
        seen.setdefault(clause.number, clause.line)
    return problems


def docx_to_text(data: bytes) -> str:
    """A .docx as Markdown-like text: heading-styled paragraphs become `#` lines."""
    from docx import Document

    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise ValueError("This is not a Word (.docx) file.")
    try:
        document = Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises many kinds for a damaged package
        raise ValueError("The Word file could not be read; save it again as .docx.") from exc
    lines = []
    for paragraph in document.paragraphs:
        style = (paragraph.style.name if paragraph.style is not None else "") or ""
        text = paragraph.text.strip()
        if style.startswith(("Heading", "Title")) and text:
            lines.append(f"## {text}")
        else:
            lines.append(text)
    return "\n".join(lines)


def to_markdown(clauses: list[ParsedClause]) -> str:
    """The parsed clauses written back as Markdown (what the preview carries to the commit)."""
    parts = []
    for clause in clauses:
        head = f"## {clause.number} {clause.heading}" if clause.number else f"## {clause.heading}"
        parts.append(f"{head}\n\n{clause.text}".rstrip())
    return "\n\n".join(parts) + "\n"


def upload_text(name: str | None, content: bytes) -> str:
    """The text of an uploaded .txt/.md/.docx file; ValueError with a user-facing message if not.
    Size, name and content are checked first (concord.core.uploads): a .md must be UTF-8 text
    without control characters, a .docx a Word document, whatever the name claims."""
    upload = uploads.check(name, content, KINDS, "a .txt, .md or .docx file")  # a ValueError if not
    return docx_to_text(content) if upload.kind == uploads.DOCX else upload.text
