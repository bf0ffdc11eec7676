"""Tests that can fail: every test asserts, no assertion is always true, no branch is dead (issue 14, item 7).

The scanner reads every file under ``tests/`` as a syntax tree (nothing is imported or run) and reports three kinds:

- **no assertion**: a test function with no ``assert`` (an always-true one does not count), no ``raise AssertionError``,
  no ``pytest.raises``/``warns``/``deprecated_call``/``fail``, no Playwright ``expect(...)``, no numpy/pandas
  ``testing.assert_*`` and no call to a helper named ``assert_*``, ``check_*`` or ``expect*`` (leading underscores
  allowed) that asserts in turn. Helpers resolve to functions in the same file, in a ``tests/`` helper module it
  imports (``from cli_runner import …``), or nested in the test itself (those count whatever their name);
- **always true**: ``assert True``/``assert 1``, ``assert 1 == 1``, ``assert x == x`` (also ``is``, ``<=``, ``>=``),
  ``assert x or True``, a non-empty literal (``assert (x, "message")``), ``assert len(x) >= 0``, ``assert not False``;
- **dead branch**: ``if False:``/``while False:`` (and ``0``), the ``else`` of ``if True:``, and statements after an
  unconditional ``return``/``raise``/``continue``/``break`` or ``pytest.skip``/``fail``/``xfail``/``exit`` in the same
  block.

A helper that only returns a boolean does not count: the test has to assert it.
"""

from __future__ import annotations

import ast
import operator
import textwrap
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

import pytest
from syntax_tree import Function, own_nodes

TESTS = Path(__file__).resolve().parent
NO_ASSERTION, ALWAYS_TRUE, DEAD_BRANCH = "no assertion", "always true", "dead branch"
KINDS = (NO_ASSERTION, ALWAYS_TRUE, DEAD_BRANCH)
HELPER_PREFIXES = ("assert_", "check_", "expect")
PYTEST_CHECKS = {"raises", "warns", "deprecated_call", "fail"}
PYTEST_STOPS = {"skip", "fail", "xfail", "exit"}
# names imported from libraries whose call is an assertion: Playwright's expect, numpy's and pandas' testing helpers
ASSERTING_IMPORTS = {"playwright.sync_api": ("expect",), "numpy.testing": ("assert_",), "pandas.testing": ("assert_",)}

COMPARISONS = {ast.Eq: operator.eq, ast.NotEq: operator.ne, ast.Lt: operator.lt, ast.LtE: operator.le,
               ast.Gt: operator.gt, ast.GtE: operator.ge}



@dataclass(frozen=True)
class Finding:
    """One problem: where it is, which kind (one of ``KINDS``) and in which function."""

    path: str
    line: int
    kind: str
    where: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.kind} in {self.where}"


def dotted(node: ast.expr) -> str:
    """``pytest.raises`` for ``pytest.raises``; '' for anything that is not a plain dotted name."""
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        base = dotted(node.value)
        return f"{base}.{node.attr}" if base else ""
    return ""


def constant_truth(node: ast.expr) -> bool | None:
    """True or False when an expression's truth is fixed whatever the test computes; None when it depends."""
    if isinstance(node, ast.Constant):
        return bool(node.value)
    if isinstance(node, ast.Tuple | ast.List | ast.Set):
        return bool(node.elts) or None  # an empty literal is falsy, but `assert ()` is a failing test, not a true one
    if isinstance(node, ast.Dict):
        return bool(node.keys) or None
    if isinstance(node, ast.JoinedStr):
        return True if any(isinstance(part, ast.Constant) and part.value for part in node.values) else None
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
        inner = constant_truth(node.operand)
        return None if inner is None else not inner
    if isinstance(node, ast.BoolOp):
        truths = [constant_truth(value) for value in node.values]
        if isinstance(node.op, ast.Or):
            return True if True in truths else None
        return True if all(truth is True for truth in truths) else (False if False in truths else None)
    if isinstance(node, ast.Compare) and len(node.ops) == 1:
        left, op, right = node.left, node.ops[0], node.comparators[0]
        if isinstance(left, ast.Constant) and isinstance(right, ast.Constant) and type(op) in COMPARISONS:
            try:
                return bool(COMPARISONS[type(op)](left.value, right.value))
            except TypeError:  # 1 < "a": the test fails with a TypeError, which is not an always-true assertion
                return None
        if isinstance(op, ast.Eq | ast.Is | ast.LtE | ast.GtE) and ast.dump(left) == ast.dump(right):
            return True
        is_len = isinstance(left, ast.Call) and dotted(left.func) == "len"
        if is_len and isinstance(op, ast.GtE) and isinstance(right, ast.Constant) and right.value == 0:
            return True
    return None


