"""Every form a person can see gets the bad-input corpus: no 500, a field-level message, nothing
written.

The forms are not listed by hand: every page of the page sweep's registry (tests/sweeps/
test_pages.py) that the buyer lead or the supplier lead can open is rendered, and each form on it
that posts is read back from the HTML (its action, its fields and their current values). Then each
field in turn gets each bad value of the corpus, the other fields keeping what the page offered;
and the whole form is sent in a broken encoding. A new page, or a new field on a page, is covered
without anyone remembering to add it.

On PostgreSQL only the values whose fate can differ between the databases are sent (ON_POSTGRESQL);
the SQLite half of `make test` sends the whole corpus.

What must hold for every request: the answer is not a server error. When the request is refused
(a 4xx, the form shown again with its errors, or — for the small action forms that go back to
their page — a flash message there), nothing was written (no audit event). A NUL character can
never be stored: in any field other than a checkbox it is refused, with a message on that field (or,
after a redirect, a message that names the field by its label).
"""

import hashlib
import os
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.test import Client
from django.urls import reverse

from concord.audit.models import AuditEvent
from tests.sweeps.test_pages import ALL, PAGES
from tests.world import World

PERSONAS = ["buyer_lead", "supplier_lead"]
# Field values no form may choke on. Each may be valid for some field (a long text, a text that
# looks like a date); none may cause a server error, and a refusal must write nothing.
CORPUS: dict[str, str] = {
    "nul": "a\x00b",
    "oversize": "x" * 100_001,
    "impossible date": "2026-02-30",
    "impossible time": "2026-02-28T25:61",
    "huge number": "9" * 400,
    "not a number": "NaN",
    "a list where one value is meant": "[1, 2]",
}
# On PostgreSQL, the values whose fate can differ from SQLite's once a form has let them through:
# a NUL (PostgreSQL refuses it in any text, even in a lookup), a text past a column's length, a
# number past a column's range. The others are refused or stored alike by both databases, and the
# SQLite half of `make test` sends them to every field; sending them twice found nothing new.
ON_POSTGRESQL = ("nul", "oversize", "huge number")
# A flash message that names the fields by their labels: "Why the date changes: Null characters …".
NAMED = re.compile(r"(^|\. )[A-Z][^.:]{1,60}: ")
# Forms that end the session or are not about data (the sweep would sign itself out).
SKIP_ACTIONS = {"/account/logout/"}


