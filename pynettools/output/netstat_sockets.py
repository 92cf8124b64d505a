"""netstat's socket tables as text (titles, headers and lines, column for column) and JSON.

Widths follow net-tools 2.10: `Proto` 5, queues 6, addresses 23 (longer
ones push the line out), state 11; `-e` adds user and inode, `-p`
PID/Program name in 20, `-o` the timer.  Headers keep netstat's trailing
blanks.  Without -W an address and its port are cut to 22 characters
together, keeping at most 18 of the port's name.
"""

import itertools
import operator

from pynettools.output import encode

ADDRESS_WIDTH = 22  # what netstat keeps of `host:port` without -W, minus the colon
PORT_KEEP = ADDRESS_WIDTH - 4
OWNER_BYTES = 19  # netstat formats pid/program into a char[20]
TCP_TIMERS = ("off", "on", "keepalive", "timewait", "probe")
C_BLANKS = " \t\n\v\f\r"


class Layout:
    """What the flags change in the tables: -e, -p, -o, -W."""

    def __init__(self, extend=False, programs=False, timers=False, wide=False):
        self.extend = extend
        self.programs = programs
        self.timers = timers
        self.wide = wide


def title(kind, all_sockets, listening):
    """`Active Internet connections (w/o servers)` and its siblings."""
    which = ("(servers and established)" if all_sockets
             else "(only servers)" if listening else "(w/o servers)")
    return "Active %s %s" % (kind, which)


def internet_header(layout):
    header = "Proto Recv-Q Send-Q Local Address           Foreign Address         State      "
    if layout.extend:
        header += " User       Inode     "
    if layout.programs:
        header += " %-20s" % "PID/Program name"
    if layout.timers:
        header += " Timer"
    return header


def unix_header(layout):
    header = "Proto RefCnt Flags       Type       State         I-Node  "
    if layout.programs:
        header += " %-20s" % "PID/Program name"
    return header + " Path"


def endpoint(host, service, wide):
    """`host:service` as netstat prints it, cut to fit unless `wide`."""
    if wide or len(host) + len(service) <= ADDRESS_WIDTH:
        return host + ":" + service
    service = service[:PORT_KEEP]
    return host[:ADDRESS_WIDTH - len(service)] + ":" + service


def owner_text(owner):
    if owner is None:
        return "-"
    text = "%d/%s" % (owner.pid, owner.program)
    if len(text) > OWNER_BYTES and len(encode(text)) > OWNER_BYTES:
        text = encode(text)[:OWNER_BYTES].decode("utf-8", "surrogateescape")
    return text


def timer_state(sock):
    """(name, seconds) of the -o column: "off", "keepalive", "on1", "unkn-5" ..., and the
    time left as netstat prints it ("7190.57")."""
    timer = sock.timer
    if timer.code == 0:
        return "off", "0.00"
    seconds = "%2.2f" % (timer.clock_ticks / 100)
    if sock.protocol.rstrip("6") == "tcp":
        name = TCP_TIMERS[timer.code] if timer.code < len(TCP_TIMERS) else None
    else:
        name = "on%d" % timer.code if timer.code in (1, 2) else None
    return name or "unkn-%d" % timer.code, seconds


def timer_text(sock):
    name, seconds = timer_state(sock)
    return "%s (%s/%d/%d)" % (name, seconds, sock.timer.retransmits, sock.timer.timeouts)


