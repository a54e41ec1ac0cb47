"""Mutation testing of ``core/`` with Cosmic Ray (``make mutate``; docs/adr/0012-mutation-testing.md).

For every module of ``src/opvangregie/core`` (placement included) this makes small wrong versions of the
rules, one at a time — a comparison flipped or moved across its boundary, a number shifted by one, a
condition negated, ``and``/``or`` and ``True``/``False`` swapped, an arithmetic operator replaced, a loop
run zero times, an entry removed from a table (a set, list or dict literal, or a tuple at module level) —
and runs the tests that import the module, directly or through another core module. A mutant the tests
fail on is *caught*; one they pass on *survived*, and is either a gap in the tests or equivalent to the
original (listed with its reason in docs/mutation.md).

Cosmic Ray mutates the file on disk, decorated functions (``@property``) included, runs the test command
in a fresh process and puts the file back. This script chooses the operators, adds the table-entry
operator, picks the tests per module, keeps one session per module in ``var/mutation/`` (reused while
the module, its tests and this script are unchanged) and prints the table.

    python scripts/mutate.py                      # every module
    python scripts/mutate.py periods placement.model
    python scripts/mutate.py --survivors          # also list the survivors with their diffs

Bounded in time: each mutant's test run is stopped after four times the module's clean run (at least
10 s; a mutant that hangs counts as caught), the tests stop at the first failure (``-x``), and a module
whose session is complete is not run again.
"""

from __future__ import annotations

import argparse
import ast
import hashlib
import json
import os
import re
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
CORE = ROOT / "src" / "opvangregie" / "core"
TESTS = ROOT / "tests" / "core"
SESSIONS = ROOT / "var" / "mutation"
# Cosmic Ray mutates files in place: it works on a copy of the package and its tests here, never on the
# working tree (an interrupted run or a test run meanwhile would otherwise meet a mutant).
TREE = SESSIONS / "tree"
HYPOTHESIS_EXAMPLES = 30

# The operators of Cosmic Ray's core provider that are used; the rest make mostly noise (see the ADR):
# bitwise operators and powers (``int | None`` in annotations), every comparison replaced by every other,
# removing a decorator (a crash or, for a cache, no change).
CORE_OPERATORS = (
    # a comparison across its boundary and negated
    "ReplaceComparisonOperator_Lt_LtE",
    "ReplaceComparisonOperator_Lt_GtE",
    "ReplaceComparisonOperator_LtE_Lt",
    "ReplaceComparisonOperator_LtE_Gt",
    "ReplaceComparisonOperator_Gt_GtE",
    "ReplaceComparisonOperator_Gt_LtE",
    "ReplaceComparisonOperator_GtE_Gt",
    "ReplaceComparisonOperator_GtE_Lt",
    "ReplaceComparisonOperator_Eq_NotEq",
    "ReplaceComparisonOperator_NotEq_Eq",
    "ReplaceComparisonOperator_Is_IsNot",
    "ReplaceComparisonOperator_IsNot_Is",
    # arithmetic
    "ReplaceBinaryOperator_Add_Sub",
    "ReplaceBinaryOperator_Sub_Add",
    "ReplaceBinaryOperator_Mul_Div",
    "ReplaceBinaryOperator_Div_Mul",
    "ReplaceBinaryOperator_FloorDiv_Mul",
    "ReplaceBinaryOperator_Mod_FloorDiv",
    "ReplaceUnaryOperator_USub_UAdd",
    "ReplaceUnaryOperator_Delete_Not",
    # constants and branches
    "NumberReplacer",
    "AddNot",
    "ReplaceTrueWithFalse",
    "ReplaceFalseWithTrue",
    "ReplaceAndWithOr",
    "ReplaceOrWithAnd",
    "ReplaceBreakWithContinue",
    "ReplaceContinueWithBreak",
    "ZeroIterationForLoop",
    "ExceptionReplacer",
)


