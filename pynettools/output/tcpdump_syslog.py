"""Syslog over UDP port 514 as tcpdump prints it (syslog_print): the facility
and severity of the "<PRI>" prefix; at -v the message, at -vv its hex."""

from pynettools.output.tcpdump_common import Truncated, need, unknown_data
from pynettools.output.tcpdump_dns_names import printable

FACILITIES = ("kernel", "user", "mail", "daemon", "auth", "syslog", "lpr", "news", "uucp",
              "cron", "authpriv", "ftp", "ntp", "security", "console", "cron", "local0",
              "local1", "local2", "local3", "local4", "local5", "local6", "local7")
SEVERITIES = ("emergency", "alert", "critical", "error", "warning", "notice", "info", "debug")
MAX_DIGITS = 3  # of the priority


def print_syslog(p, data, start, length):
    p.protocol = "syslog"
    out = p.out
    at = _after_priority(p, data, start)
    if at is None:
        out.append(" (invalid)")
        return
    priority = int(data[start + 1:at - 1] or b"0")
    facility, severity = (priority & 0x03F8) >> 3, priority & 0x07
    facility_name = FACILITIES[facility] if facility < len(FACILITIES) else \
        "unknown (%u)" % facility
    if not p.verbose:
        out.append("SYSLOG %s.%s, length: %u" % (facility_name, SEVERITIES[severity], length))
        return
    out.append("SYSLOG, length: %u\n\tFacility %s (%u), Severity %s (%u)\n\tMsg: " % (
        length, facility_name, facility, SEVERITIES[severity], severity))
    end = start + length
    if at > end:  # tcpdump's unsigned count runs on to the end of the capture
        out.append(printable(data[at:p.end]))
        raise Truncated()
    out.append(printable(data[at:min(end, p.end)]))
    need(p, at, end - at)
    if p.verbose > 1:
        out.append(unknown_data(p, data, start, length, "\n\t"))


def _after_priority(p, data, start):
    """Where the message starts after "<PRI>", or None when there is no such prefix."""
    need(p, start, 1)
    if data[start] != 0x3C:  # <
        return None
    at = start + 1
    while at - start <= MAX_DIGITS:
        need(p, at, 1)
        if not 0x30 <= data[at] <= 0x39:
            break
        at += 1
    need(p, at, 1)
    return at + 1 if data[at] == 0x3E else None  # >
