"""Uploaded files: one set of rules for every upload (a measurement spreadsheet, a contract to
split into clauses).

- **Size.** No upload larger than CONCORD_UPLOAD_MAX_MB is ever held: `LimitedUpload`, the first
  upload handler, passes only a file's first limit + 1 bytes on to Django's own handlers (memory,
  or a temporary file deleted with the request) and drops the rest, so `check` sees that it is too
  large and says so — a field error like any other, 422 in the API. A form or JSON body over the
  same limit is a 413 (concord.core.api, concord.core.middleware.bad_request).
- **Type by content.** The name's extension is what the sender claims; the bytes must agree. Text
  is UTF-8 without NUL or other control characters (a binary file renamed .csv is refused, and
  PostgreSQL could not store a NUL anyway); a .xlsx or .docx is an Office Open XML package — a ZIP
  holding that kind's main part — whose unpacked size is bounded (no zip bombs).
- **Names.** Only the last part of a name is kept, without control characters, at most 100
  characters: the name is shown back in messages and decides the kind, never a path.
- **Nothing is stored** by these rules: an upload is read, parsed and dropped within its request.
  A feature that keeps files stores them where no URL serves them and hands them out only through
  a view that checks access (due-diligence documents: in the database, lifecycle.models).
- **Kept files by content too**: a PDF, PNG or JPEG must start as one does (`STARTS`).
"""

import io
import re
import unicodedata
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Protocol

from django.conf import settings
from django.core.files.uploadhandler import FileUploadHandler

TEXT = "text"
XLSX = "xlsx"
DOCX = "docx"
# Files kept as they are (due-diligence certificates): each must start as its kind does.
PDF = "pdf"
PNG = "png"
JPEG = "jpeg"
STARTS = {PDF: (b"%PDF", "a PDF"), PNG: (b"\x89PNG", "a PNG image"), JPEG: (b"\xff\xd8\xff", "a JPEG image")}
# The part an Office Open XML package of each kind cannot be without.
MAIN_PART = {XLSX: "xl/workbook.xml", DOCX: "word/document.xml"}
UNPACKED_RATIO = 10  # a package may unpack to at most ten times the upload limit
MAX_PARTS = 10_000
MAX_NAME = 100
# What a file that is not text starts with (type by content: a PDF renamed .csv is still a PDF).
SIGNATURES = {
    b"PK\x03\x04": "a ZIP package (.xlsx, .docx or .zip)",
    b"%PDF": "a PDF",
    b"\xd0\xcf\x11\xe0": "an old Office file (.xls or .doc)",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
}
# Control characters a text may not contain: all of C0 but tab, line feed, form feed and return.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


class UploadRefused(ValueError):
    """The upload breaks a rule; the message is for the person who sent it."""


class Readable(Protocol):
    name: str | None

    def read(self, size: int = -1) -> bytes: ...


@dataclass(frozen=True)
class Upload:
    name: str  # sanitised
    kind: str  # TEXT, XLSX or DOCX
    content: bytes
    text: str = ""  # the decoded text of a TEXT upload


def max_bytes() -> int:
    return int(settings.CONCORD_UPLOAD_MAX_MB) * 1024 * 1024


def too_large_message() -> str:
    return f"The file is larger than {settings.CONCORD_UPLOAD_MAX_MB} MB; split it."


def too_large_body_message() -> str:
    return (
        f"The request is larger than {settings.CONCORD_UPLOAD_MAX_MB} MB, the most Concord accepts; "
        "nothing was saved. Send less at a time."
    )


class LimitedUpload(FileUploadHandler):
    """The first of FILE_UPLOAD_HANDLERS: the handlers after it receive at most limit + 1 bytes of
    each file (enough to tell that it is too large); the rest of a larger file is read off the
    connection and dropped, never kept in memory or on disk."""

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes | None:
        room = max_bytes() + 1 - start
        return raw_data[:room] if room > 0 else None

    def file_complete(self, file_size: int) -> None:
        return None  # the next handler builds the file


