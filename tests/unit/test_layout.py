"""The package's layout rules, read from its source: no import cycle, exit
statuses chosen only in the front ends, /proc reached only through procfs."""

import ast
import pathlib
import re

import pynettools

PACKAGE = pathlib.Path(pynettools.__file__).parent


def modules():
    """{module name: its parsed tree} for every module of the package."""
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = ast.parse(path.read_text(), str(path))
    return found


def imported(name, tree, known):
    """The package modules `name` imports, at its top or inside functions."""
    package = name if name in known and _is_package(name) else name.rpartition(".")[0]
    targets = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            targets.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package.split(".")[:len(package.split(".")) - node.level + 1]
                                + ([base] if base else []))
            targets.add(base)
            targets.update("%s.%s" % (base, alias.name) for alias in node.names)
    return {target for target in targets if target in known and target != name}


def _is_package(name):
    return (PACKAGE.parent / name.replace(".", "/") / "__init__.py").exists()


def test_no_import_cycle():
    trees = modules()
    graph = {name: imported(name, tree, trees) for name, tree in trees.items()}
    cycles = []

    def visit(name, path, done):
        for target in sorted(graph[name]):
            if target in path:
                cycles.append(path[path.index(target):] + [target])
            elif target not in done:
                done.add(target)
                visit(target, path + [target], done)

    for name in sorted(graph):
        visit(name, [name], {name})
    assert cycles == []


def test_only_front_ends_choose_exit_statuses():
    """No `sys.exit`, `exit_code` or ExitStatus outside pynettools/cli/."""
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        relative = path.relative_to(PACKAGE)
        if relative.parts[0] == "cli" or relative.name.startswith("py"):
            continue
        text = path.read_text()
        if re.search(r"sys\.exit|exit_code|ExitStatus|exit_status", text):
            offenders.append(str(relative))
    assert offenders == []


def test_every_proc_path_comes_from_the_procfs_root():
    """Paths under /proc are built by pynettools.procfs; a "/proc" literal may
    only stand in a message or docstring quoting the original's words."""
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        if path.name == "procfs.py":
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "open" or \
                    isinstance(node, ast.Call) and getattr(node.func, "attr", None) in (
                        "open", "listdir", "readlink", "scandir", "stat", "exists", "isdir",
                        "isfile", "access"):
                for argument in node.args[:1]:
                    if isinstance(argument, ast.Constant) and "/proc" in str(argument.value) or \
                            isinstance(argument, ast.BinOp) and "/proc" in ast.unparse(argument):
                        offenders.append("%s:%d" % (path.relative_to(PACKAGE), node.lineno))
            if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant) and \
                    str(node.value.value).startswith("/proc"):
                offenders.append("%s:%d" % (path.relative_to(PACKAGE), node.lineno))
    assert offenders == []


def test_every_package_folder_has_an_init():
    """setuptools' package finder skips folders without __init__.py: a wheel
    built from such a tree would lack them (the editable install would not)."""
    missing = [str(folder.relative_to(PACKAGE)) for folder in PACKAGE.rglob("*")
               if folder.is_dir() and folder.name not in ("__pycache__", "scripts", "schemas")
               and any(folder.glob("*.py")) and not (folder / "__init__.py").exists()]
    assert missing == []