def _register_operators() -> None:
    """Restrict Cosmic Ray to CORE_OPERATORS and add ``opvangregie/RemoveTableEntry``."""
    import cosmic_ray.plugins
    from cosmic_ray.operators.provider import OperatorProvider

    from scripts.mutation_operators import RemoveTableEntry

    core = OperatorProvider()
    missing = [name for name in CORE_OPERATORS if name not in set(core)]
    if missing:
        raise SystemExit(f"Cosmic Ray has no operator {missing}")

    class Core:
        def __iter__(self) -> Iterator[str]:
            return iter(CORE_OPERATORS)

        def __getitem__(self, name: str) -> Any:
            return _outside_decorators(core[name])

    class Ours:
        def __iter__(self) -> Iterator[str]:
            return iter(("RemoveTableEntry",))

        def __getitem__(self, name: str) -> Any:
            if name != "RemoveTableEntry":
                raise KeyError(name)
            return RemoveTableEntry

    cosmic_ray.plugins.OPERATOR_PROVIDERS.clear()
    cosmic_ray.plugins.OPERATOR_PROVIDERS.update({"core": Core(), "opvangregie": Ours()})


_PARAMETER_LISTS = {"parameters", "param", "varargslist", "lambdef"}


def _outside_decorators(operator: Any) -> Any:
    """``operator`` leaving decorators alone: ``@dataclass(frozen=True, order=True, slots=True)`` is how a
    class is built, not a rule (see the ADR). Nor does it touch the ``*`` and ``/`` of a parameter list
    (``def f(a, *, on)`` is no multiplication: turned into ``/`` it only changes how callers may pass the
    arguments)."""

    class Operator(operator):  # type: ignore[misc,valid-type]
        def mutation_positions(self, node: Any) -> list[Any]:
            if node.type == "operator" and node.parent is not None and node.parent.type in _PARAMETER_LISTS:
                return []
            parent = node
            while parent is not None:
                if parent.type == "decorator":
                    return []
                parent = parent.parent
            return list(super().mutation_positions(node))

    Operator.__name__ = operator.__name__
    return Operator


# --- which tests exercise which module ---------------------------------------------------------------


def _dotted(path: Path) -> str:
    parts = path.relative_to(ROOT / "src").with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> set[str]:
    """The ``opvangregie.core`` modules a file imports (``from opvangregie.core.x import y`` and
    ``from opvangregie.core import x`` alike)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module.startswith("opvangregie.core"):
                found.add(node.module)
                found.update(f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names if alias.name.startswith("opvangregie.core"))
    return found


def core_modules() -> dict[str, Path]:
    return {_dotted(path): path for path in sorted(CORE.rglob("*.py")) if path.name != "__init__.py"}


def tests_for(module: str, modules: dict[str, Path]) -> list[Path]:
    """The test files of tests/core that import ``module``, the module's own test file first (with ``-x``
    most mutants are caught there, before the slower files of the modules that build on it)."""
    own = f"test_{module.rsplit('.', 1)[-1]}.py"
    tests = sorted(TESTS.glob("test_*.py"))
    chosen = [test for test in tests if module in _imports(test)]
    if not chosen:  # a helper module no test names (placement.solver): the tests of the modules using it
        users = {name for name, path in modules.items() if module in _imports(path)}
        chosen = [test for test in tests if users & _imports(test)]
    return sorted(chosen, key=lambda test: test.name != own)


def copy_tree() -> None:
    """Lay the copy anew: the package (core and what it may read), tests/core and pytest's configuration."""
    import shutil

    shutil.rmtree(TREE, ignore_errors=True)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    shutil.copytree(ROOT / "src" / "opvangregie", TREE / "src" / "opvangregie", ignore=ignore)
    shutil.copytree(TESTS, TREE / "tests" / "core", ignore=ignore)
    shutil.copy(ROOT / "tests" / "__init__.py", TREE / "tests" / "__init__.py")
    shutil.copy(ROOT / "pyproject.toml", TREE / "pyproject.toml")


# --- running -----------------------------------------------------------------------------------------


