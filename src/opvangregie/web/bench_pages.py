"""Page benchmark (``opvangregie bench pages``): the heavy pages and API lists on the national data set.

On PostgreSQL with production settings (web.serving): a database with the demo and ``generate_national
--seed 2025`` (made once and kept as ``opvangregie_bench_<seed>``; ``--fresh`` makes it again), gunicorn with
two workers, the demo roles signed in, and every page driven by ``hey`` (Debian) with 20 concurrent clients
for a bounded time. Printed per page: requests per second, p50 and p95, the ratio of its p95 to the login
page's p95 measured in the same run (the floor), and, in-process, the server time and query count.

Targets (issue 20): p95 at most 5 times the floor, and at most 100 ms server time per page in-process.
"""

from __future__ import annotations

import csv
import io
import json
import math
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from typing import Any

from opvangregie.web import serving

SEED = 2025
DATABASE = f"opvangregie_bench_{SEED}"
MAX_RATIO = 5.0
MAX_SERVER_MS = 100.0
BENCH_USERS = {"heemstede", "noordholland", "rijk", "beheerder"}  # demo users: password <name>-demo-2025


@dataclass(frozen=True, slots=True)
class Page:
    name: str
    user: str | None
    path: str


FLOOR = Page("inlogpagina (vloer)", None, "/inloggen/")
PAGES = [
    Page("dashboard Heemstede", "heemstede", "/gemeente/GM0397/?datum=2025-11-01"),
    Page("dashboard Amsterdam", "beheerder", "/gemeente/GM0363/?datum=2025-11-01"),
    Page("provincie PV27", "noordholland", "/provincie/PV27/?datum=2025-11-01"),
    Page("provincieoverzicht PV27", "noordholland", "/provincie/PV27/overzicht/"),
    Page("toezicht PV27", "noordholland", "/provincie/PV27/toezicht/"),
    Page("verwachting PV27", "noordholland", "/provincie/PV27/verwachting/"),
    Page("spreidingstabel landelijk", "rijk", "/spreiding/berekening/{run}/"),
    Page("huishoudens Amsterdam", "beheerder", "/gemeente/GM0363/huishoudens/"),
    Page("wachtlijst Amsterdam", "beheerder", "/gemeente/GM0363/wachtlijst/"),
    Page("leefgeld Amsterdam", "beheerder", "/gemeente/GM0363/leefgeld/"),
    Page("statushouders Amsterdam", "beheerder", "/gemeente/GM0363/statushouders/"),
    Page("kaart Amsterdam", "beheerder", "/gemeente/GM0363/kaart/"),
    Page("raadsinformatiebericht Heemstede", "heemstede", "/gemeente/GM0397/raadsinformatiebericht/?kwartaal=2025-Q4"),
    Page("API provincieoverzicht PV27", "noordholland", "/api/provinces/PV27/overview"),
    Page("API locaties (landelijk)", "rijk", "/api/locations"),
    Page("API huishoudens Amsterdam", "beheerder", "/api/placement/GM0363/households"),
    Page("API statushouders landelijk", "rijk", "/api/quotas/national/ledger"),
]


@dataclass(frozen=True, slots=True)
class Load:
    requests_per_second: float
    p50_ms: float
    p95_ms: float
    errors: int


def percentile(values: list[float], share: float) -> float:
    """The nearest-rank percentile of ``values`` (``share`` between 0 and 1)."""
    ordered = sorted(values)
    return ordered[max(0, min(len(ordered) - 1, math.ceil(share * len(ordered)) - 1))]


def parse_hey(output: str, seconds: float) -> Load:
    """Read ``hey -o csv``: one row per request with its response time in seconds and its status code."""
    rows = list(csv.DictReader(io.StringIO(output)))
    times = [float(row["response-time"]) * 1000 for row in rows]
    if not times:
        raise SystemExit("hey made no request")
    errors = sum(row["status-code"] != "200" for row in rows)
    return Load(
        round(len(times) / seconds, 1), round(percentile(times, 0.5), 1), round(percentile(times, 0.95), 1), errors
    )


def drive(port: int, path: str, cookie: str, *, seconds: float, clients: int) -> Load:
    command = ["hey", "-z", f"{seconds}s", "-c", str(clients), "-o", "csv", "-H", "X-Forwarded-Proto: https"]
    if cookie:
        command += ["-H", f"Cookie: {cookie}"]
    output = subprocess.run([*command, f"http://127.0.0.1:{port}{path}"], capture_output=True, text=True, check=True)
    return parse_hey(output.stdout, seconds)


def prepare(database: str, env: dict[str, str], *, fresh: bool) -> None:
    """The demo and the national data set in ``database``, made under a temporary name and renamed when
    complete, so an interrupted run never leaves a half-filled database to be reused."""
    if serving.database_exists(database) and not fresh:
        print(f"reusing database {database} (--fresh makes it again)", file=sys.stderr, flush=True)
        serving.run(env, "migrate", "--verbosity", "0")  # the code may have new migrations since it was made
        return
    building = f"{database}_building"
    serving.fresh_database(building)
    building_env = {**env, "DATABASE_URL": f"{serving.SERVER}/{building}"}
    serving.run(building_env, "migrate", "--verbosity", "0")
    serving.run(building_env, "load_demo", "--force")
    serving.run(building_env, "generate_national", "--seed", str(SEED), "--user", "beheerder")
    import psycopg

    with psycopg.connect(f"{serving.SERVER}/postgres", autocommit=True) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {database} WITH (FORCE)")
        connection.execute(f"ALTER DATABASE {building} RENAME TO {database}")


