"""The production path, run for real: collectstatic with the manifest storage, migrate on PostgreSQL, gunicorn
with ``opvangregie.conf.production`` behind a local ``X-Forwarded-Proto: https``, the task worker; then an
officer logs in, opens the dashboard, has the council letter made by the worker and downloads it.

Fails (exit 1) on any 5xx, on a missing static file and on a letter that is not a Word document. This is
exactly what the README's deployment section describes; ``make test`` runs it (``make test-production``).
"""

from __future__ import annotations

import io
import os
import re
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from opvangregie.web.serving import (
    BIN,
    Browser,
    background,
    concurrently,
    free_port,
    fresh_database,
    gunicorn,
    production_environment,
    run,
    wait_for,
)

DATABASE = os.environ.get("SMOKE_DATABASE", "opvangregie_smoke")  # its own throw-away database


def journey(port: int) -> None:
    browser = Browser(port)
    browser.log_in("heemstede", "heemstede-demo-2025")
    dashboard = browser.get("/gemeente/GM0397/?datum=2025-11-01").decode()
    assert "169" in dashboard, "the dashboard does not show Heemstede's 169 places"
    stylesheets = re.findall(r'href="(/static/[^"]+\.css)"', dashboard)
    assert stylesheets and all(re.search(r"\.[0-9a-f]{12}\.css$", s) for s in stylesheets), stylesheets
    for stylesheet in stylesheets:
        browser.get(stylesheet)
    browser.get("/raadsinformatiebericht/document/999999/", expect=404)
    status, _ = browser.post("/gemeente/GM0397/raadsinformatiebericht/maken/?kwartaal=2025-Q4", {"format": "docx"})
    assert status == 302, status
    page = browser.get("/gemeente/GM0397/raadsinformatiebericht/?kwartaal=2025-Q4").decode()
    document = max(int(pk) for pk in re.findall(r"/raadsinformatiebericht/document/(\d+)/", page))
    deadline = time.monotonic() + 120
    while True:
        _, headers, _ = browser.request("GET", f"/raadsinformatiebericht/document/{document}/?progress=1")
        if headers.get("hx-refresh") == "true":
            break
        if time.monotonic() > deadline:
            raise SystemExit("the task worker did not make the letter within 2 minutes")
        time.sleep(1)
    status, headers, content = browser.request("GET", f"/raadsinformatiebericht/document/{document}/")
    assert status == 200 and headers["content-type"].startswith("application/vnd.openxmlformats"), headers
    from docx import Document

    text = "\n".join(p.text for p in Document(io.BytesIO(content)).paragraphs)
    assert "Heemstede" in text, "the downloaded letter is not Heemstede's"
    print(f"letter downloaded: {len(content)} bytes", flush=True)


def main() -> int:
    port = free_port()
    fresh_database(DATABASE)
    with tempfile.TemporaryDirectory() as static_root:
        env = production_environment(DATABASE, static_root)
        run(env, "check", "--deploy", "--fail-level", "WARNING")
        # collectstatic (compressing every file) needs no database: it runs beside migrate and load_demo
        with concurrently(env, "collectstatic", "--noinput", "--verbosity", "0"):
            run(env, "migrate", "--verbosity", "0")
            run(env, "load_demo", "--force")  # a throw-away database: the demo officer signs in
        worker = (str(BIN / "opvangregie"), "db_worker", "--verbosity", "0")
        with background(env, *gunicorn(port)), background(env, *worker):
            wait_for(port)
            journey(port)
    print("production smoke run: passed", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
