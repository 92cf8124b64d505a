"""Network interfaces: /proc/net/dev, /proc/net/if_inet6 and the SIOCGIF* ioctls.

netstat -i lists the interfaces of /proc/net/dev plus the address labels
(eth0:1) that SIOCGIFCONF reports, sorted as net-tools sorts names (a
trailing number compares as a number), and asks the kernel for each one's
flags, MTU, hardware address, queue length and IPv4 address by ioctl, as
netstat does: /proc has no flags or MTU, and psutil reports neither the
hardware type nor the queue length.
"""

import array
import fcntl
import functools
import socket
import struct

# Not `from pynettools import procfs`: the package's packets() reaches the live
# capture, which reads the interface drops here (an import cycle otherwise).
import pynettools.procfs as procfs
from pynettools.netinfo.records import (
    Hardware, Interface, InterfaceCounters, InterfaceInet, InterfaceInet6, InterfaceMap)

DEV = "dev"  # names in /proc/net
IF_INET6 = "if_inet6"
SIOCGIFCONF = 0x8912
SIOCGIFFLAGS = 0x8913
SIOCGIFADDR = 0x8915
SIOCGIFDSTADDR = 0x8917
SIOCGIFBRDADDR = 0x8919
SIOCGIFNETMASK = 0x891B
SIOCGIFMTU = 0x8921
SIOCGIFHWADDR = 0x8927
SIOCGIFTXQLEN = 0x8942
SIOCGIFMAP = 0x8970
IFREQ_SIZE = 40
IFF_UP = 0x1


def interface_names():
    """({name: InterfaceCounters} from /proc/net/dev, names in netstat's order).

    Without /proc/net/dev the names are those SIOCGIFCONF knows, and no
    counters: the caller warns, as netstat does.
    """
    try:
        counters = read_counters()
    except OSError:
        counters = {}
    names = set(counters)
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        names.update(_configured_names(probe))
    return counters, sorted(names, key=functools.cmp_to_key(compare_names))


def read_interfaces(include_down):
    """(interface records, error): down ones only if `include_down`.

    Like netstat, the walk stops at the first interface whose flags cannot
    be read (it vanished, or /proc/net/dev names one that does not exist);
    `error` is then (name, OSError), else None.
    """
    counters, names = interface_names()
    inet6 = read_inet6()
    found = []
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        for name in names:
            try:
                flags = struct.unpack_from("H", _ifreq(probe, SIOCGIFFLAGS, name), 16)[0]
            except OSError as error:
                return found, (name, error)
            if include_down or flags & IFF_UP:
                found.append(_interface(probe, name, flags, counters.get(name),
                                        inet6.get(name, ())))
    return found, None


def read_counters():
    """{name: InterfaceCounters}, from the `name: 16 numbers` lines."""
    counters = {}
    with open(procfs.net(DEV), "rb") as dev_file:
        lines = dev_file.read().decode("ascii", "surrogateescape").splitlines()
    for line in lines[2:]:
        name, colon, numbers = line.partition(":")
        fields = numbers.split()
        if colon and len(fields) >= 16 and all(field.isdigit() for field in fields[:16]):
            counters[name.strip()] = InterfaceCounters(*(int(field) for field in fields[:16]))
    return counters


def read_inet6():
    """{interface: (InterfaceInet6, ...)} in file order; {} without IPv6."""
    addresses = {}
    try:
        with open(procfs.net(IF_INET6), "rb") as inet6_file:
            lines = inet6_file.read().decode("ascii", "surrogateescape").splitlines()
    except OSError:
        return addresses
    for line in lines:
        fields = line.split()
        if len(fields) >= 6:
            try:
                found = InterfaceInet6(socket.inet_ntop(socket.AF_INET6, bytes.fromhex(fields[0])),
                                       int(fields[2], 16), int(fields[3], 16))
            except ValueError:  # not the kernel's format: skipped
                continue
            addresses.setdefault(fields[5], []).append(found)
    return {name: tuple(found) for name, found in addresses.items()}


def compare_names(first, second):
    """net-tools' nstrcmp: `eth2` before `eth10`, otherwise byte order."""
    first_stem, first_number = _split_number(first)
    second_stem, second_number = _split_number(second)
    if first_stem == second_stem and first_number and second_number:
        difference = int(first_number) - int(second_number)
        if difference:
            return difference
    return (first > second) - (first < second)


def _split_number(name):
    base = name.split(":", 1)[0]
    stem = base.rstrip("0123456789")
    return stem + name[len(base):], base[len(stem):]


def _interface(probe, name, flags, counters, inet6):
    hardware = _ifreq(probe, SIOCGIFHWADDR, name, default=None)
    hardware = (Hardware(*struct.unpack_from("H", hardware, 16),
                         ":".join("%02x" % byte for byte in hardware[18:34]))
                if hardware else Hardware(None, ""))
    mtu = struct.unpack_from("i", _ifreq(probe, SIOCGIFMTU, name, default=bytes(24)), 16)[0]
    queue = _ifreq(probe, SIOCGIFTXQLEN, name, default=None)
    queue = struct.unpack_from("i", queue, 16)[0] if queue else None
    device_map = _ifreq(probe, SIOCGIFMAP, name, default=None)
    device_map = InterfaceMap(*struct.unpack_from("LLHBBB", device_map, 16)) if device_map else None
    return Interface(name, flags, mtu, counters, _inet(probe, name, flags), inet6, hardware,
                     queue, device_map)


def _inet(probe, name, flags):
    """The label's primary IPv4 address, or None when it has none."""
    address = _ipv4(probe, SIOCGIFADDR, name)
    if address is None:
        return None
    return InterfaceInet(address, _ipv4(probe, SIOCGIFNETMASK, name),
                         _ipv4(probe, SIOCGIFBRDADDR, name) if flags & 0x2 else None,
                         _ipv4(probe, SIOCGIFDSTADDR, name) if flags & 0x10 else None)


def _ipv4(probe, request, name):
    answer = _ifreq(probe, request, name, default=None)
    return socket.inet_ntoa(answer[20:24]) if answer else None


def _ifreq(probe, request, name, default=b"raise"):
    """The 40-byte ifreq the kernel fills for `request` on `name`."""
    try:
        return fcntl.ioctl(probe, request, struct.pack("16s24x", name.encode(
            "utf-8", "surrogateescape")))
    except OSError:
        if default == b"raise":
            raise
        return default


def _configured_names(probe):
    """The labels that have an IPv4 address (SIOCGIFCONF), e.g. eth0 and eth0:1."""
    return [name for name, _ in configured_addresses(probe)]


def configured_addresses(probe):
    """[(label, packed IPv4 address)] of every configured address (SIOCGIFCONF),
    on a socket `probe`; each entry is an ifreq: the label, then a sockaddr_in."""
    count = 32
    while True:
        buffer = array.array("B", bytes(IFREQ_SIZE * count))
        address, _ = buffer.buffer_info()
        request = struct.pack("iP", len(buffer), address)
        length = struct.unpack_from("i", fcntl.ioctl(probe, SIOCGIFCONF, request))[0]
        if length < len(buffer):
            break
        count *= 2
    data = buffer.tobytes()
    return [(data[offset:offset + 16].split(b"\0", 1)[0].decode("utf-8", "surrogateescape"),
             data[offset + 20:offset + 24]) for offset in range(0, length, IFREQ_SIZE)]
