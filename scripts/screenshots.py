"""Take the README tour's screenshots from a throw-away demo server (docs/screenshots/*.png).

Usage: .venv/bin/python scripts/screenshots.py   (needs Debian's chromium at /usr/bin/chromium)
"""

import os
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "screenshots"
PORT = "8765"
BASE = f"http://127.0.0.1:{PORT}"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def concord(*args: str, env: dict[str, str]) -> None:
    subprocess.run([sys.executable, "-m", "concord.manage", *args], env=env, check=True)


def wait_for_server() -> None:
    for _ in range(100):
        try:
            urllib.request.urlopen(f"{BASE}/account/login/", timeout=1)
            return
        except OSError:
            time.sleep(0.2)
    raise SystemExit("server did not start")


def sign_in(page, email: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{BASE}/account/login/")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill("concord-demo-2026")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{BASE}/home/")  # signing in leads home


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as var:
        env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"} | {"CONCORD_VAR_DIR": var}
        concord("migrate", "-v0", env=env)
        concord("demo", env=env)
        server = subprocess.Popen(
            [sys.executable, "-m", "concord.manage", "runserver", PORT, "--noreload"],
            env=env,
            stderr=subprocess.DEVNULL,
        )
        try:
            wait_for_server()
            shoot()
        finally:
            server.terminate()


def shoot() -> None:
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        buyer = browser.new_page(viewport={"width": 1280, "height": 900})
        sign_in(buyer, "clara@helix.example")
        buyer.screenshot(path=OUT / "home.png", full_page=True)
        buyer.goto(f"{BASE}/")
        buyer.screenshot(path=OUT / "portfolio.png")
        buyer.get_by_role("link", name="Single-use bioprocessing").first.click()
        buyer.screenshot(path=OUT / "workspace-buyer.png", full_page=True)
        supplier = browser.new_page(viewport={"width": 1280, "height": 900})
        sign_in(supplier, "sam@aurora.example")
        supplier.get_by_role("link", name="Single-use bioprocessing").first.click()
        supplier.screenshot(path=OUT / "workspace-supplier.png", full_page=True)
        buyer.get_by_role("link", name="Vision", exact=True).click()
        buyer.screenshot(path=OUT / "vision-document.png", full_page=True)
        buyer.get_by_role("link", name="Round 1").click()
        buyer.screenshot(path=OUT / "vision-report.png", full_page=True)
        buyer.get_by_role("link", name="Agreements", exact=True).click()
        buyer.get_by_role("link", name="Master supply agreement 2027–2029").click()
        buyer.screenshot(path=OUT / "agreement.png", full_page=True)
        buyer.get_by_role("link", name="Traceability matrix").click()
        buyer.screenshot(path=OUT / "traceability.png", full_page=True)
        buyer.get_by_role("link", name="Goals & scorecards", exact=True).click()
        buyer.screenshot(path=OUT / "goals.png", full_page=True)
        buyer.get_by_role("link", name="On-time in-full delivery at 98 %").click()
        buyer.locator('figure[data-rendered="true"]').wait_for()
        buyer.screenshot(path=OUT / "goal.png", full_page=True)
        buyer.get_by_role("link", name="Scorecards", exact=True).click()
        buyer.locator('figure[data-rendered="true"]').first.wait_for()
        buyer.screenshot(path=OUT / "scorecards.png", full_page=True)
        supplier.get_by_role("link", name="Demands & commitments", exact=True).click()
        supplier.screenshot(path=OUT / "demands.png", full_page=True)
        supplier.get_by_role("link", name="Commitments & reliability", exact=True).click()
        supplier.screenshot(path=OUT / "ledger.png", full_page=True)
        supplier.get_by_role("link", name="Insight", exact=True).click()
        supplier.screenshot(path=OUT / "insight.png", full_page=True)
        buyer.get_by_role("link", name="Meetings", exact=True).click()
        buyer.get_by_role("link", name="Q4 business review").click()
        buyer.screenshot(path=OUT / "meeting.png", full_page=True)
        buyer.get_by_role("link", name="Risks", exact=True).click()
        buyer.screenshot(path=OUT / "risks.png", full_page=True)
        buyer.get_by_role("link", name="Reviews", exact=True).first.click()
        buyer.get_by_role("link", name="Health survey", exact=True).click()
        buyer.get_by_role("link", name="Q3 2026 relationship health").first.click()
        buyer.screenshot(path=OUT / "survey.png", full_page=True)
        buyer.get_by_role("link", name="Governance", exact=True).click()
        buyer.screenshot(path=OUT / "governance.png", full_page=True)
        buyer.get_by_role("link", name="Issues", exact=True).click()
        buyer.get_by_role("link", name="Index-linked price adjustment read two ways").click()
        buyer.screenshot(path=OUT / "issue.png", full_page=True)
        buyer.get_by_role("link", name="Lifecycle", exact=True).click()
        buyer.screenshot(path=OUT / "lifecycle.png", full_page=True)
        buyer.get_by_role("link", name="Overview", exact=True).click()
        buyer.get_by_role("link", name="How it is made").click()
        buyer.screenshot(path=OUT / "health.png", full_page=True)
        buyer.get_by_role("link", name="Choosing partners", exact=True).first.click()
        buyer.get_by_role("link", name="Second source for sterile filtration").click()
        buyer.screenshot(path=OUT / "selection.png", full_page=True)
        buyer.goto(f"{BASE}/api/v1/docs")
        buyer.wait_for_timeout(1500)
        buyer.screenshot(path=OUT / "api-docs.png")
        browser.close()


if __name__ == "__main__":
    main()
