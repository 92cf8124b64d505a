"""Interfaces from psutil, for systems without Linux's /proc/net and ioctls.

The records are those of `interfaces`, with what psutil cannot tell left
empty: per-interface FIFO, frame and carrier counters are 0, the queue
length and device map None, and the hardware type guessed from the address
(loopback or Ethernet).  Flags use Linux's IFF_* values, so that the
formatters print the same letters everywhere.
"""

import functools
import socket

from pynettools.netinfo.interfaces import compare_names
from pynettools.netinfo.records import (
    Hardware, Interface, InterfaceCounters, InterfaceInet, InterfaceInet6)

IFF_BITS = {"up": 0x1, "broadcast": 0x2, "debug": 0x4, "loopback": 0x8, "pointopoint": 0x10,
            "notrailers": 0x20, "running": 0x40, "noarp": 0x80, "promisc": 0x100,
            "allmulti": 0x200, "master": 0x400, "slave": 0x800, "multicast": 0x1000,
            "dynamic": 0x8000}
ARPHRD_ETHER, ARPHRD_LOOPBACK = 1, 772
LINK_FAMILIES = {getattr(socket, name, None) for name in ("AF_PACKET", "AF_LINK")} - {None}


def read_interfaces(include_down):
    """Interface records, as `interfaces.read_interfaces` returns them."""
    import psutil

    stats = psutil.net_if_stats()
    io = psutil.net_io_counters(pernic=True)
    addresses = psutil.net_if_addrs()
    found = []
    for name in sorted(stats, key=functools.cmp_to_key(compare_names)):
        flags = _flags(stats[name])
        if include_down or flags & IFF_BITS["up"]:
            found.append(_interface(name, flags, stats[name].mtu, io.get(name),
                                    addresses.get(name, ())))
    return found, None


def _flags(stat):
    names = getattr(stat, "flags", "")  # psutil >= 5.9.3
    flags = sum(IFF_BITS.get(name, 0) for name in names.split(",") if name)
    return flags | (IFF_BITS["up"] if stat.isup else 0)


def _interface(name, flags, mtu, io, addresses):
    inet = next((InterfaceInet(item.address, item.netmask,
                               item.broadcast if flags & IFF_BITS["broadcast"] else None,
                               item.ptp if flags & IFF_BITS["pointopoint"] else None)
                 for item in addresses if item.family == socket.AF_INET), None)
    inet6 = tuple(InterfaceInet6(item.address.split("%")[0], _prefix_length(item.netmask),
                                 _scope(item.address))
                  for item in addresses if item.family == socket.AF_INET6)
    link = next((item.address for item in addresses if item.family in LINK_FAMILIES), "")
    kind = ARPHRD_LOOPBACK if flags & IFF_BITS["loopback"] else ARPHRD_ETHER
    octets = (link.replace("-", ":").lower().split(":") + ["00"] * 16)[:16] if link else []
    return Interface(name, flags, mtu, _counters(io), inet, inet6,
                     Hardware(kind if link else None, ":".join(octets)), None, None)


def _counters(io):
    if io is None:
        return None
    return InterfaceCounters(
        io.bytes_recv, io.packets_recv, io.errin, io.dropin, 0, 0, 0, 0,
        io.bytes_sent, io.packets_sent, io.errout, io.dropout, 0, 0, 0, 0)


def _prefix_length(netmask):
    if not netmask:
        return 128
    return sum(bin(byte).count("1") for byte in socket.inet_pton(socket.AF_INET6, netmask))


def _scope(address):
    """The kernel's scope value: 0x10 host, 0x20 link, 0 global."""
    if address == "::1":
        return 0x10
    return 0x20 if address.lower().startswith("fe80") else 0