def always_true(node: ast.Assert) -> bool:
    return constant_truth(node.test) is True


def is_helper_name(name: str) -> bool:
    return name.lstrip("_").startswith(HELPER_PREFIXES)


class Module:
    """One parsed file: its functions, and where the names it imports come from."""

    def __init__(self, path: Path, source: str) -> None:
        self.path = path
        self.tree = ast.parse(source)
        self.functions: dict[str, Function] = {
            node.name: node for node in self.tree.body if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)}
        self.imports: dict[str, tuple[str, str]] = {}  # local name -> (module, name there)
        for node in ast.walk(self.tree):
            if isinstance(node, ast.ImportFrom) and node.module:
                for alias in node.names:
                    self.imports[alias.asname or alias.name] = (node.module, alias.name)


class Scanner:
    """The three checks over a set of files, with helpers resolved across the tests' own helper modules."""

    def __init__(self, sources: Mapping[Path, str]) -> None:
        self.modules = {path: Module(path, source) for path, source in sources.items()}

    def helper_module(self, module: Module, name: str) -> Module | None:
        """The file a ``from name import …`` in ``module`` reads: a sibling, or one in a folder above it."""
        stem = name.removeprefix("tests.")
        for folder in (module.path.parent, *module.path.parents[1:]):
            found = self.modules.get(folder / f"{stem}.py")
            if found is not None:
                return found
        return None

    def asserting_call(self, call: ast.Call, module: Module, nested: Mapping[str, Function],
                       seen: set[tuple[Path, str]]) -> bool:
        name = dotted(call.func)
        head, _, attr = name.rpartition(".")
        if head == "pytest" and attr in PYTEST_CHECKS:
            return True
        if head.endswith("testing") and attr.startswith("assert_"):  # np.testing.assert_allclose, pd.testing...
            return True
        if head == "self" and attr.startswith("assert"):  # unittest-style
            return True
        if not name or "." in name:
            return False
        if name in nested:
            return self.function_asserts(nested[name], module, seen)
        if name in module.imports:
            source, original = module.imports[name]
            if any(source == library and original.startswith(prefixes)
                   for library, prefixes in ASSERTING_IMPORTS.items()):
                return True
            helper = self.helper_module(module, source)
            if helper is None or not is_helper_name(original) or original not in helper.functions:
                return False
            return self.function_asserts(helper.functions[original], helper, seen)
        if is_helper_name(name) and name in module.functions:
            return self.function_asserts(module.functions[name], module, seen)
        return False

    def function_asserts(self, function: Function, module: Module, seen: set[tuple[Path, str]]) -> bool:
        """Whether running ``function`` checks something that could fail (directly or through a helper)."""
        key = (module.path, f"{function.name}:{function.lineno}")
        if key in seen:
            return False
        seen = seen | {key}
        nested = {node.name: node for node in own_nodes(function) if isinstance(node, ast.FunctionDef)}
        for node in own_nodes(function):
            if isinstance(node, ast.Assert) and not always_true(node):
                return True
            if isinstance(node, ast.Raise) and node.exc is not None and dotted(
                    node.exc.func if isinstance(node.exc, ast.Call) else node.exc) == "AssertionError":
                return True
            if isinstance(node, ast.Call) and self.asserting_call(node, module, nested, seen):
                return True
        return False

    def tests_of(self, module: Module) -> Iterator[tuple[str, Function]]:
        """Test functions pytest collects: ``test*`` at module level and in ``Test*`` classes."""
        for node in module.tree.body:
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.name.startswith("test"):
                yield node.name, node
            elif isinstance(node, ast.ClassDef) and node.name.startswith("Test"):
                for item in node.body:
                    if isinstance(item, ast.FunctionDef | ast.AsyncFunctionDef) and item.name.startswith("test"):
                        yield f"{node.name}.{item.name}", item

    def findings(self, only: Path | None = None) -> list[Finding]:
        """Every finding in every file (or in ``only``), in file and line order."""
        found: list[Finding] = []
        for path, module in self.modules.items():
            if only is not None and path != only:
                continue
            if path.name.startswith("test_"):
                found += [Finding(str(path), test.lineno, NO_ASSERTION, name) for name, test in self.tests_of(module)
                          if not self.function_asserts(test, module, set())]
            found += list(always_true_and_dead(module))
        return sorted(found, key=lambda finding: (finding.path, finding.line, finding.kind))