def run_tests(files: list[str]) -> int:
    """The test command of a mutant: pytest without plugins and without the Django conftest (tests/core
    is Django-free), hypothesis without deadlines, derandomised and without its example database, so a
    mutant is judged the same every time, and with at most HYPOTHESIS_EXAMPLES examples per property
    (the written-out examples catch most mutants; this keeps a surviving mutant's run short)."""
    os.environ["PYTEST_DISABLE_PLUGIN_AUTOLOAD"] = "1"
    import opvangregie

    if not Path(opvangregie.__file__).is_relative_to(Path.cwd()):  # the copy, not the working tree
        raise SystemExit(f"the tests would import {opvangregie.__file__}, not the copy in {Path.cwd()}")
    from hypothesis import settings

    settings.register_profile("mutation", deadline=None, derandomize=True, database=None, print_blob=False)
    settings.load_profile("mutation")
    import pytest

    class FewerExamples:
        @staticmethod
        def pytest_collection_modifyitems(items: list[Any]) -> None:
            for item in items:
                test = getattr(item, "obj", None)
                chosen = getattr(test, "_hypothesis_internal_use_settings", None)
                if chosen is not None and chosen.max_examples > HYPOTHESIS_EXAMPLES:
                    test._hypothesis_internal_use_settings = settings(chosen, max_examples=HYPOTHESIS_EXAMPLES)  # type: ignore[union-attr]

    arguments = ["-x", "-q", "-p", "no:cacheprovider", "--noconftest", "--rootdir", ".", *files]
    return int(pytest.main(arguments, plugins=[FewerExamples()]))


def _fingerprint(*paths: Path) -> str:
    digest = hashlib.sha256()
    for path in paths:
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _test_command(tests: list[Path]) -> str:
    files = " ".join(str(path.relative_to(ROOT)) for path in tests)
    return f"{sys.executable} -B {Path(__file__)} --run-tests {files}"


def mutate_module(name: str, path: Path, tests: list[Path], *, fresh: bool) -> Path:
    """Run (or resume, or reuse) the session of one module; return the session file.

    A session is reused while the module and these scripts are unchanged; when only the tests changed,
    the mutants that survived are run again (tests that caught a mutant still do unless they were
    removed: ``--fresh`` starts over)."""
    from cosmic_ray.commands import execute, init
    from cosmic_ray.config import ConfigDict
    from cosmic_ray.work_db import WorkDB, use_db

    SESSIONS.mkdir(parents=True, exist_ok=True)
    session = SESSIONS / f"{name}.sqlite"
    stamp = session.with_suffix(".json")
    fingerprint = _fingerprint(path, Path(__file__), Path(__file__).with_name("mutation_operators.py"))
    tests_fingerprint = _fingerprint(*tests)
    meta = json.loads(stamp.read_text()) if stamp.exists() and session.exists() and not fresh else {}
    if meta.get("fingerprint") == fingerprint and meta.get("tests") != tests_fingerprint:
        with sqlite3.connect(session) as db:
            db.execute("DELETE FROM work_results WHERE worker_outcome = 'NORMAL' AND test_outcome = 'SURVIVED'")
        meta["tests"] = tests_fingerprint
        stamp.write_text(json.dumps(meta))
    if meta.get("fingerprint") != fingerprint:
        session.unlink(missing_ok=True)
        command = _test_command(tests).split()
        started = time.monotonic()
        clean = subprocess.run(command, cwd=TREE, capture_output=True, text=True, check=False)
        if clean.returncode != 0:
            raise SystemExit(f"{name}: the tests fail without any mutation:\n{clean.stdout[-3000:]}")
        meta = {
            "fingerprint": fingerprint,
            "tests": tests_fingerprint,
            "timeout": max(10.0, 4 * (time.monotonic() - started)),
        }
        with use_db(str(session), WorkDB.Mode.create) as db:
            init([path.relative_to(ROOT)], db, {})
        stamp.write_text(json.dumps(meta))
    config = ConfigDict(
        {
            "module-path": str(path.relative_to(ROOT)),
            "timeout": meta["timeout"],
            "excluded-modules": [],
            "test-command": _test_command(tests),
            "distributor": {"name": "local"},
        }
    )
    with use_db(str(session), WorkDB.Mode.open) as db:
        if db.num_results < db.num_work_items:
            print(f"{name}: {db.num_work_items - db.num_results} mutants to run", file=sys.stderr, flush=True)
            execute(db, config)
    return session


