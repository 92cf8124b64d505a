"""Write (or check) the generated man pages and shell completions.

    python -m pynettools.cli.generate           # rewrite man/ and completions/
    python -m pynettools.cli.generate --check   # exit 1 and list what is stale

Everything comes from the commands' declarations (`pynettools.cli.<name>`)
and prose (`pynettools.cli.<name>_manual`); a command not built yet has no
files.  The files are committed, and a test runs --check.
"""

import pathlib
import sys

from pynettools.cli import COMMANDS
from pynettools.cli.completion import bash_script, fish_script, load_command, zsh_script
from pynettools.cli.manpage import render

ROOT = pathlib.Path(__file__).resolve().parents[2]


def generated_files(root=ROOT):
    """{path: text} of every file generated from the built commands."""
    files = {}
    for name in COMMANDS:
        command = load_command(name)
        if command is None:
            continue
        manual = __import__("pynettools.cli.%s_manual" % name, fromlist=["SECTIONS"])
        prog = command.prog
        files[root / "man" / (prog + ".1")] = render(command, manual.SECTIONS)
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
        return 1 if stale else 0
    for path, text in generated_files().items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