def in_process(repeat: int = 5) -> dict[str, dict[str, Any]]:
    """Every page through Django's test client in this process: median server time, queries and size."""
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from opvangregie.distribution.models import DistributionRun

    run = DistributionRun.objects.order_by("pk").values_list("pk", flat=True).first()
    measured: dict[str, dict[str, Any]] = {}
    for page in [FLOOR, *PAGES]:
        client = Client()
        if page.user:
            client.force_login(get_user_model().objects.get(username=page.user))
        path = page.path.format(run=run)
        timings = []
        response = client.get(path, secure=True)
        if response.status_code != 200:
            raise SystemExit(f"{page.name}: {path} answered {response.status_code} in-process")
        for _ in range(repeat):
            started = time.perf_counter()
            client.get(path, secure=True)
            timings.append((time.perf_counter() - started) * 1000)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path, secure=True)
        measured[page.name] = {
            "path": path,
            "server_ms": round(statistics.median(timings), 1),
            "queries": len(queries.captured_queries),
            "kib": round(len(response.content) / 1024, 1),
        }
    return measured


def run(*, seconds: float, clients: int, fresh: bool) -> dict[str, Any]:
    """The whole benchmark; returns one JSON-ready object."""
    with tempfile.TemporaryDirectory() as static_root:
        port = serving.free_port()
        env = serving.production_environment(
            DATABASE, static_root, DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost,testserver"
        )
        with serving.concurrently(env, "collectstatic", "--noinput", "--verbosity", "0"):
            prepare(DATABASE, env, fresh=fresh)
        measured = json.loads(
            subprocess.run(
                [str(serving.BIN / "opvangregie"), "bench", "pages", "--in-process"],
                env=env,
                cwd=serving.ROOT,
                check=True,
                stdout=subprocess.PIPE,  # the result; its log and errors go to stderr as they come
                text=True,
            ).stdout
        )
        pages: dict[str, dict[str, Any]] = {}
        with serving.background(env, *serving.gunicorn(port)):
            serving.wait_for(port)
            cookies = {}
            for user in sorted(BENCH_USERS):
                browser = serving.Browser(port, verbose=False)
                browser.log_in(user, f"{user}-demo-2025")
                cookies[user] = browser.cookie_header
            for page in [FLOOR, *PAGES]:
                path = measured[page.name]["path"]
                load = drive(port, path, cookies.get(page.user or "", ""), seconds=seconds, clients=clients)
                pages[page.name] = {**measured[page.name], **asdict(load)}
                print(f"{page.name}: {load}", file=sys.stderr, flush=True)
    floor = pages[FLOOR.name]["p95_ms"]
    for result in pages.values():
        result["ratio"] = round(result["p95_ms"] / floor, 2)
        result["met"] = result["ratio"] <= MAX_RATIO and result["server_ms"] <= MAX_SERVER_MS and not result["errors"]
    return {
        "seconds": seconds,
        "clients": clients,
        "workers": 2,
        "floor_p95_ms": floor,
        "targets": {"max_ratio": MAX_RATIO, "max_server_ms": MAX_SERVER_MS},
        "pages": pages,
        "all_met": all(result["met"] for result in pages.values()),
    }


def table(result: dict[str, Any]) -> str:
    lines = [
        f"Pages on the national data set: gunicorn with {result['workers']} workers, {result['clients']} clients for "
        f"{result['seconds']:g} s per page, PostgreSQL;",
        f"floor = p95 of the login page ({result['floor_p95_ms']:.0f} ms)",
        f"{'page':<36} {'req/s':>7} {'p50 ms':>8} {'p95 ms':>8} {'p95/floor':>9} {'server ms':>9} {'queries':>7}  met",
    ]
    for name, page in result["pages"].items():
        lines.append(
            f"{name:<36} {page['requests_per_second']:>7.1f} {page['p50_ms']:>8.0f} {page['p95_ms']:>8.0f} "
            f"{page['ratio']:>8.1f}x {page['server_ms']:>9.0f} {page['queries']:>7}  {'yes' if page['met'] else 'NO'}"
        )
    lines.append(
        f"targets: p95 <= {MAX_RATIO:g} x floor, <= {MAX_SERVER_MS:g} ms in-process: "
        f"{'met' if result['all_met'] else 'NOT met'}"
    )
    return "\n".join(lines)


def environment_ready() -> None:
    """hey and PostgreSQL are installed by ``make system-packages``; say so instead of a traceback."""
    from shutil import which

    if which("hey") is None:
        raise SystemExit("hey is missing: run 'make system-packages' (Debian package hey).")
    if not os.environ.get("DATABASE_URL", "").startswith("postgres") and which("pg_ctlcluster") is None:
        raise SystemExit("PostgreSQL is missing: run 'make system-packages'.")
