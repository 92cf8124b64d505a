"""pynetstat: net-tools netstat 2.10, option for option, plus --json.

After the command line (`declaration`), one mode runs, repeated every
second under -c (see MODES): the socket listing (`sockets`), which also
prints -g's group memberships between the Internet and the UNIX sections,
as netstat does; "route" (-r, -C, -F), "interfaces" (-i), "groups" (-g
alone) and "statistics" (-s, never repeated).  A mode is a module with
`run(args) -> ExitStatus`; besides the options it finds in `args`:

- `args.selection`: netstat's protocol and family switches after its
  defaulting rules (see `Selection`);
- `args.portable`: True where the kernel's tables are not in the procfs
  root (not Linux): every mode then reads psutil instead, decided here once.
"""

import sys
import time

from pynettools import procfs
from pynettools.cli.netstat.declaration import COMMAND, ROUTING_FAMILIES, ShowUsage
from pynettools.cli.netstat.status import ExitStatus, failure  # noqa: F401 - the runner's
from pynettools.cli.options import SimpleNamespace
from pynettools.output import write


class Mode:
    """A mode netstat runs instead of the socket listing: the option that picks it,
    the module that runs it, and whether -c repeats it."""

    __slots__ = ("option", "module", "repeats")

    def __init__(self, option, module, repeats):
        self.option = option
        self.module = module
        self.repeats = repeats

    def run(self, args):
        __import__(self.module)
        return sys.modules[self.module].run(args)


# In netstat's order of precedence; at most one of their options may be given.
MODES = (
    Mode("statistics", "pynettools.cli.netstat.statistics", repeats=False),
    Mode("route", "pynettools.cli.netstat.route", repeats=True),
    Mode("interfaces", "pynettools.cli.netstat.interfaces", repeats=True),
)
SOCKETS = Mode(None, "pynettools.cli.netstat.sockets", repeats=True)
EXCLUSIVE = tuple(mode.option for mode in MODES) + ("masquerade",)


class Selection(SimpleNamespace):
    """netstat's switches after its defaulting rules: tcp sctp udp udplite raw
    groups unix inet inet6 ipx ax25 x25 netrom rose bluetooth any (booleans).

    Naming inet or inet6 (or -s) without a protocol selects TCP, UDP,
    UDP-Lite and raw; naming a protocol (or -g) without a family selects
    both inet and inet6.  `any` is netstat's flag_arg: something was
    selected, so only what was selected is listed (otherwise: everything,
    Internet and UNIX).
    """


def selection(args):
    """The Selection netstat would compute from `args`."""
    families = args.address_families
    inet, inet6 = "inet" in families, "inet6" in families
    tcp, sctp, udp, udplite, raw = (bool(flag) for flag in (
        args.tcp, args.sctp, args.udp, args.udplite, args.raw))
    if (inet or inet6 or args.statistics) and not (tcp or sctp or udp or udplite or raw):
        tcp = udp = udplite = raw = True  # netstat 2.10 leaves SCTP out of this default
    if (tcp or sctp or udp or udplite or raw or args.groups) and not (inet or inet6):
        inet = inet6 = True
    chosen = dict(tcp=tcp, sctp=sctp, udp=udp, udplite=udplite, raw=raw,
                  groups=bool(args.groups), unix="unix" in families,
                  bluetooth="bluetooth" in families or bool(args.l2cap or args.rfcomm),
                  **{name: name in families for name in ("ipx", "ax25", "x25", "netrom", "rose")})
    return Selection(inet=inet, inet6=inet6, any=any(chosen.values()), **chosen)


def execute(args):
    if args.action == "show-usage":  # -h: the usage on stdout, the families on stderr
        write(COMMAND.usage())
        sys.stdout.flush()  # so that a terminal shows the three parts in this order
        write(ROUTING_FAMILIES, sys.stderr)
        write(COMMAND.additions())
        return ExitStatus.OK
    if sum(bool(getattr(args, option)) for option in EXCLUSIVE) > 1:
        raise ShowUsage()
    args.selection = selection(args)
    args.portable = not procfs.has_kernel_tables()
    if args.masquerade:
        write("%s: no support for `ip_masquerade' on this system.\n" % COMMAND.prog, sys.stderr)
        return ExitStatus.FAILED
    mode = next((mode for mode in MODES if getattr(args, mode.option)), SOCKETS)
    return _repeat(mode.run, args) if mode.repeats else mode.run(args)


def _repeat(one_pass, args):
    """One pass, or under -c one a second until a pass fails (netstat's loop);
    `args.pass_number` counts them from 1.  Under -c, `args.pass_started` is the
    time each pass starts: --json prints it."""
    args.pass_number = 0
    while True:
        args.pass_number += 1
        if args.continuous:
            args.pass_started = time.time()
        status = one_pass(args)
        if status or not args.continuous:
            return status
        sys.stdout.flush()
        time.sleep(1)
