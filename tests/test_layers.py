"""The folders are the layers: every import points inward, and only one adapter touches Streamlit internals.

model <- exchange <- presentation <- ui <- pages/app.py, and the CLI beside ui (model, exchange, presentation).
The walk reads every import statement (also inside functions) and every ``importlib.import_module("…")`` literal.
"""

from __future__ import annotations

import ast
import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PROJECT_PACKAGES = ("model", "exchange", "presentation", "ui", "cli")

# what each layer may import from the project
ALLOWED = {
    "model": {"model"},
    "exchange": {"model", "exchange"},
    "presentation": {"model", "exchange", "presentation"},
    "ui": {"model", "exchange", "presentation", "ui"},
    "cli": {"model", "exchange", "presentation", "cli"},
    "pages": {"model", "exchange", "presentation", "ui"},
    "app.py": {"model", "exchange", "presentation", "ui"},
}
# ``python -m model`` keeps working from the repository root: a two-line shim into the CLI, run only as a script.
SHIMS = {Path("model/__main__.py"): {"cli"}}
STREAMLIT_FREE = ("model", "exchange", "presentation", "cli")
ADAPTER = Path("ui/streamlit_adapter.py")
PUBLIC_STREAMLIT = ("streamlit.components.v1", "streamlit.components.v2", "streamlit.testing.v1",
                    "streamlit.column_config")


def imported_modules(source: str) -> list[str]:
    """Dotted names of every module a source file imports (relative imports are not used in this project)."""
    names: list[str] = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            names += [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
        elif (isinstance(node, ast.Call) and getattr(node.func, "attr", getattr(node.func, "id", "")) == "import_module"
              and node.args and isinstance(node.args[0], ast.Constant)):
            names.append(str(node.args[0].value))
    return names


def layer_of(path: Path) -> str:
    return path.parts[0] if len(path.parts) > 1 else path.name


def violations(path: Path, source: str) -> list[str]:
    """Wrong-way arrows, Streamlit in a Streamlit-free layer and private Streamlit modules, for one file."""
    layer = layer_of(path)
    allowed = ALLOWED[layer] | SHIMS.get(path, set())
    found = []
    for name in imported_modules(source):
        top = name.split(".")[0]
        if top in PROJECT_PACKAGES and top not in allowed:
            found.append(f"{path}: {layer} imports {name}")
        if top == "streamlit":
            if layer in STREAMLIT_FREE:
                found.append(f"{path}: {layer} must not use Streamlit ({name})")
            elif path != ADAPTER and is_private_streamlit(name):
                found.append(f"{path}: private Streamlit module {name} outside {ADAPTER}")
    return found


def is_private_streamlit(name: str) -> bool:
    """A Streamlit submodule outside the documented public ones (``st.*`` attributes themselves are public)."""
    if name == "streamlit" or name.startswith(PUBLIC_STREAMLIT):
        return False
    second = name.split(".")[1]
    return importlib.util.find_spec(f"streamlit.{second}") is not None  # a submodule, not an ``st.`` attribute


def project_files() -> list[Path]:
    files = [Path("app.py")] + sorted(Path(p).relative_to(ROOT) for p in ROOT.glob("pages/*.py"))
    for package in PROJECT_PACKAGES:
        files += sorted(p.relative_to(ROOT) for p in (ROOT / package).rglob("*.py"))
    return files


def test_every_arrow_points_inward() -> None:
    found = [v for path in project_files() for v in violations(path, (ROOT / path).read_text(encoding="utf-8"))]
    assert found == [], "\n".join(found)


@pytest.mark.parametrize(("path", "source", "expected"), [
    (Path("model/run.py"), "from exchange.library import ScenarioLibrary\n", "model imports exchange.library"),
    (Path("model/run.py"), "def f():\n    import presentation.deck\n", "model imports presentation.deck"),
    (Path("cli/main.py"), "import importlib\nimportlib.import_module('ui.deck')\n", "cli imports ui.deck"),
    (Path("exchange/links.py"), "from presentation.i18n import Translator\n", "exchange imports presentation"),
    (Path("presentation/charts.py"), "import streamlit as st\n", "must not use Streamlit"),
    (Path("ui/render.py"), "from streamlit.dataframe_util import x\n", "private Streamlit module"),
    (Path("ui/entry.py"), "from streamlit.runtime.pages_manager import PagesManager\n", "private Streamlit module"),
])
def test_the_walk_catches_a_wrong_arrow(path: Path, source: str, expected: str) -> None:
    """The rule test above is only as good as this walk: each kind of wrong import is reported."""
    assert any(expected in v for v in violations(path, source)), violations(path, source)


def test_the_adapter_and_public_streamlit_pass() -> None:
    assert violations(ADAPTER, "from streamlit.runtime.pages_manager import PagesManager\n") == []
    assert violations(Path("ui/widgets.py"), "import streamlit as st\nfrom streamlit import session_state\n") == []


def test_no_module_shadows_the_standard_library() -> None:
    """A module named like the standard library's (``code``, ``types``, ``locale``…) would hide it on sys.path."""
    names = {p.stem for p in project_files() if p.stem not in {"__init__", "__main__"}} | set(PROJECT_PACKAGES)
    assert sorted(names & set(sys.stdlib_module_names)) == []
