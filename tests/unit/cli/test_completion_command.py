"""pynettools-completion run inline: each shell's scripts, its complaints."""

from pynettools.cli.commands import COMMANDS
from pynettools.cli.completion.scripts import SCRIPTS


def test_every_shell_for_every_command(run_inline):
    for shell, script in SCRIPTS.items():
        out, err, status = run_inline("completion", [shell])
        assert (err, status) == (b"", 0)
        assert out.decode() == "".join(script(entry.load().COMMAND) for entry in COMMANDS)


def test_complaints(run_inline):
    hint = b"Try `pynettools-completion --help' or `pynettools-completion --usage' for more " \
           b"information.\n"
    assert run_inline("completion", []) == (
        b"", b"pynettools-completion: SHELL must be one of: bash, zsh, fish\n" + hint, 64)
    assert run_inline("completion", ["bash", "pynosuch"]) == (
        b"", b"pynettools-completion: unknown command 'pynosuch'\n" + hint, 64)
