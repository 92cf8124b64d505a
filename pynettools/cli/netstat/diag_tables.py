"""The socket listing's TCP and UDP tables through sock_diag, where that prints
exactly what reading /proc/net prints.

sock_diag dumps the same sockets in the same order as /proc/net/tcp and its
siblings, for less than the kernel's cost of writing the text alone (see
pynettools.sockets.sockdiag); its lines are built column by column
(output.netstat_sockets.BatchLines).  It is used only where its fields
give netstat's bytes:

- text output without -o: sock_diag has no field for /proc's timeout
  column, and --json carries the whole timer;
- the kernel's own /proc/net under the default procfs root (a tree mounted
  over /proc, or a moved root, stands for other tables than the kernel's);
- not for raw sockets (raw_diag is often missing) nor UNIX ones (unix_diag
  has no reference count);
- with -e, not for a table holding a SYN_RECV entry: sock_diag gives it
  uid 0 where /proc shows its listener's;
- LISTEN's send-queue field, which sock_diag fills with the backlog, shows
  0 as in /proc.

Anything sock_diag cannot answer (no netlink, no handler for UDP-Lite)
leaves the table to /proc/net.  PYNETTOOLS_SOCK_DIAG=0 in the environment
forces /proc/net everywhere (documented in the man page).
"""

import functools
import operator
import os

from pynettools import procfs
from pynettools.errors import SocketCallError
from pynettools.output import write
from pynettools.output.netstat_batches import BatchLines
from pynettools.sockets import procnet, sockdiag

SWITCH = "PYNETTOOLS_SOCK_DIAG"  # "0": read /proc/net only
# netstat's protocol name: (sock_diag protocol, the state texts' kind)
PROTOCOLS = {"tcp": (6, "tcp"), "tcp6": (6, "tcp"), "udp": (17, "udp"), "udp6": (17, "udp"),
             "udpl": (136, "udpl"), "udpl6": (136, "udpl")}
FAMILIES = {"inet": 2, "inet6": 10}


def usable(args):
    """Whether this pass may read its TCP and UDP tables through sock_diag."""
    return (not args.portable and not args.json and not args.timers
            and os.environ.get(SWITCH) != "0" and procfs.has_kernel_net())


class Tables:
    """The tables one pass reads through sock_diag.  TCP of both families comes
    from one dump when both are listed (one walk of the kernel's tables, not
    two); the IPv6 part waits here for its turn, after the IPv4 table."""

    def __init__(self, listing):
        self.listing = listing
        self.waiting = {}  # {protocol: its batches, None, or the error of a prefetch}
        self.prefetching = {}  # {protocol: the thread dumping it}

    def prefetch(self, inet, inet6):
        """Start dumping the TCP tables this pass lists (`inet`, `inet6`) in a
        thread, so that the kernel's work for them overlaps -p's scan of /proc:
        both are mostly system calls, which run outside the GIL."""
        if not (inet or inet6):
            return
        import threading

        protocol, family = ("tcp", sockdiag.INET) if inet else ("tcp6", sockdiag.INET6)
        thread = threading.Thread(target=self._prefetched, daemon=True,
                                  args=(protocol, sockdiag.TCP, family, inet and inet6))
        self.prefetching[protocol] = thread
        thread.start()

    def _prefetched(self, *table):
        try:
            self.waiting[table[0]] = self._dumped(*table)
        except BaseException as error:  # raised again where the table is written
            self.waiting[table[0]] = error

    def write(self, table, protocol, family, ipv6_next=False):
        """Print one table's lines from sock_diag; False (nothing printed) where
        the /proc/net path must print it instead.  `ipv6_next`: the IPv6 table
        of the same protocol is listed next."""
        if protocol not in PROTOCOLS or not os.path.exists(procfs.net(table)):
            return False
        number, kind = PROTOCOLS[protocol]
        batches = self._batches(protocol, number, FAMILIES[family], ipv6_next)
        if batches is None:
            return False
        args = self.listing.args
        if args.extend and kind == "tcp" and any(sockdiag.TCP_SYN_RECV in batch.state
                                                 for batch in batches):
            return False
        lines = BatchLines(protocol, family, self.listing.names, self.listing.layout,
                           procnet.state_texts(kind),
                           zero_send_queue=(sockdiag.TCP_LISTEN,) if kind == "tcp" else ())
        owners = self.listing.owners.by_inode if self.listing.owners else None
        texts = functools.partial(sockdiag.address_text, family=FAMILIES[family])
        for batch in batches:
            if not args.all:
                batch = batch.where(_shown(batch, kind, bool(args.listening)))
            if batch.size:
                write(lines.text(batch, texts, owners))
        return True

    def _batches(self, protocol, number, family, ipv6_next):
        """The table's batches, or None when sock_diag cannot give them."""
        if protocol in self.prefetching:
            self.prefetching.pop(protocol).join()
        if protocol in self.waiting:
            found = self.waiting.pop(protocol)
            if isinstance(found, BaseException):
                raise found
            return found
        return self._dumped(protocol, number, family, ipv6_next)

    def _dumped(self, protocol, number, family, ipv6_next):
        if number == sockdiag.TCP and ipv6_next:
            both = _dump(sockdiag.ANY, number)
            if both is not None:
                self.waiting[protocol + "6"] = [batch.of_family(sockdiag.INET6)
                                                for batch in both]
                return [batch.of_family(family) for batch in both]
        return _dump(family, number)


def _dump(family, number):
    try:
        return list(sockdiag.batches(family, number))
    except SocketCallError:
        return None


def _shown(batch, kind, listening):
    """netstat's -l / default choice: TCP sockets by their remote port, UDP ones by
    their remote address; listening shows the unconnected ones."""
    if kind == "tcp":
        connected = map(bool, batch.remote_port)
    else:
        connected = map(bytes(16).__ne__, batch.remote_address)
    return map(operator.not_, connected) if listening else connected