class _Forms(HTMLParser):
    """The POST forms of a page: action, and each field's name, kind and value as offered."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.forms: list[dict[str, Any]] = []
        self._form: dict[str, Any] | None = None
        self._textarea: str | None = None
        self._select: str | None = None
        self._label: str | None = None  # the id the label being read is for

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form" and a.get("method", "get").lower() == "post":
            self._form = {"action": a.get("action", ""), "fields": {}, "kinds": {}, "ids": {}, "labels": {}}
            self.forms.append(self._form)
        if self._form is not None and tag == "label" and a.get("for"):
            self._label = a["for"]
            self._form["labels"][self._label] = ""
        if self._form is not None and tag == "option" and self._select is not None:
            fields = self._form["fields"]
            if "selected" in a or not fields.get(self._select):
                fields[self._select] = a.get("value", "")
        if self._form is None or not a.get("name") or "disabled" in a:
            return  # a browser sends no disabled control, and Django reads none (its initial stands)
        name, fields, kinds = a["name"], self._form["fields"], self._form["kinds"]
        if a.get("id"):
            self._form["ids"][name] = a["id"]
        if tag == "input":
            kind = a.get("type", "text").lower()
            if kind in ("submit", "button", "reset", "image", "file"):
                return
            if kind in ("checkbox", "radio"):
                kinds[name] = "choice-box"
                if "checked" in a:
                    fields[name] = a.get("value", "on")
                return
            kinds[name] = kind
            fields[name] = a.get("value", "")
        elif tag == "textarea":
            kinds[name], fields[name], self._textarea = "textarea", "", name
        elif tag == "select":
            kinds[name], self._select = "select", name
            fields.setdefault(name, "")

    def handle_data(self, data: str) -> None:
        if self._form is not None and self._textarea is not None:
            self._form["fields"][self._textarea] += data
        if self._form is not None and self._label is not None:
            self._form["labels"][self._label] += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._form = None
        elif tag == "textarea":
            self._textarea = None
        elif tag == "select":
            self._select = None
        elif tag == "label":
            self._label = None


def _forms(html: str, page_url: str) -> list[dict[str, Any]]:
    parser = _Forms()
    parser.feed(html)
    for form in parser.forms:
        form["action"] = form["action"] or page_url
        form["page"] = page_url
    return [f for f in parser.forms if f["action"] not in SKIP_ACTIONS]


def _corpus() -> dict[str, str]:
    if connection.vendor == "postgresql":
        return {label: CORPUS[label] for label in ON_POSTGRESQL}
    return CORPUS


def _pages(persona: str) -> list[str]:
    return sorted(
        name
        for name, (method, _, expected, _) in PAGES.items()
        if method == "GET" and expected.get(persona, expected.get(ALL)) == 200
    )


def _refused(response: Any) -> bool:
    return response.status_code >= 400 or b'class="errorlist"' in response.content


def _check(client: Client, form: dict[str, Any], data: dict[str, str], what: str) -> tuple[bool, str, bool]:
    """Send the form; whether it was refused, the message shown for it, and whether the answer was
    the form shown again (not a redirect)."""
    before = AuditEvent.unscoped.count()
    client.cookies.pop("messages", None)  # a flash not shown yet belongs to an earlier request
    response = client.post(form["action"], data)
    assert response.status_code < 500, what
    if response.status_code == 302:  # back to a page, with a flash message if refused
        errors = [str(m) for m in get_messages(response.wsgi_request) if "error" in m.tags.split()]
        refused, shown = bool(errors), errors[0] if errors else ""
        if not refused:  # what the form let through must not break the page it goes back to
            assert client.get(response["Location"]).status_code < 500, f"{what}: the page after"
    else:
        refused, shown = _refused(response), response.content.decode(errors="replace")
    if refused:
        assert AuditEvent.unscoped.count() == before, f"refused but written: {what}"
    else:
        _reload(client, form)
    return refused, shown, response.status_code == 200


def _reload(client: Client, form: dict[str, Any]) -> None:
    """After a change went through, take the form's hidden fields (its version above all) from its
    page again, as a person reloading it would: the next bad value is then checked by the form and
    the services, not only turned away as a stale edit."""
    for fresh in _forms(client.get(form["page"]).content.decode(), form["page"]):
        if fresh["action"] == form["action"] and fresh["kinds"] == form["kinds"]:
            hidden = {name for name, kind in form["kinds"].items() if kind == "hidden"}
            form["fields"] |= {name: fresh["fields"][name] for name in hidden if name in fresh["fields"]}
            return


def _needing_their_own_request(
    client: Client, form: dict[str, Any], editable: list[str], label: str, value: str, persona: str
) -> list[str]:
    """The fields whose bad value still needs a request with only that field bad.

    One request first puts the value in every field at once. Django cleans each field on its own
    whatever the others hold, so a field shown again with its own error refused the value exactly
    as it would alone, before any service ran; a request per field would only repeat that. The
    fields that took the value (a date-like text, a long number in a text box) may let it go
    further, so they get it together again, the fields that refused it back to what the page
    offered, and so on: each round either goes through the services with all of them — they are
    done — or names more fields that refuse it. A refusal that names no field (a rule across
    fields, a conflict) and a NUL let through go back to a request per field. This keeps the
    sweep's findings with far fewer requests."""
    # A hidden field's error (a version, a formset's counts) names no field on the page, and may
    # answer with another page altogether (a conflict): those fields always go on their own.
    alone = [f for f in editable if form["kinds"][f] == "hidden"]
    pending = [f for f in editable if f not in alone]
    what = f"{persona} {form['action']} every field={label}"
    while len(pending) > 1:
        refused, shown, again = _check(client, form, form["fields"] | dict.fromkeys(pending, value), what)
        if not refused:
            return alone + pending if label == "nul" else alone
        named = [field for field in pending if _refused_on(form, field, shown, again)]
        if not named:
            break
        pending = [field for field in pending if field not in named]
    return alone + pending