def enclosing_names(tree: ast.Module) -> dict[ast.AST, str]:
    """For each node, the name of the innermost function around it ('module' outside any)."""
    names: dict[ast.AST, str] = {}

    def visit(node: ast.AST, name: str) -> None:
        for child in ast.iter_child_nodes(node):
            inner = child.name if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef) else name
            names[child] = inner
            visit(child, inner)

    visit(tree, "module")
    return names


def stops(statement: ast.stmt) -> bool:
    """Whether control never passes to the next statement in the block."""
    if isinstance(statement, ast.Return | ast.Raise | ast.Continue | ast.Break):
        return True
    if isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Call):
        head, _, attr = dotted(statement.value.func).rpartition(".")
        return head == "pytest" and attr in PYTEST_STOPS
    return False


def always_true_and_dead(module: Module) -> Iterator[Finding]:
    path, names = str(module.path), enclosing_names(module.tree)
    for node in ast.walk(module.tree):
        where = names.get(node, "module")
        if isinstance(node, ast.Assert) and always_true(node):
            yield Finding(path, node.lineno, ALWAYS_TRUE, where)
        if isinstance(node, ast.If | ast.While | ast.IfExp):
            truth = constant_truth(node.test)
            if truth is False or (truth is True and isinstance(node, ast.If | ast.IfExp) and node.orelse):
                yield Finding(path, node.lineno, DEAD_BRANCH, where)
        for field in ("body", "orelse", "finalbody"):
            block = getattr(node, field, None)
            if isinstance(block, list) and block and isinstance(block[0], ast.stmt):
                for statement, following in zip(block, block[1:], strict=False):
                    if stops(statement):
                        yield Finding(path, following.lineno, DEAD_BRANCH, where)
                        break


def repository_scanner() -> Scanner:
    return Scanner({path.relative_to(TESTS.parent): path.read_text(encoding="utf-8")
                    for path in sorted(TESTS.rglob("*.py"))})


def test_every_test_can_fail() -> None:
    scanner = repository_scanner()
    assert len(scanner.modules) > 50  # the walk found the suite (tests/ and tests/browser/)
    found = scanner.findings()
    assert not found, f"{len(found)} findings:\n" + "\n".join(map(str, found))


# --- the scanner's own tests: bad examples it must report, good ones it must not --------------------------------------

def scan(source: str, helpers: Mapping[str, str] | None = None) -> list[tuple[str, str]]:
    """(kind, function) for each finding in one test file, with optional helper modules beside it."""
    folder = Path("suite")
    files = {folder / "test_example.py": textwrap.dedent(source)}
    files |= {folder / f"{name}.py": textwrap.dedent(text) for name, text in (helpers or {}).items()}
    return [(finding.kind, finding.where) for finding in Scanner(files).findings(only=folder / "test_example.py")]


def with_test(preamble: str, signature: str, body: str) -> str:
    """A test file: ``preamble``, then ``def signature:`` with ``body`` (written from column 0) as its block."""
    return textwrap.dedent(preamble) + f"\ndef {signature}:\n" + textwrap.indent(body, "    ") + "\n"


@pytest.mark.parametrize("body", [
    "x = 1",
    "print('ran')",
    "check_value(2)",  # a helper that only returns a boolean
    "is_valid(2)",  # a helper not named to assert, even if it asserts
    "assert True",
    "def inner():\n    assert 1 == 2",  # defined, never called
    "pytest.approx(1.0)",
], ids=["an assignment", "a print", "a boolean helper", "an unnamed helper", "only assert True",
        "an uncalled nested assertion", "an unused approx"])
def test_reports_a_test_without_assertion(body: str) -> None:
    source = with_test("""
    import pytest

    def check_value(x):
        return x > 1

    def is_valid(x):
        assert x > 1
    """, "test_it()", body)
    assert (NO_ASSERTION, "test_it") in scan(source)


