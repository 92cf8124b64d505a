"""Write (or check) the generated man pages and shell completions.

    python -m pynettools.cli.generate           # rewrite man/ and completions/
    python -m pynettools.cli.generate --check   # exit 1 and list what is stale

Everything comes from the commands' declarations and the prose of their
manuals, both named in `pynettools.cli.commands`.  The files are committed,
and a test runs --check.
"""

import pathlib
import sys

from pynettools import schemas
from pynettools.cli.commands import COMMANDS
from pynettools.cli.completion.scripts import bash_script, fish_script, zsh_script
from pynettools.cli.manpage import render

ROOT = pathlib.Path(__file__).resolve().parents[2]
STALE = 1  # --check's status when a file differs from what would be generated


def generated_files(root=ROOT):
    """{path: text} of every file generated from the built commands."""
    files = {}
    for entry in COMMANDS:
        command = entry.load().COMMAND
        prog = command.prog
        files[root / "man" / (prog + ".1")] = render(command, entry.load_manual().SECTIONS,
                                                     schemas.load(prog))
        files[root / "completions" / "bash" / prog] = bash_script(command)
        files[root / "completions" / "zsh" / ("_" + prog)] = zsh_script(command)
        files[root / "completions" / "fish" / (prog + ".fish")] = fish_script(command)
    return files


def stale_files(root=ROOT):
    """Paths whose committed text differs from what would be generated."""
    return sorted(str(path.relative_to(root)) for path, text in generated_files(root).items()
                  if not path.exists() or path.read_text() != text)


def main(argv):
    if argv == ["--check"]:
        stale = stale_files()
        for path in stale:
            print("stale: %s (run: python -m pynettools.cli.generate)" % path)
        return STALE if stale else 0
    for path, text in generated_files().items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
