"""The filter program of a pytcpdump run, shared by file and live mode: compiled
as the command line asks (-O), printed as -d, -dd and -ddd ask."""

from pynettools.output import write


def compile_program(args, expression, linktype, snaplen, source):
    """The filter for `linktype` (-O: not optimised), a `pynettools.bpf.Program`."""
    from pynettools.bpf import compile_filter

    return compile_filter(expression, linktype, snaplen, optimize=not args.no_optimize,
                          source=source)


def print_program(args, program):
    """-d, -dd, -ddd: the program in tcpdump's format, on stdout."""
    from pynettools.bpf.dump import lines

    write("".join(line + "\n" for line in lines(program, args.dump_program)))
