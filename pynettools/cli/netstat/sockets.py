"""pynetstat's socket listing: one pass over the kernel's tables, as netstat makes it.

Sections in netstat's order: Internet (TCP, SCTP, UDP, UDP-Lite, raw; each
IPv4 then IPv6), -g's group memberships (the "groups" mode), UNIX, then the
families netstat knows but Linux no longer has (IPX, AX.25, X.25, NET/ROM,
ROSE, Bluetooth), which only produce netstat's messages.  A failing section
ends the pass with its status, as in netstat.
"""

import os
import sys

from pynettools import procfs
from pynettools.cli.netstat import diag_tables
from pynettools.cli.netstat.declaration import COMMAND
from pynettools.cli.netstat.json_output import write_json
from pynettools.cli.netstat.status import ExitStatus
from pynettools.output import write, write_lines
from pynettools.output.netstat_sockets import (
    Layout, internet_header, internet_lines, internet_objects, title, unix_header, unix_lines)
from pynettools.sockets import procnet
from pynettools.sockets.names import Names

# (selection switch, IPv4 table, IPv6 table, protocol names, netstat's name for the family)
INTERNET_TABLES = (
    ("tcp", "tcp", "tcp6", ("tcp", "tcp6"), "AF INET (tcp)"),
    ("sctp", None, None, None, "AF INET (sctp)"),
    ("udp", "udp", "udp6", ("udp", "udp6"), "AF INET (udp)"),
    ("udplite", "udplite", "udplite6", ("udpl", "udpl6"), "AF INET (udplite)"),
    ("raw", "raw", "raw6", ("raw", "raw6"), "AF INET (raw)"),
)
SCTP_ENDPOINTS, SCTP_ASSOCIATIONS = "sctp/eps", "sctp/assocs"  # in /proc/net
# Families net-tools was built with but whose /proc tables Linux dropped.
GONE_FAMILIES = (("ipx", ("ipx/socket", "ipx"), "AF IPX"), ("ax25", ("ax25",), "AF AX25"),
                 ("x25", ("x25",), "AF X25"), ("netrom", ("nr",), "AF NETROM"),
                 ("rose", ("rose",), "AF ROSE"))
NOT_BUILT = ("%s: feature `AF BLUETOOTH' not supported.\n"
             "Please recompile `net-tools' with newer kernel source or full configuration.\n")


class Pass:
    """One pass of the listing: what to show, and where it goes (text or JSON)."""

    def __init__(self, args):
        self.args = args
        self.chosen = args.selection
        self.prog = COMMAND.prog
        self.layout = Layout(extend=bool(args.extend), programs=bool(args.programs),
                             timers=bool(args.timers), wide=bool(args.wide))
        numeric = bool(args.numeric)
        self.names = Names(numeric or bool(args.numeric_hosts), numeric or bool(args.numeric_ports),
                           numeric or bool(args.numeric_users))
        self.owners = None
        self.document = {} if args.json else None
        self.portable = args.portable
        self.sock_diag = diag_tables.Tables(self) if diag_tables.usable(args) else None

    def warn(self, text):
        if not text:
            return
        sys.stdout.flush()
        write(text, sys.stderr)

    def unsupported(self, family):
        self.warn("%s: no support for `%s' on this system.\n" % (self.prog, family))

    def load_owners(self):
        """netstat -p's process scan, once per pass, with its warning."""
        if self.owners is not None or not self.args.programs or self.portable:
            return
        from pynettools.sockets import owners

        if self.sock_diag:  # the kernel dumps TCP meanwhile
            self.sock_diag.prefetch(*families_listed(self.chosen, "tcp"))
        self.owners = owners.scan()
        warning = self.owners.warning(os.geteuid())
        if warning:
            self.warn(warning)

    def owned(self, sockets):
        if not self.args.programs or self.portable:
            return sockets
        found, new = self.owners.by_inode, tuple.__new__
        # `owner` is the last field of both records; _replace would cost 2 us a socket
        return [new(type(sock), sock[:-1] + (found.get(sock.inode),)) for sock in sockets]

    def section(self, kind, header):
        """Start a section: its two text lines, or its list in the document."""
        args = self.args
        if self.document is None:
            write(title(kind, args.all, args.listening) + "\n" + header + "\n")
        else:
            self.document[kind.split()[0].lower()] = []

    def emit(self, key, sockets, lines):
        if self.document is None:
            write_lines(lines(sockets))
        elif key == "internet":
            self.document[key] += internet_objects(sockets, self.names)
        else:
            self.document[key] += sockets

    def finish(self, status):
        if self.document:  # no object when no section was shown (-g alone has its own)
            write_json(self.args, self.document)
        return status


def run(args):
    """One pass of the listing for `args`; return netstat's status."""
    listing = Pass(args)
    return listing.finish(_sections(listing))


def _sections(listing):
    chosen = listing.chosen
    internet = [name for name, *_ in INTERNET_TABLES if getattr(chosen, name)]
    if not chosen.any or internet:
        status = _internet(listing)
        if status:
            return status
    if chosen.groups:
        from pynettools.cli.netstat import groups as netstat_groups

        if listing.document is not None:  # --json: one document, groups in it
            listing.document["groups"] = netstat_groups.objects(listing.args)
        else:
            status = netstat_groups.run(listing.args)
            if status:
                return status
    if not chosen.any or chosen.unix:
        status = _unix(listing)
        if status:
            return status
    return _gone_families(listing)


