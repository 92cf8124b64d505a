"""Text protocols over TCP as tcpdump prints them (txtproto_print): the
protocol's name in capitals and the payload's first line ("HTTP: GET /
HTTP/1.1"), every line at -v.  HTTP and RTSP payloads are only shown when
they start with a request name or carry a response code as second word.
SSH shows its version line (ssh_print)."""

import re

from pynettools.output.tcpdump_common import Truncated

HTTP_COMMANDS = frozenset((
    "GET", "PUT", "COPY", "HEAD", "LOCK", "MOVE", "POLL", "POST", "BCOPY", "BMOVE", "MKCOL",
    "TRACE", "LABEL", "MERGE", "DELETE", "SEARCH", "UNLOCK", "REPORT", "UPDATE", "NOTIFY",
    "BDELETE", "CONNECT", "OPTIONS", "CHECKIN", "PROPFIND", "CHECKOUT", "CCM_POST",
    "SUBSCRIBE", "PROPPATCH", "BPROPFIND", "BPROPPATCH", "UNCHECKOUT", "MKACTIVITY",
    "MKWORKSPACE", "UNSUBSCRIBE", "RPC_CONNECT", "VERSION-CONTROL", "BASELINE-CONTROL"))
RTSP_COMMANDS = frozenset((
    "DESCRIBE", "ANNOUNCE", "GET_PARAMETER", "OPTIONS", "PAUSE", "PLAY", "RECORD", "REDIRECT",
    "SETUP", "SET_PARAMETER", "TEARDOWN"))
MAX_TOKEN = 127  # fetch_token's buffer, less its terminating NUL
_LINE = re.compile(rb"[\t\x20-\x7e]*")
_TOKEN = re.compile(rb"[\x21-\x7e]*")
_BLANKS = re.compile(rb" *")  # a tab is not printable: it ends the skip


def print_text(p, data, start, length, name, commands=None):
    """`name` is tcpdump's protocol name ("http"); `commands` the request
    names that mark a request (None: every payload is shown)."""
    out = p.out
    p.protocol = name
    out.append(": ")
    shown = commands is None or _is_request_or_response(p, data, start, length, commands)
    out.append(name.upper())
    if not shown:
        return
    if p.verbose:
        out.append(", length: %u" % length)
        at = 0
        while at < length:
            at = _print_line(p, data, start, at, length, "\n\t")
            if not at:
                break
    else:
        _print_line(p, data, start, 0, length, ": ")


def _is_request_or_response(p, data, start, length, commands):
    at, token = _fetch_token(p, data, start, 0, length)
    if not at:
        return False
    known = token.upper() in commands
    at, token = _fetch_token(p, data, start, at, length)  # the response code is second
    if at and len(token) == 3 and token.isdigit():
        return True
    return known


def _fetch_token(p, data, start, at, length):
    """fetch_token: (the index after the word and its blanks, the word), or (0, None)."""
    end = min(start + length, p.end)
    first = start + at
    last = _TOKEN.match(data, first, end).end()
    if last == end and end < start + length:
        return 0, None  # the word runs past the captured bytes
    if last < end and data[last] not in b" \t\r\n":
        return 0, None  # a control or non-ASCII byte within the word
    if last == first or last - first > MAX_TOKEN:
        return 0, None
    after = _BLANKS.match(data, last, end).end()
    return after - start, data[first:last].decode("ascii")


def _print_line(p, data, start, at, length, prefix):
    """print_txt_line: the line from `at` without its LF or CR-LF; the index
    after its end, or 0 when the text stops (binary data, no line end)."""
    end = min(start + length, p.end)
    first = start + at
    stop = _LINE.match(data, first, end).end()
    if stop == end:
        if end < start + length:
            raise Truncated()  # the text goes on past the captured bytes
        p.out.append(prefix + data[first:stop].decode("ascii"))
        p.out.append(" [|%s]" % p.protocol)
        return 0
    byte = data[stop]
    if byte == 0x0A:
        after = stop + 1
    elif byte == 0x0D:
        if stop + 1 >= start + length:
            return 0
        if stop + 1 >= p.end:
            raise Truncated()
        if data[stop + 1] != 0x0A:
            return 0
        after = stop + 2
    else:
        return 0
    p.out.append(prefix + data[first:stop].decode("ascii"))
    return after - start


SSH_PREFIX = b"SSH-"
_PRINTABLE = re.compile(rb"[\x20-\x7e]*")


def print_ssh(p, data, start, length):
    """The identification line "SSH-2.0-..." when the payload starts with one
    of printable bytes ended by LF or CR LF; nothing for anything else."""
    p.protocol = "ssh"
    for at, byte in enumerate(SSH_PREFIX):
        if start + at >= p.end:
            raise Truncated()
        if data[start + at] != byte:
            return
    end = min(start + length, p.end)
    stop = _PRINTABLE.match(data, start + len(SSH_PREFIX), end).end()
    if stop == start + length:
        return  # no line end within the segment
    if stop == end:
        raise Truncated()
    if data[stop] == 0x0D:
        if stop + 1 == start + length:
            return
        if stop + 1 == p.end:
            raise Truncated()
        if data[stop + 1] != 0x0A:
            return
    elif data[stop] != 0x0A:
        return
    p.out.append(": SSH: " + data[start:stop].decode("ascii"))


def _text(name, commands=None):
    def print_named_text(p, data, start, length):
        print_text(p, data, start, length, name, commands)
    return print_named_text


# tcp_print's order of ports: the first that matches picks the printer; None
# where tcpdump's printer is not built here (the segment ends at its length)
PORT_PRINTERS = (
    ((23,), None), ((25,), _text("smtp")), ((43,), _text("whois")), ((179,), None),
    ((1723,), None), ((6379,), None), ((22,), print_ssh), ((10288,), None),
    ((6633, 6653), None), ((21,), _text("ftp")), ((80, 8080), _text("http", HTTP_COMMANDS)),
    ((554, 8554), _text("rtsp", RTSP_COMMANDS)))
PORTS = frozenset(port for ports, _ in PORT_PRINTERS for port in ports)


def print_application(p, data, start, length, sport, dport):
    """The payload of a segment to or from one of `PORTS`."""
    for ports, printer in PORT_PRINTERS:
        if sport in ports or dport in ports:
            if printer is not None:
                printer(p, data, start, length)
            return