def internet_lines(sockets, names, layout):
    """One text line per InternetSocket.

    Busy tables repeat a few addresses and ports thousands of times: their
    texts are looked up once per call.
    """
    wide = layout.wide
    hosts, ports, owners = {}, {}, {}

    def host_of(address, family):
        host = hosts.get(address)
        if host is None:
            host = hosts[address] = names.host(address, family)
        return host

    def service_of(port, table):
        service = ports.get((port, table))
        if service is None:
            service = ports[port, table] = names.service(port, table)
        return service

    for sock in sockets:
        (protocol, family, recv_queue, send_queue, local_address, local_port, remote_address,
         remote_port, state, uid, inode, _timer, owner) = sock
        table = _TABLES[protocol]
        line = "%-5s %6d %6d %-23s %-23s %-11s" % (
            protocol, recv_queue, send_queue,
            endpoint(hosts.get(local_address) or host_of(local_address, family),
                     ports.get((local_port, table)) or service_of(local_port, table), wide),
            endpoint(hosts.get(remote_address) or host_of(remote_address, family),
                     ports.get((remote_port, table)) or service_of(remote_port, table), wide),
            state)
        if layout.extend:
            line += " %-10s %-10d" % (names.user(uid), inode)
        if layout.programs:
            text = owners.get(owner)
            if text is None:
                text = owners[owner] = " %-20s" % owner_text(owner)
            line += text
        if layout.timers:
            line += " " + timer_text(sock)
        yield line


# The services table netstat looks port names up in, by protocol (UDP-Lite uses UDP's).
_TABLES = {"tcp": "tcp", "tcp6": "tcp", "udp": "udp", "udp6": "udp", "udpl": "udp",
           "udpl6": "udp", "raw": "raw", "raw6": "raw"}


def unix_lines(sockets, layout):
    """One text line per UnixSocket; the path stops at a blank, as in netstat."""
    for sock in sockets:
        line = "%-5s %-6d %-11s %-10s %-13s %-8d" % (
            sock.protocol, sock.refcount, "[ " + "".join(flag + " " for flag in sock.flags) + "]",
            sock.type, sock.state, sock.inode)
        if layout.programs:
            line += " %-20s" % owner_text(sock.owner)
        yield line + " " + first_word(sock.path)


def first_word(text):
    """What C's sscanf("%s") takes: up to the first blank, blanks before skipped."""
    start = len(text) - len(text.lstrip(C_BLANKS))
    end = start
    while end < len(text) and text[end] not in C_BLANKS:
        end += 1
    return text[start:end]


def shown_name(shown, address):
    """What the text shows for a number when it is a name, else None (the number itself,
    its IPv4 form, `*` for port 0, `[::]`)."""
    if shown in (address, "*", "[::]") or (address.startswith("::ffff:") and
                                           address.endswith(shown)):
        return None
    return shown


def internet_objects(sockets, names):
    """The JSON objects of InternetSockets: the record's numbers, and beside them the
    names the text shows (null under -n), the timer in seconds."""
    from pynettools.output.jsonout import to_json_value  # json: not for the text

    for sock in sockets:
        table, family = _TABLES[sock.protocol], sock.family
        name, seconds = timer_state(sock)
        yield {
            "protocol": sock.protocol, "family": family, "recv_queue": sock.recv_queue,
            "send_queue": sock.send_queue,
            "local_address": sock.local_address, "local_port": sock.local_port,
            "local_host": shown_name(names.host(sock.local_address, family), sock.local_address),
            "local_service": shown_name(names.service(sock.local_port, table),
                                        str(sock.local_port)),
            "remote_address": sock.remote_address, "remote_port": sock.remote_port,
            "remote_host": shown_name(names.host(sock.remote_address, family),
                                      sock.remote_address),
            "remote_service": shown_name(names.service(sock.remote_port, table),
                                         str(sock.remote_port)),
            "state": sock.state, "uid": sock.uid,
            "user": shown_name(names.user(sock.uid), str(sock.uid)), "inode": sock.inode,
            "timer": {"name": name, "seconds": float(seconds),
                      "retransmits": sock.timer.retransmits, "timeouts": sock.timer.timeouts},
            "owner": to_json_value(sock.owner),
        }


