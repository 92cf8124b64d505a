"""pynetstat's "statistics" mode: a placeholder until its implementation lands."""

from pynettools.errors import CommandNotImplemented


def run(args):
    """Print this mode once for the parsed `args`; return the exit status."""
    raise CommandNotImplemented("netstat statistics mode is not implemented yet")