def _internet(listing):
    listing.load_owners()
    listing.section("Internet connections", internet_header(listing.layout))
    chosen = listing.chosen
    for switch, table4, table6, protocols, family in INTERNET_TABLES:
        if chosen.any and not getattr(chosen, switch):
            continue
        if table4 is None:
            status = _sctp(listing)
        else:
            status = _internet_table(listing, switch, (table4, table6), protocols, family)
        if status:
            return status
    return ExitStatus.OK


def _internet_table(listing, switch, tables, protocols, family_name):
    chosen, args = listing.chosen, listing.args
    status = ExitStatus.OK
    listed = families_listed(chosen, switch)
    for table, protocol, family, wanted in zip(tables, protocols, ("inet", "inet6"), listed):
        if not wanted:
            continue
        if listing.portable:
            from pynettools.sockets import portable

            found = portable.internet_sockets(protocol, family, args.all, args.listening,
                                              args.programs)
            listing.emit("internet", found,
                         lambda found: internet_lines(found, listing.names, listing.layout))
            continue
        if listing.sock_diag and listing.sock_diag.write(
                table, protocol, family, ipv6_next=family == "inet" and listed[1]):
            continue
        try:
            lines = procnet.read_table(procfs.net(table))
        except FileNotFoundError:
            if family == "inet" and (chosen.any or args.verbose):
                listing.unsupported(family_name)
            status = status or (ExitStatus.FAILED if family == "inet" and chosen.any
                                else ExitStatus.OK)
            continue
        except OSError as error:
            listing.warn("%s: %s\n" % (procfs.as_shown(table), error.strerror))
            return ExitStatus.READ_FAILED
        sockets, bogus = procnet.internet_sockets(lines, protocol, family, args.all,
                                                 args.listening)
        listing.emit("internet", listing.owned(sockets),
                     lambda found: internet_lines(found, listing.names, listing.layout))
        listing.warn("warning, got bogus %s line.\n" % _table_kind(protocol) * bogus)
    return status


def families_listed(chosen, switch):
    """(inet, inet6): whether this pass lists the IPv4 and IPv6 tables of `switch`."""
    if chosen.any and not getattr(chosen, switch):
        return False, False
    return not chosen.any or chosen.inet, not chosen.any or chosen.inet6


def _table_kind(protocol):
    return {"t": "tcp", "r": "raw"}.get(protocol[0], "udp")


def _sctp(listing):
    """SCTP: its endpoints (-l) and associations, both under -a; listed only when
    the kernel module is loaded, otherwise netstat's message for each table."""
    chosen, args = listing.chosen, listing.args
    if (chosen.any and not chosen.inet) or listing.portable:
        return ExitStatus.OK
    tables = [table for table, wanted in ((SCTP_ENDPOINTS, args.all or args.listening),
                                          (SCTP_ASSOCIATIONS, args.all or not args.listening))
              if wanted]
    for table in tables:
        if os.path.exists(procfs.net(table)):
            continue
        if chosen.any or args.verbose:
            listing.unsupported("AF INET (sctp)")
        if chosen.any:
            return ExitStatus.FAILED
    return ExitStatus.OK


def _unix(listing):
    args = listing.args
    listing.load_owners()
    listing.section("UNIX domain sockets", unix_header(listing.layout))
    if listing.portable:
        from pynettools.sockets import portable

        found = portable.unix_sockets(args.all, args.listening, args.programs)
        listing.emit("unix", found, lambda found: unix_lines(found, listing.layout))
        return ExitStatus.OK
    try:
        lines = procnet.read_table(procfs.net("unix"))
    except FileNotFoundError:
        if listing.chosen.any or args.verbose:
            listing.unsupported("AF UNIX")
        return ExitStatus.FAILED if listing.chosen.any else ExitStatus.OK
    except OSError as error:
        listing.warn("%s: %s\n" % (procfs.as_shown("unix"), error.strerror))
        return ExitStatus.READ_FAILED
    sockets, bogus = procnet.unix_sockets(lines, args.all, args.listening)
    listing.emit("unix", listing.owned(sockets),
                 lambda found: unix_lines(found, listing.layout))
    listing.warn("warning, got bogus unix line.\n" * bogus)
    return ExitStatus.OK


def _gone_families(listing):
    chosen, verbose = listing.chosen, listing.args.verbose
    for switch, tables, family in GONE_FAMILIES:
        if chosen.any and not getattr(chosen, switch):
            continue
        if listing.portable or any(os.path.isfile(procfs.net(table)) for table in tables):
            continue  # present on this kernel: pynetstat does not list these sockets
        if chosen.any or verbose:
            listing.unsupported(family)
        if chosen.any:
            return ExitStatus.FAILED
    if chosen.any and chosen.bluetooth:
        listing.warn(NOT_BUILT % listing.prog)
        return ExitStatus.FAILED
    return ExitStatus.OK