class BatchLines:
    """netstat's lines for one table read through sock_diag, batch by batch.

    The same columns and rules as internet_lines, built column by column:
    each column goes through a cache of its texts (a text per distinct
    value) with C-level map and zip, and a batch's lines are one join of
    the pieces, so the Python work per socket is a few lookups, not a
    formatted line.  A table of 48,000 sockets costs netstat about 80 ms to
    parse and print; a record and a `%` per socket cost more than that.
    `state_texts` is a 256-tuple of the texts of the state byte;
    `zero_send_queue` the states whose send-queue field is not the queue
    (LISTEN's carries the backlog) and show 0.
    """

    def __init__(self, protocol, family, names, layout, state_texts, zero_send_queue=()):
        self.names = names
        self.layout = layout
        self.family = family
        self.table = _TABLES[protocol]
        self.send_queue_factor = tuple(0 if state in zero_send_queue else 1
                                       for state in range(256))
        self.states = tuple(" %-11s" % text for text in state_texts)
        self.receive_queues = _Texts(("%-5s %%6d " % protocol).__mod__)
        self.send_queues = _Texts("%6d ".__mod__)
        self.hosts = _Texts(lambda raw: names.host(self.address_text(raw), family) + ":")
        self.services = names.service_texts(self.table)  # the others: str(port)
        self.longest_service = max(map(len, self.services.values()), default=0)
        self.users = _Texts(lambda uid: " %-10s" % names.user(uid))
        self.inodes = _Texts(" %-10d".__mod__)
        self.owners = _Texts(lambda owner: " %-20s" % owner_text(owner))
        self.address_text = None

    def text(self, batch, address_text, by_inode=None):
        """The lines of `batch` (a sockdiag.Batch), each ending in a newline;
        `address_text(raw)` is the numeric text of a raw address; `by_inode`
        the {inode: SocketOwner} of -p."""
        self.address_text = address_text
        send_queues = map(operator.mul, batch.send_queue,
                          map(self.send_queue_factor.__getitem__, batch.state))
        columns = [map(self.receive_queues.__getitem__, batch.recv_queue),
                   map(self.send_queues.__getitem__, send_queues),
                   self._endpoints(batch.local_address, batch.local_port),
                   itertools.repeat(" "),
                   self._endpoints(batch.remote_address, batch.remote_port),
                   map(self.states.__getitem__, batch.state)]
        if self.layout.extend:
            columns += [map(self.users.__getitem__, batch.uid),
                        map(self.inodes.__getitem__, batch.inode)]
        if self.layout.programs:
            columns.append(map(self.owners.__getitem__, map((by_inode or {}).get, batch.inode)))
        columns.append(itertools.repeat("\n", batch.size))
        return "".join(itertools.chain.from_iterable(zip(*columns)))

    def _endpoints(self, addresses, ports):
        """`host:service` texts, padded to netstat's 23 (cut to fit unless -W)."""
        hosts = list(map(self.hosts.__getitem__, addresses))  # each with its colon
        services = list(map(self.services.get, ports, map(str, ports)))
        if self.layout.wide or self._fit(hosts, services):
            joined = map(operator.add, hosts, services)
        else:
            joined = map(_cut_endpoint, hosts, services)
        return map(str.ljust, joined, itertools.repeat(ADDRESS_WIDTH + 1))


    def _fit(self, hosts, services):
        """Whether every endpoint fits uncut: the lengths of a column are read
        only when the longest texts it could hold would not fit."""
        host = self.hosts.longest
        if host + max(self.longest_service, 5) <= ADDRESS_WIDTH + 1:
            return True
        return max(map(len, hosts), default=0) + max(map(len, services), default=0) \
            <= ADDRESS_WIDTH + 1


def _cut_endpoint(host_and_colon, service):
    return endpoint(host_and_colon[:-1], service, False)


class _Texts(dict):
    """{value: text}: `make(value)` makes the text of a value the first time a
    column brings it; `longest` is the longest text made so far."""

    def __init__(self, make):
        super().__init__()
        self.make = make
        self.longest = 0

    def __missing__(self, value):
        text = self[value] = self.make(value)
        self.longest = max(self.longest, len(text))
        return text