def _refused_on(form: dict[str, Any], field: str, shown: str, again: bool) -> bool:
    """Whether the answer puts an error on this field: on the field in the form shown again, or
    after its label in the flash message of a form that goes back to its page ("Title: …")."""
    if again:
        return f'id="id_{field}_error"' in shown
    label = " ".join(form["labels"].get(form["ids"].get(field, ""), "").split())
    return bool(label) and re.search(rf"(^|\s){re.escape(label)}: ", shown) is not None


# The fields of a formset's second and later rows (the same form as its first row) are skipped to
# keep the sweep to what can differ; so is a form already swept (_first_sweep).
LATER_ROW = re.compile(r"-([1-9]\d*)-")


@pytest.fixture(scope="session")
def swept(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder the test processes of this run share (xdist gives each worker a folder inside the
    run's own), where each form swept leaves a mark."""
    base = tmp_path_factory.getbasetemp()
    shared = (base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base) / "forms-swept"
    shared.mkdir(exist_ok=True)
    return shared


def _first_sweep(swept: Path, form: dict[str, Any]) -> bool:
    """Whether this form is swept for the first time in this run, by any test process: the same
    form on another page, or for the other persona, is validated the same way for anyone."""
    seen = repr((form["action"], sorted(form["kinds"])))
    mark = swept / hashlib.sha256(seen.encode()).hexdigest()
    try:
        os.close(os.open(mark, os.O_CREAT | os.O_EXCL | os.O_WRONLY))
    except FileExistsError:
        return False
    return True


CASES = [(persona, name) for persona in PERSONAS for name in _pages(persona)]


@pytest.mark.parametrize(("persona", "name"), CASES, ids=[f"{p}-{n}" for p, n in CASES])
def test_every_form_survives_the_corpus(world: World, swept: Path, persona: str, name: str) -> None:
    client = Client()
    client.force_login(world.user(persona))
    _, kwargs, _, _ = PAGES[name]
    url = reverse(name, kwargs=kwargs(world))
    page = client.get(url)
    if "text/html" not in page["Content-Type"]:
        return  # a download: no forms
    for form in _forms(page.content.decode(), url):
        if not _first_sweep(swept, form):
            continue
        editable = [n for n in form["kinds"] if n != "csrfmiddlewaretoken" and not LATER_ROW.search(n)]
        for label, value in _corpus().items():
            for field in _needing_their_own_request(client, form, editable, label, value, persona):
                what = f"{persona} {form['action']} {field}={label}"
                data = form["fields"] | {field: value}
                refused, shown, _ = _check(client, form, data, what)
                if label == "nul" and form["kinds"][field] != "choice-box":
                    assert refused, f"NUL accepted: {what}"
                if label == "nul" and form["kinds"][field] not in ("choice-box", "hidden", "select"):
                    # on the field in the form shown again, or named by its label in the flash
                    on_field = f'id="id_{field}_error"' in shown or NAMED.search(shown)
                    assert on_field, f"no message on the field: {what}: {shown[:300]}"


@pytest.mark.parametrize("persona", PERSONAS)
def test_broken_encodings_are_refused_cleanly(world: World, persona: str) -> None:
    """Bodies no form can read: bytes that are not UTF-8, multipart without its boundary, a
    multipart body cut short. Each is answered (a refusal or the form again), never a 500."""
    client = Client()
    client.force_login(world.user(persona))
    url = reverse("note-create", kwargs={"pk": world.partnership.pk})
    before = AuditEvent.unscoped.count()
    bodies = [
        ("application/x-www-form-urlencoded", b"body=%FF%FE%00&visibility=shared"),
        ("application/x-www-form-urlencoded", b"body=\xff\xfe&visibility=shared"),
        ("multipart/form-data", b"--x\r\nContent-Disposition: form-data; name=body\r\n\r\nhi"),
        ("multipart/form-data; boundary=x", b"--x\r\nContent-Disposition: form-data; name=body\r\n\r\nhi"),
        ("multipart/form-data; boundary=x", b"--x\r\nContent-Disposition: form-data; name=\xff\r\n\r\n--x--"),
        ("text/plain", b"\x00" * 64),
    ]
    for content_type, body in bodies:
        response = client.generic("POST", url, body, content_type=content_type)
        assert response.status_code < 500, (content_type, body[:40])
        assert _refused(response), (content_type, body[:40])
    assert AuditEvent.unscoped.count() == before
