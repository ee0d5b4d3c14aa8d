"""A small HTTP client for tests against real Concord servers: it keeps cookies across servers
(as one browser would across the app processes behind one proxy) and says it came through a TLS
proxy (`X-Forwarded-Proto: https`, with CONCORD_BEHIND_PROXY on), so production settings apply
unchanged — secure cookies, CSRF checked against the Origin."""

import http.client
import json
from http.cookies import SimpleCookie
from typing import Any
from urllib.parse import urlencode, urlsplit

PROXY = {"X-Forwarded-Proto": "https"}


def request(
    base: str, method: str, path: str, body: bytes | None = None, headers: dict[str, str] | None = None
) -> tuple[int, http.client.HTTPMessage, bytes]:
    where = urlsplit(base)
    connection = http.client.HTTPConnection(where.hostname or "", where.port, timeout=60)
    try:
        connection.request(method, path, body, headers or {})
        answer = connection.getresponse()
        return answer.status, answer.headers, answer.read()
    finally:
        connection.close()


def get(base: str, path: str) -> tuple[int, str]:
    """Status and text of a plain GET; status 0 while nothing listens yet."""
    try:
        status, _, body = request(base, "GET", path)
    except OSError:
        return 0, ""
    return status, body.decode()


class Browser:
    """Cookies shared across servers; JSON for the API, forms for pages."""

    def __init__(self) -> None:
        self.cookies: dict[str, str] = {}

    def call(self, base: str, method: str, path: str, data: dict[str, Any] | None = None) -> tuple[int, str]:
        headers = PROXY | {"Origin": "https://" + (urlsplit(base).netloc)}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if "csrftoken" in self.cookies:
            headers["X-CSRFToken"] = self.cookies["csrftoken"]
        body = None
        if data is not None and path.startswith("/api/"):
            body, headers["Content-Type"] = json.dumps(data).encode(), "application/json"
        elif data is not None:
            body, headers["Content-Type"] = urlencode(data).encode(), "application/x-www-form-urlencoded"
        status, answer, content = request(base, method, path, body, headers)
        for line in answer.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(line).items():
                if morsel["max-age"] == "0":
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.value
        return status, content.decode(errors="replace")

    def sign_in(self, base: str, email: str, password: str) -> int:
        """The sign-in page, as a person fills it in; the status of the answer (302 when signed in)."""
        self.call(base, "GET", "/account/login/")
        form = {"username": email, "password": password, "csrfmiddlewaretoken": self.cookies["csrftoken"]}
        return self.call(base, "POST", "/account/login/", form)[0]
