"""--owners: each printed TCP or UDP packet with the local processes at its ends.

The text is netstat -p's `PID/Program name`, after a direction: " [out
1234/curl]" for a packet a local process sent, " [in 567/nginx]" for one a
local process receives, both on loopback (" [out 1234/curl in 567/nginx]"),
and " [unknown]" when no owner is known (yet): the helper answers a flow
after its first packets, and a flow that ended before the helper's next
look at the sockets stays unknown.  The suffix ends the packet's first
line (-v's second line and -x's dumps follow).  JSON: an "owner" member
{"sender": OWNER or null, "receiver": OWNER or null}, OWNER {"pid",
"program"}.  Other packets (ARP, ICMP, ...) carry no owner.

A savefile has no owners (the processes are gone, or on another host): -r
and -V refuse --owners.
"""

import contextlib

from pynettools.cli.tcpdump.declaration import Complaint

MANUAL_TEXT = """\
--owners (live capture only) ends the first line of each TCP or UDP packet with the
local processes at its ends, in netstat -p's PID/Program name form: " [out 1234/curl]"
when a process here sent it, " [in 567/nginx]" when one receives it, both on loopback
(" [out 1234/curl in 567/nginx]"), " [unknown]" when none is known. With --json the
object has an "owner" member, {"sender": ..., "receiver": ...}, each {"pid", "program"}
or null. ARP, ICMP and other packets carry no owner.

The owners come from the kernel's socket tables (sock_diag, as ss reads them) and a
scan of /proc/PID/fd, done by a helper process started before the capture opens and
before -Z drops privileges (it keeps them, to read every process's fds); the capture
never waits for it. The first packets of a flow show [unknown] until the helper
answers (it looks at the sockets at most twice a second, and scans the fds only for
sockets it has not seen); a flow that ends before it looks stays unknown. Packets
reach pytcpdump in blocks handed over after up to a second, unless --immediate-mode
(implied on a terminal): with it, measured on loopback, a UDP exchange is named from
its second packet and a TCP connection within half a second; without it, after about
a second. A socket
matches only where the kernel would deliver to it or send from it: a connection by its
exact addresses and ports; an unconnected UDP socket by its address and port, or a
wildcard one (0.0.0.0, ::, which takes IPv4 too unless IPV6_V6ONLY) at this host's own
addresses; a TCP listener only for the SYN it receives and the SYN-ACK sent for it.
Sockets shared by several processes show the first netstat -p would find; several
sockets of different processes on one port (SO_REUSEPORT) show none. Only this network
namespace's sockets are seen. Without root, other users' processes stay unknown. The
helper runs at a lower priority (nice 10), so a busy machine delays its answers, not
the capture. -r and -V refuse --owners (status 1): a savefile does not say which
process sent a packet."""

NOT_FOR_FILES = ("--owners needs a live capture: a savefile does not say which process "
                 "sent its packets")


def check(args):
    """tcpdump-style complaint for --owners with -r or -V."""
    if args.owners and (args.read_file is not None or args.file_list is not None):
        raise Complaint(NOT_FOR_FILES)


def service(args):
    """A context giving the owner service for a live run (its helper forked now,
    before the capture opens and -Z drops privileges), or None without --owners."""
    if not args.owners or any((args.list_interfaces, args.list_data_link_types,
                               args.list_time_stamp_types, args.dump_program)):
        return contextlib.nullcontext()  # nothing is captured
    from pynettools.capture import owner_service

    return owner_service.start()


def suffix(ends):
    """The text after a packet's first line, for Ends(sender, receiver)."""
    parts = ["%s %d/%s" % (word, owner.pid, owner.program)
             for word, owner in zip(("out", "in"), ends) if owner is not None]
    return " [%s]" % " ".join(parts) if parts else " [unknown]"


def member(ends):
    """The JSON record's "owner" member for Ends(sender, receiver)."""
    return {name: None if owner is None else {"pid": owner.pid, "program": owner.program}
            for name, owner in zip(("sender", "receiver"), ends)}


def owned_text(text_of, owners):
    """text_of(packet) with the owner suffix on its first line (TCP and UDP)."""
    from pynettools.capture.owners import flow_of

    def text(packet):
        lines = text_of(packet)
        flow = flow_of(packet)
        if flow is None:
            return lines
        cut = lines.index("\n")
        return lines[:cut] + suffix(owners.ends(flow)) + lines[cut:]

    return text


def owned_record(record_of, owners):
    """record_of(packet) with its "owner" member (TCP and UDP)."""
    from pynettools.capture.owners import flow_of

    def record(packet):
        found = record_of(packet)
        flow = flow_of(packet)
        if flow is not None:
            found["owner"] = member(owners.ends(flow))
        return found

    return record