def results(session: Path) -> list[dict[str, Any]]:
    """One row per mutant: operator, line, outcome (caught, survived, pending) and diff."""
    from cosmic_ray.work_db import WorkDB, use_db
    from cosmic_ray.work_item import TestOutcome, WorkerOutcome

    rows = []
    with use_db(str(session), WorkDB.Mode.open) as db:
        outcomes = dict(db.results)
        for item in db.work_items:
            mutation = item.mutations[0]
            result = outcomes.get(item.job_id)
            if result is None:
                outcome = "pending"
            elif result.worker_outcome == WorkerOutcome.NO_TEST:
                outcome = "no-op"
            elif result.worker_outcome == WorkerOutcome.NORMAL and result.test_outcome == TestOutcome.SURVIVED:
                outcome = "survived"
            else:  # killed, timed out, or incompetent (the mutant does not even import)
                outcome = "caught"
            rows.append(
                {
                    "operator": mutation.operator_name,
                    "line": mutation.start_pos[0],
                    "outcome": outcome,
                    "diff": result.diff if result is not None else "",
                }
            )
    return sorted(rows, key=lambda row: (row["line"], row["operator"]))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("modules", nargs="*", help="core modules, e.g. periods or placement.model (default: all)")
    parser.add_argument("--fresh", action="store_true", help="start every session anew")
    parser.add_argument("--survivors", action="store_true", help="list every surviving mutant with its diff")
    parser.add_argument("--run-tests", nargs="+", metavar="FILE", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.run_tests:
        return run_tests(args.run_tests)

    sys.path.insert(0, str(ROOT))
    _register_operators()
    copy_tree()
    os.chdir(TREE)  # Cosmic Ray mutates the module paths relative to here, and runs the tests here
    os.environ["PYTHONPATH"] = str(TREE / "src")
    modules = core_modules()
    wanted = [f"opvangregie.core.{name}" for name in args.modules] or list(modules)
    unknown = [name for name in wanted if name not in modules]
    if unknown:
        raise SystemExit(f"No such core module: {', '.join(unknown)}")

    table = []
    for name in wanted:
        tests = tests_for(name, modules)
        short = name.removeprefix("opvangregie.core.")
        if not tests:
            table.append((short, 0, 0, 0, 0))
            continue
        rows = [
            row
            for row in results(mutate_module(short, modules[name], tests, fresh=args.fresh))
            if row["outcome"] != "no-op"
        ]
        caught = sum(row["outcome"] == "caught" for row in rows)
        pending = sum(row["outcome"] == "pending" for row in rows)
        table.append((short, len(rows), caught, pending, len(tests)))
        if args.survivors:
            for row in rows:
                if row["outcome"] == "survived":
                    print(f"\n## {short}:{row['line']} {row['operator']}\n{_short_diff(row['diff'])}")

    print(f"\n| module | mutants | caught | score |\n|{'---|' * 4}")
    for short, count, caught, pending, tests in table:
        if not tests:
            print(f"| {short} | – | – | no tests import it |")
            continue
        done = count - pending
        score = f"{100 * caught / done:.1f}%" if done else "–"
        print(f"| {short} | {count} | {caught} | {score}{f' ({pending} pending)' if pending else ''} |")
    total = sum(row[1] - row[3] for row in table)
    caught_all = sum(row[2] for row in table)
    if total:
        print(f"| **all** | {total} | {caught_all} | {100 * caught_all / total:.1f}% |")
    return 0


def _short_diff(diff: str) -> str:
    return "\n".join(line for line in diff.splitlines() if re.match(r"^[-+](?![-+])", line))


if __name__ == "__main__":
    sys.exit(main())
