"""numpydoc docstrings on the public API of ``model/`` and ``exchange/`` (issue 14, item 6).

Read from the syntax tree (nothing imported): every public function and public method of a public class
(properties describe a value and are exempt) documents

- each of its parameters in a ``Parameters`` section (``self``/``cls`` aside; ``*args`` as ``*args``),
- what it gives back in ``Returns`` (``Yields`` for a generator) unless it returns only ``None``,
- each exception class it raises itself (``raise SomeError(...)``, not a bare re-raise nor an unreachable-branch
  ``AssertionError``) in ``Raises``;

a public class with its own ``__init__`` documents that ``__init__``'s parameters the same way, and a public
dataclass or pydantic model lists each of its fields under ``Attributes`` (or ``Parameters``).
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from syntax_tree import Function, own_nodes

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("model", "exchange")
# Files another change is rewriting right now; their docstrings come with that change. An entry leaves as soon as
# its file passes (test_the_pending_files_are_still_pending says when).
PENDING: dict[Path, str] = {}

SECTION = re.compile(r"^(?P<name>[A-Z][A-Za-z ]+)\n-{3,}$", re.MULTILINE)


def sections(docstring: str | None) -> dict[str, str]:
    """numpydoc section title -> its text, for a cleaned docstring."""
    text = docstring or ""
    found = list(SECTION.finditer(text))
    return {match["name"]: text[match.end():(found[i + 1].start() if i + 1 < len(found) else len(text))]
            for i, match in enumerate(found)}


def documented_names(section: str) -> set[str]:
    """Names on the unindented ``name : type`` (or ``a, b : type``) lines of a Parameters/Raises section."""
    names: set[str] = set()
    for line in section.splitlines():
        if line and not line[0].isspace():
            names |= {name.strip() for name in line.split(" : ")[0].split(",")}
    return names


def parameters(function: Function, method: bool) -> list[str]:
    arguments = function.args
    names = [argument.arg for argument in (*arguments.posonlyargs, *arguments.args, *arguments.kwonlyargs)]
    if method and names and names[0] in ("self", "cls") and not is_static(function):
        names = names[1:]
    if arguments.vararg:
        names.append(f"*{arguments.vararg.arg}")
    if arguments.kwarg:
        names.append(f"**{arguments.kwarg.arg}")
    return names


def is_static(function: Function) -> bool:
    return any(ast.unparse(decorator) == "staticmethod" for decorator in function.decorator_list)


def gives_back(function: Function) -> str | None:
    """'Yields' for a generator, 'Returns' when it returns a value, None when it returns only None."""
    nodes = list(own_nodes(function))
    if any(isinstance(node, ast.Yield | ast.YieldFrom) for node in nodes):
        return "Yields"
    if function.returns is not None:
        return None if ast.unparse(function.returns) in ("None", "NoReturn", "Never") else "Returns"
    values = [node.value for node in nodes if isinstance(node, ast.Return) and node.value is not None]
    return "Returns" if any(not (isinstance(value, ast.Constant) and value.value is None) for value in values) else None


def raised(function: Function) -> set[str]:
    """Exception classes the function raises itself."""
    names = set()
    for node in own_nodes(function):
        if isinstance(node, ast.Raise) and node.exc is not None:
            exception = node.exc.func if isinstance(node.exc, ast.Call) else node.exc
            name = ast.unparse(exception).rpartition(".")[2]
            if isinstance(exception, ast.Name | ast.Attribute) and name[:1].isupper():
                names.add(name)  # a class; `raise error` re-raises a caught one, `raise _fail(...)` builds one
    return names - {"AssertionError"}  # an unreachable-branch guard, not part of the API


def problems(function: Function, method: bool, docstring: str | None = None) -> list[str]:
    """What the function's docstring (or ``docstring``, for a class's ``__init__``) lacks."""
    parts = sections(ast.get_docstring(function) if docstring is None else docstring)
    missing = []
    wanted = parameters(function, method)
    listed = documented_names(parts.get("Parameters", ""))
    undocumented = [name for name in wanted if name not in listed and name.lstrip("*") not in listed]
    if undocumented:
        missing.append(f"Parameters ({', '.join(undocumented)})")
    kind = gives_back(function) if docstring is None else None
    if kind and kind not in parts:
        missing.append(kind)
    unexplained = sorted(raised(function) - documented_names(parts.get("Raises", "")))
    if unexplained:
        missing.append(f"Raises ({', '.join(unexplained)})")
    return missing


def fields(node: ast.ClassDef) -> list[str]:
    """The public fields a dataclass or pydantic model declares (``name: type`` in the class body)."""
    return [statement.target.id for statement in node.body
            if isinstance(statement, ast.AnnAssign) and isinstance(statement.target, ast.Name)
            and not statement.target.id.startswith("_") and statement.target.id != "model_config"
            and "ClassVar" not in ast.unparse(statement.annotation)]


def field_problems(node: ast.ClassDef) -> list[str]:
    """The fields a class's ``Attributes`` (or ``Parameters``) section does not list."""
    parts = sections(ast.get_docstring(node))
    listed = documented_names(parts.get("Attributes", "")) | documented_names(parts.get("Parameters", ""))
    undocumented = [name for name in fields(node) if name not in listed]
    return [f"Attributes ({', '.join(undocumented)})"] if undocumented else []


