"""The import graph of briefing/: one wing per role, imports only go down (briefing/__init__.py).

Every module is parsed (not imported), and every import of a briefing module counts, relative
or absolute, at the top or inside a function.
"""

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "briefing"

# wing -> the wings it may import (its own included)
ALLOWED = {
    "kernel": {"kernel"},
    "nlp": {"kernel", "nlp"},
    "site": {"kernel", "site"},
    "stages": {"kernel", "nlp", "site", "stages"},
    "bench": {"kernel", "nlp", "site", "stages", "bench"},
}
KERNEL_AT_MOST = 8


def wing(module: str) -> str:
    """briefing.nlp.russian -> "nlp"; briefing.records (or briefing) -> "kernel"."""
    parts = module.split(".")
    return parts[1] if len(parts) > 2 or (len(parts) == 2 and parts[1] in ALLOWED) else "kernel"


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported(path: Path) -> list[tuple[int, str]]:
    """(line, absolute module name) of every briefing import in the file; for `from X import
    name`, X.name is given where name is a submodule of X, else X."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    out = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out += [(node.lineno, alias.name) for alias in node.names if alias.name.split(".")[0] == "briefing"]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                source = ".".join(base + ([node.module] if node.module else []))
            else:
                source = node.module or ""
            if source.split(".")[0] != "briefing":
                continue
            for alias in node.names:
                candidate = f"{source}.{alias.name}"
                is_module = (PACKAGE.parent / Path(*candidate.split("."))).with_suffix(".py").is_file() or \
                    (PACKAGE.parent / Path(*candidate.split(".")) / "__init__.py").is_file()
                out.append((node.lineno, candidate if is_module else source))
    return out


MODULES = sorted(PACKAGE.rglob("*.py"))


def test_every_module_is_in_a_known_wing():
    assert MODULES
    assert {wing(module_name(p)) for p in MODULES} <= set(ALLOWED)


def test_the_kernel_is_small():
    kernel = [p.name for p in PACKAGE.glob("*.py") if p.name != "__init__.py"]
    assert len(kernel) <= KERNEL_AT_MOST, kernel


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.relative_to(PACKAGE.parent).as_posix())
def test_imports_only_go_down(path):
    mine = wing(module_name(path))
    wrong = [f"{path.relative_to(PACKAGE.parent)}:{line}: {mine} imports {target} ({wing(target)})"
             for line, target in imported(path) if wing(target) not in ALLOWED[mine]]
    assert not wrong, "\n".join(wrong)


def test_the_resolver_sees_every_kind_of_import(tmp_path):
    """Relative, absolute, `from . import module`, and inside a function."""
    analyse = PACKAGE / "stages" / "analyse.py"
    targets = {t for _, t in imported(analyse)}
    assert {"briefing.records", "briefing.nlp.vectors", "briefing.nlp.entities.tagging"} <= targets
    assert {t for _, t in imported(PACKAGE / "site" / "feeds.py")} >= {"briefing.history", "briefing.config"}
    assert wing("briefing") == "kernel" and wing("briefing.history") == "kernel" and wing("briefing.site.html") == "site"
