"""The production path, run for real: collectstatic with the manifest storage, migrate on PostgreSQL, gunicorn
with ``opvangregie.conf.production`` behind a local ``X-Forwarded-Proto: https``, the task worker; then an
officer logs in, opens the dashboard, has the council letter made by the worker and downloads it.

Fails (exit 1) on any 5xx, on a missing static file and on a letter that is not a Word document. This is
exactly what the README's deployment section describes; ``make test`` runs it (``make test-production``).
"""

from __future__ import annotations

import http.client
import io
import os
import re
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parent.parent
BIN = ROOT / ".venv" / "bin"
DATABASE = os.environ.get("SMOKE_DATABASE", "opvangregie_smoke")  # its own throw-away database
SERVER = "postgres://postgres@127.0.0.1:5432"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def fresh_database() -> None:
    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
        connection.execute(f"CREATE DATABASE {DATABASE}")


def environment(static_root: str, port: int) -> dict[str, str]:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "opvangregie.conf.production",
        "DJANGO_SECRET_KEY": "production-smoke-run-" + "x" * 40,
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DJANGO_STATIC_ROOT": static_root,
        "DATABASE_URL": f"{SERVER}/{DATABASE}",
        "OPVANGREGIE_NODE_MODULES": str(ROOT / "node_modules"),
        "SMOKE_PORT": str(port),
    }


def run(env: dict[str, str], *args: str) -> None:
    print("$ opvangregie", " ".join(args), flush=True)
    subprocess.run([str(BIN / "opvangregie"), *args], env=env, check=True, cwd=ROOT)


@contextmanager
def concurrently(env: dict[str, str], *args: str) -> Iterator[None]:
    """Run ``opvangregie *args`` while the block runs; fail unless both succeed."""
    print("$ opvangregie", " ".join(args), "&", flush=True)
    process = subprocess.Popen([str(BIN / "opvangregie"), *args], env=env, cwd=ROOT)
    try:
        yield
    except BaseException:
        process.kill()
        raise
    finally:
        returncode = process.wait()
    if returncode != 0:
        raise subprocess.CalledProcessError(returncode, ["opvangregie", *args])


@contextmanager
def background(env: dict[str, str], *command: str) -> Iterator[subprocess.Popen[bytes]]:
    process = subprocess.Popen(command, env=env, cwd=ROOT)
    try:
        yield process
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()


class Browser:
    """A minimal HTTPS-behind-a-proxy client: sends X-Forwarded-Proto, keeps cookies (also the Secure ones)."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, form: dict[str, str] | None = None) -> tuple[int, dict[str, str], bytes]:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        headers = {"X-Forwarded-Proto": "https", "Host": "127.0.0.1", "Referer": f"https://127.0.0.1{path}"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if form is not None:
            body = urllib.parse.urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        content = response.read()
        for name, value in response.getheaders():
            if name.lower() == "set-cookie":
                key, _, rest = value.partition("=")
                self.cookies[key] = rest.split(";", 1)[0]
        status = response.status
        print(f"{method} {path} -> {status}", flush=True)
        if status >= 500:
            raise SystemExit(f"server error {status} on {method} {path}:\n{content[:2000].decode(errors='replace')}")
        return status, {k.lower(): v for k, v in response.getheaders()}, content

    def get(self, path: str, expect: int = 200) -> bytes:
        status, _, content = self.request("GET", path)
        if status != expect:
            raise SystemExit(f"GET {path}: {status}, expected {expect}")
        return content

    def post(self, path: str, form: dict[str, str]) -> tuple[int, dict[str, str]]:
        form = {"csrfmiddlewaretoken": self.cookies.get("csrftoken", ""), **form}
        status, headers, _ = self.request("POST", path, form)
        return status, headers


def wait_for(port: int, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"gunicorn did not listen on {port}")


def journey(port: int) -> None:
    browser = Browser(port)
    status, headers, _ = browser.request("GET", "/inloggen/")
    assert status == 200, status
    status, headers = browser.post("/inloggen/", {"username": "heemstede", "password": "heemstede-demo-2025"})
    if status != 302:
        raise SystemExit(f"login failed: {status}")
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
    fresh_database()
    with tempfile.TemporaryDirectory() as static_root:
        env = environment(static_root, port)
        run(env, "check", "--deploy", "--fail-level", "WARNING")
        # collectstatic (compressing every file) needs no database: it runs beside migrate and load_demo
        with concurrently(env, "collectstatic", "--noinput", "--verbosity", "0"):
            run(env, "migrate", "--verbosity", "0")
            run(env, "load_demo", "--force")  # a throw-away database: the demo officer signs in
        gunicorn = (str(BIN / "gunicorn"), "opvangregie.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "2")
        with background(env, *gunicorn), background(env, str(BIN / "opvangregie"), "db_worker", "--verbosity", "0"):
            wait_for(port)
            journey(port)
    print("production smoke run: passed", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