@pytest.mark.parametrize("body", [
    "assert 1 + 1 == 2",
    "with pytest.raises(ValueError):\n    int('x')",
    "with pytest.warns(UserWarning):\n    warn()",
    "pytest.fail('never')",
    "raise AssertionError('no')",
    "assert_close(1.0)",
    "_check_positive(1)",
    "np.testing.assert_allclose(1.0, 1.0)",
    "expect(page).to_have_title('x')",
    "def inner():\n    assert page\ninner()",
    "checked = [x for x in range(3)]\nassert checked",
], ids=["assert", "pytest.raises", "pytest.warns", "pytest.fail", "raise AssertionError", "an assert_ helper",
        "a private check_ helper", "numpy testing", "playwright expect", "a called nested assertion", "assert a list"])
def test_accepts_a_test_that_asserts(body: str) -> None:
    source = with_test("""
    import numpy as np
    import pytest
    from playwright.sync_api import expect

    def assert_close(x):
        assert abs(x - 1.0) < 1e-9

    def _check_positive(x):
        assert_close(x)
    """, "test_it(page)", body)
    assert scan(source) == []


def test_resolves_helpers_in_an_imported_helper_module() -> None:
    helpers = {"runner": """
        def assert_runs(x):
            assert x
        def check_quietly(x):
            return bool(x)
        def expect_loop(x):
            return expect_loop(x)
    """}
    source = """
    from runner import assert_runs as ok, check_quietly, expect_loop

    def test_imported_asserting():
        ok(1)

    def test_imported_not_asserting():
        check_quietly(1)

    def test_recursive_helper_terminates():
        expect_loop(1)
    """
    assert scan(source, helpers) == [(NO_ASSERTION, "test_imported_not_asserting"),
                                     (NO_ASSERTION, "test_recursive_helper_terminates")]


def test_finds_tests_in_classes_only() -> None:
    source = """
    class TestThing:
        def test_method(self):
            pass

    class Helper:
        def test_not_collected(self):
            pass

    def helper_without_assertion():
        pass
    """
    assert scan(source) == [(NO_ASSERTION, "TestThing.test_method")]


@pytest.mark.parametrize("assertion", [
    "assert True", "assert 1", "assert 'text'", "assert x == x", "assert x.y is x.y", "assert x or True",
    "assert (x == 2, 'message')", "assert [x]", "assert {'a': x}", "assert f'value {x}'", "assert len(x) >= 0",
    "assert not False", "assert x >= x", "assert 1 == 1", "assert 2 > 1",
])
def test_reports_an_always_true_assertion(assertion: str) -> None:
    assert scan(with_test("", "test_it(x)", f"assert x == 2\n{assertion}")) == [(ALWAYS_TRUE, "test_it")]


@pytest.mark.parametrize("assertion", [
    "assert x", "assert x == y", "assert x or y", "assert len(x) > 0", "assert not x", "assert f'{x}'",
    "assert x == x + 1", "assert (x == 2)", "assert 1 == x",
])
def test_accepts_an_assertion_that_could_fail(assertion: str) -> None:
    assert scan(with_test("", "test_it(x, y)", assertion)) == []


@pytest.mark.parametrize("body", [
    "if False:\n    assert x\nassert x",
    "if 0:\n    x = 1\nassert x",
    "while False:\n    x = 1\nassert x",
    "if True:\n    assert x\nelse:\n    assert not x",
    "assert x\nreturn\nassert y",
    "assert x\nraise ValueError\nx = 2",
    "pytest.skip('later')\nassert x",
    "for item in x:\n    continue\n    assert item\nassert y",
    "y = 1 if True else 2\nassert y",
], ids=["if False", "if 0", "while False", "if True with else", "after return", "after raise", "after pytest.skip",
        "after continue", "conditional expression"])
def test_reports_a_dead_branch(body: str) -> None:
    source = with_test("import pytest\n", "test_it(x, y)", body)
    assert (DEAD_BRANCH, "test_it") in scan(source)


def test_accepts_live_branches() -> None:
    source = """
    import pytest

    def helper(x):
        if x:
            return 1
        return 2

    def test_it(x):
        if x > 1:
            pytest.skip('needs a small x')
        try:
            assert helper(x) == 1
        except AssertionError:
            raise
        while True:
            break
        assert x
    """
    assert scan(source) == []


def test_counts_each_kind_once_per_place() -> None:
    source = """
    def test_everything():
        assert True
        if False:
            pass
        return
        print('never')
    """
    assert sorted(scan(source)) == sorted([(ALWAYS_TRUE, "test_everything"), (DEAD_BRANCH, "test_everything"),
                                           (DEAD_BRANCH, "test_everything"), (NO_ASSERTION, "test_everything")])