def public_api(tree: ast.Module) -> Iterator[tuple[str, list[str]]]:
    """(qualified name, what its docstring lacks) for each public function, method and class constructor."""
    for node in tree.body:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and not node.name.startswith("_"):
            yield node.name, problems(node, method=False)
        elif isinstance(node, ast.ClassDef) and not node.name.startswith("_"):
            yield f"{node.name} fields", field_problems(node)
            for item in node.body:
                if not isinstance(item, ast.FunctionDef | ast.AsyncFunctionDef):
                    continue
                if item.name == "__init__":
                    own = ast.get_docstring(item)
                    yield f"{node.name}()", problems(item, method=True, docstring=(
                        (ast.get_docstring(node) or "") + "\n\n" + (own or "")))
                elif not item.name.startswith("_") and not any(
                        "property" in ast.unparse(decorator) for decorator in item.decorator_list):
                    yield f"{node.name}.{item.name}", problems(item, method=True)


def source_files() -> list[Path]:
    return sorted(path.relative_to(ROOT) for package in PACKAGES for path in (ROOT / package).glob("*.py"))


def report(path: Path) -> list[str]:
    tree = ast.parse((ROOT / path).read_text(encoding="utf-8"))
    return [f"{path}: {name} lacks {', '.join(missing)}" for name, missing in public_api(tree) if missing]


@pytest.mark.parametrize("path", [path for path in source_files() if path not in PENDING], ids=str)
def test_public_functions_have_numpydoc_sections(path: Path) -> None:
    lacking = report(path)
    assert not lacking, "\n".join(lacking)


def test_the_pending_files_are_still_pending() -> None:
    """The allow-list only holds files that still need it: one that passes leaves it."""
    done = [str(path) for path in sorted(PENDING) if (ROOT / path).exists() and not report(path)]
    assert not done, f"remove from PENDING in tests/test_docstrings.py: {done}"


# --- the checker itself ---------------------------------------------------------------------------------------------

GOOD = '''
def growth(level, rate=0.0, *extra, **options):
    """Level after growth.

    Parameters
    ----------
    level : float
        USD bn.
    rate, *extra : float
        % per year.
    **options
        Passed on.

    Returns
    -------
    float
        USD bn.

    Raises
    ------
    ValueError
        For a negative level.
    """
    if level < 0:
        raise ValueError(level)
    return level * (1 + rate / 100)


class Store:
    """Where scenarios live.

    Parameters
    ----------
    url : str
        SQLAlchemy URL.
    """

    def __init__(self, url):
        self.url = url

    @property
    def size(self):
        return 1

    def rows(self):
        """Saved rows.

        Yields
        ------
        dict
            One row.
        """
        yield {}

    def close(self) -> None:
        """Close it."""


class Entry:
    """A saved row.

    Attributes
    ----------
    name, note : str
        As typed.
    """

    name: str
    note: str
    _cache: dict
    LIMIT: ClassVar[int] = 3
'''


def test_a_complete_docstring_passes() -> None:
    assert [missing for _, missing in public_api(ast.parse(GOOD)) if missing] == []


def test_each_missing_part_is_named() -> None:
    source = '''
def growth(level, rate):
    """Level after growth.

    Parameters
    ----------
    level : float
        USD bn.
    """
    if level < 0:
        raise ValueError(level)
    return level


class Store:
    """Where scenarios live."""

    def __init__(self, url):
        self.url = url

    def rows(self):
        """Saved rows."""
        yield {}


class Entry:
    """A saved row.

    Attributes
    ----------
    name : str
        As typed.
    """

    name: str
    note: str
'''
    assert {name: missing for name, missing in public_api(ast.parse(source)) if missing} == {
        "growth": ["Parameters (rate)", "Returns", "Raises (ValueError)"],
        "Store()": ["Parameters (url)"],
        "Store.rows": ["Yields"],
        "Entry fields": ["Attributes (note)"],
    }
