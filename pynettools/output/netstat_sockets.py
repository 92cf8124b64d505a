"""netstat's socket tables as text (titles, headers and lines, column for column) and JSON.

Widths follow net-tools 2.10: `Proto` 5, queues 6, addresses 23 (longer
ones push the line out), state 11; `-e` adds user and inode, `-p`
PID/Program name in 20, `-o` the timer.  Headers keep netstat's trailing
blanks.  Without -W an address and its port are cut to 22 characters
together, keeping at most 18 of the port's name.
"""

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
        table = PORT_TABLES[protocol]
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
PORT_TABLES = {"tcp": "tcp", "tcp6": "tcp", "udp": "udp", "udp6": "udp", "udpl": "udp",
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
        table, family = PORT_TABLES[sock.protocol], sock.family
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