def safe_name(name: str | None) -> str:
    """The last part of an uploaded file's name, without control characters, at most 100
    characters (the extension kept); "upload" when nothing is left."""
    last = PurePosixPath(str(name or "").replace("\\", "/")).name
    clean = "".join(c for c in last if not unicodedata.category(c).startswith("C")).strip(" .")
    if len(clean) > MAX_NAME:
        suffix = PurePosixPath(clean).suffix[:11]
        clean = clean[: MAX_NAME - len(suffix)].rstrip() + suffix
    return clean or "upload"


def read(upload: Readable) -> bytes:
    """An uploaded file's bytes, at most limit + 1 of them (enough for `check` to refuse it)."""
    return upload.read(max_bytes() + 1)


def check(name: str | None, content: bytes, kinds: Mapping[str, str], accepted: str) -> Upload:
    """The upload if its size and content agree with what its name claims (`kinds` maps an
    extension such as ".csv" to TEXT, XLSX or DOCX); UploadRefused otherwise. `accepted` names
    what may be uploaded, for the message ("a .csv or .xlsx file")."""
    clean = safe_name(name)
    if len(content) > max_bytes():
        raise UploadRefused(too_large_message())
    kind = kinds.get(PurePosixPath(clean.lower()).suffix)
    if kind is None:
        raise UploadRefused(f"Upload {accepted}.")
    if kind == TEXT:
        return Upload(clean, kind, content, _text(clean, content))
    if kind in STARTS:
        start, what = STARTS[kind]
        if not content.startswith(start):
            raise UploadRefused(f"{clean} is not {what}: {_what_it_is(content)}.")
        return Upload(clean, kind, content)
    _package(clean, content, kind)
    return Upload(clean, kind, content)


def _text(name: str, content: bytes) -> str:
    found = _signature(content)
    if found:
        raise UploadRefused(f"{name} is {found}, not a text file; upload it with its real extension.")
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UploadRefused(
            f"{name} is not UTF-8 text; save it as UTF-8 (from a spreadsheet: 'CSV UTF-8')."
        ) from None
    control = CONTROL.search(text)
    if control:
        line = text.count("\n", 0, control.start()) + 1
        raise UploadRefused(
            f"{name} contains a control character on line {line} ({_code(control.group())}), "
            "so it is not a text file."
        )
    return text


def _code(char: str) -> str:
    return "NUL" if char == "\x00" else f"U+{ord(char):04X}"


def _package(name: str, content: bytes, kind: str) -> None:
    what = "Word (.docx) document" if kind == DOCX else "workbook (.xlsx)"
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as package:
            parts = package.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise UploadRefused(f"{name} is not a {what}: {_what_it_is(content)}.") from None
    names = {p.filename for p in parts}
    if "[Content_Types].xml" not in names or MAIN_PART[kind] not in names:
        raise UploadRefused(f"{name} is not a {what}: it is a ZIP package without one inside.")
    if len(parts) > MAX_PARTS or sum(p.file_size for p in parts) > UNPACKED_RATIO * max_bytes():
        unpacked = UNPACKED_RATIO * int(settings.CONCORD_UPLOAD_MAX_MB)
        raise UploadRefused(f"{name} unpacks to more than {unpacked} MB; split it.")


def _what_it_is(content: bytes) -> str:
    if content.startswith(b"PK"):
        return "it is a damaged ZIP package"
    found = _signature(content)
    if found:
        return f"it is {found}"
    start = content[:4096].decode("utf-8", "replace")
    if start.count("\ufffd") <= 1 and not CONTROL.search(start):  # a character cut at the end
        return "it contains text"
    return "its content is not a package"


def _signature(content: bytes) -> str | None:
    return next((what for start, what in SIGNATURES.items() if content.startswith(start)), None)
