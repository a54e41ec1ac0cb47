"""The production server, run for real by the production smoke test and the page benchmark: a throw-away
PostgreSQL database, gunicorn with ``opvangregie.conf.production`` behind a local ``X-Forwarded-Proto:
https``, and a minimal client that signs in and keeps its cookies."""

from __future__ import annotations

import http.client
import os
import socket
import subprocess
import sys
import time
import urllib.parse
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
BIN = Path(sys.executable).parent
SERVER = os.environ.get("POSTGRES_SERVER", "postgres://postgres@127.0.0.1:5432")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def fresh_database(name: str) -> None:
    """Drop and create the PostgreSQL database ``name``."""
    import psycopg

    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        connection.execute(f"CREATE DATABASE {name}")


def database_exists(name: str) -> bool:
    import psycopg

    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as connection:
        return connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone() is not None


def production_environment(database: str, static_root: str, **extra: str) -> dict[str, str]:
    """The settings of a production deployment (README, deployment section) on database ``database``."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "opvangregie.conf.production",
        "DJANGO_SECRET_KEY": "production-run-" + "x" * 40,
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DJANGO_STATIC_ROOT": static_root,
        "DATABASE_URL": f"{SERVER}/{database}",
        "OPVANGREGIE_NODE_MODULES": str(ROOT / "node_modules"),
        **extra,
    }


def run(env: dict[str, str], *args: str) -> None:
    """Run ``opvangregie *args``; fail if it fails. Its output and this log go to stderr (stdout is for results)."""
    print("$ opvangregie", " ".join(args), file=sys.stderr, flush=True)
    subprocess.run([str(BIN / "opvangregie"), *args], env=env, check=True, cwd=ROOT, stdout=sys.stderr)


@contextmanager
def concurrently(env: dict[str, str], *args: str) -> Iterator[None]:
    """Run ``opvangregie *args`` while the block runs; fail unless both succeed."""
    print("$ opvangregie", " ".join(args), "&", file=sys.stderr, flush=True)
    process = subprocess.Popen([str(BIN / "opvangregie"), *args], env=env, cwd=ROOT, stdout=sys.stderr)
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
    """Run ``command`` while the block runs, then stop it."""
    process = subprocess.Popen(command, env=env, cwd=ROOT, stdout=sys.stderr)
    try:
        yield process
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()


def gunicorn(port: int, workers: int = 2) -> tuple[str, ...]:
    return (str(BIN / "gunicorn"), "opvangregie.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", str(workers))


def wait_for(port: int, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"gunicorn did not listen on {port}")


class Browser:
    """A minimal HTTPS-behind-a-proxy client: sends X-Forwarded-Proto, keeps cookies (also the Secure ones)."""

    def __init__(self, port: int, *, verbose: bool = True) -> None:
        self.port = port
        self.verbose = verbose
        self.cookies: dict[str, str] = {}

    @property
    def cookie_header(self) -> str:
        return "; ".join(f"{k}={v}" for k, v in self.cookies.items())

    def request(self, method: str, path: str, form: dict[str, str] | None = None) -> tuple[int, dict[str, str], bytes]:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
        headers = {"X-Forwarded-Proto": "https", "Host": "127.0.0.1", "Referer": f"https://127.0.0.1{path}"}
        if self.cookies:
            headers["Cookie"] = self.cookie_header
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
        if self.verbose:
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

    def log_in(self, username: str, password: str) -> None:
        status, _, _ = self.request("GET", "/inloggen/")
        if status != 200:
            raise SystemExit(f"login page: {status}")
        status, _ = self.post("/inloggen/", {"username": username, "password": password})
        if status != 302:
            raise SystemExit(f"login of {username} failed: {status}")
