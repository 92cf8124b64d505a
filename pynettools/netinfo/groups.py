"""Multicast group memberships: /proc/net/igmp and /proc/net/igmp6."""

import _socket as socket  # the C module: `socket` costs ~4 ms of enum set-up
import struct

from pynettools import procfs
from pynettools.netinfo.records import GroupMembership

IGMP = "igmp"  # names in /proc/net
IGMP6 = "igmp6"


def read_ipv4_groups():
    """Groups joined per interface, in kernel order; [] when the file is absent.

    A device line (`1  lo  :  1  V3`) names the interface of the indented
    group lines under it (`010000E0  1 0:00000000  0`).
    """
    memberships = []
    interface = None
    for line in _lines(IGMP)[1:]:
        fields = line.split()
        if not line.startswith("\t") and len(fields) >= 2:
            interface = fields[1].rstrip(":")
        elif len(fields) >= 2 and interface is not None:
            try:
                group = socket.inet_ntoa(struct.pack("<I", int(fields[0], 16) & 0xFFFFFFFF))
                memberships.append(GroupMembership("inet", interface, int(fields[1]), group))
            except ValueError:  # not the kernel's format: skipped, never a traceback
                continue
    return memberships


def read_ipv6_groups():
    """`index device address users flags timer` lines, in kernel order."""
    memberships = []
    for line in _lines(IGMP6):
        fields = line.split()
        if len(fields) >= 4:
            try:
                group = socket.inet_ntop(socket.AF_INET6, bytes.fromhex(fields[2]))
                memberships.append(GroupMembership("inet6", fields[1], int(fields[3]), group))
            except ValueError:  # not the kernel's format: skipped
                continue
    return memberships


def _lines(name):
    try:
        with open(procfs.net(name), "rb") as table_file:
            return table_file.read().decode("ascii", "surrogateescape").splitlines()
    except OSError:
        return []
