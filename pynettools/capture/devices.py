"""The capture devices as libpcap 1.10's pcap_findalldevs lists them on Linux
(tcpdump -D), and the default device it picks (the first of the list).

Interfaces come in index order (as getifaddrs gives them), then "any" and
the pseudo-devices; each is inserted after every device with a figure of
merit no worse than its own, so that the list is sorted by it: running
before not running, up before down, connected before disconnected,
non-loopback before loopback, then by the number that ends the name.
"""

import ctypes
import fcntl
import socket
import struct

UP, RUNNING, LOOPBACK, WIRELESS = 0x2, 0x4, 0x1, 0x8
# Connection status (PCAP_IF_CONNECTION_STATUS): unknown, connected, disconnected, n/a.
STATUS_MASK, CONNECTED, DISCONNECTED, NOT_APPLICABLE = 0x30, 0x10, 0x20, 0x30
_IFF_UP, _IFF_LOOPBACK, _IFF_RUNNING = 0x1, 0x8, 0x40
SIOCGIFFLAGS, SIOCETHTOOL, SIOCGIWNAME = 0x8913, 0x8946, 0x8B01
ETHTOOL_GLINK = 0x0000000A
# "any" sorts after the other running interfaces but before loopback ones.
_ANY_MERIT = 0x0FFFFFFF
# The pseudo-devices libpcap adds on Linux, with their descriptions and flags.
PSEUDO = (
    ("any", "Pseudo-device that captures on all interfaces", UP | RUNNING | NOT_APPLICABLE),
    ("bluetooth-monitor", "Bluetooth Linux Monitor", WIRELESS | NOT_APPLICABLE),
    ("nflog", "Linux netfilter log (NFLOG) interface", NOT_APPLICABLE),
    ("nfqueue", "Linux netfilter queue (NFQUEUE) interface", NOT_APPLICABLE),
    ("dbus-system", "D-Bus system bus", NOT_APPLICABLE),
    ("dbus-session", "D-Bus session bus", NOT_APPLICABLE),
)


class Device:
    """`name`, `description` (None for interfaces) and libpcap's PCAP_IF_ `flags`."""

    __slots__ = ("name", "description", "flags")

    def __init__(self, name, description, flags):
        self.name = name
        self.description = description
        self.flags = flags

    def __repr__(self):
        return "Device(%r, %r, %#x)" % (self.name, self.description, self.flags)


def find_all():
    """Every device, in pcap_findalldevs order."""
    found = []
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
        for _index, name in sorted(socket.if_nameindex()):
            _insert(found, Device(name, None, _interface_flags(sock, name)))
    for name, description, flags in PSEUDO:
        _insert(found, Device(name, description, flags))
    return found


def default_device():
    """The device tcpdump captures on without -i: the first libpcap lists."""
    return find_all()[0].name


def by_number(number):
    """The device `tcpdump -i N` names: the Nth of the list (None if there is none)."""
    devices = find_all()
    return devices[number - 1].name if 0 < number <= len(devices) else None


def _insert(devices, device):
    merit = figure_of_merit(device)
    position = len(devices)
    for index, other in enumerate(devices):
        if figure_of_merit(other) > merit:
            position = index
            break
    devices.insert(position, device)


def figure_of_merit(device):
    """libpcap's sort key: lower is listed first."""
    if device.name == "any":
        merit = _ANY_MERIT
    else:
        digits = len(device.name) - len(device.name.rstrip("0123456789"))
        merit = int(device.name[-digits:]) if digits else 0
    if not device.flags & RUNNING:
        merit |= 0x80000000
    if not device.flags & UP:
        merit |= 0x40000000
    if not device.flags & WIRELESS and device.flags & STATUS_MASK == DISCONNECTED:
        merit |= 0x20000000
    if device.flags & LOOPBACK:
        merit |= 0x10000000
    return merit


def _interface_flags(sock, name):
    request = struct.pack("16sH14x", name.encode()[:15], 0)
    try:
        kernel_flags = struct.unpack_from("=H", fcntl.ioctl(sock.fileno(), SIOCGIFFLAGS,
                                                            request), 16)[0]
    except OSError:
        return 0
    flags = (UP if kernel_flags & _IFF_UP else 0) | \
        (RUNNING if kernel_flags & _IFF_RUNNING else 0)
    if kernel_flags & _IFF_LOOPBACK:
        return flags | LOOPBACK | NOT_APPLICABLE
    if _wireless(sock, name):
        return flags | WIRELESS
    return flags | _connection(sock, name)


def _wireless(sock, name):
    try:
        fcntl.ioctl(sock.fileno(), SIOCGIWNAME, struct.pack("16s16x", name.encode()[:15]))
    except OSError:
        return False
    return True


def _connection(sock, name):
    """CONNECTED or DISCONNECTED from the driver's link state (ETHTOOL_GLINK),
    0 (unknown) when the driver does not say."""
    value = ctypes.create_string_buffer(struct.pack("=II", ETHTOOL_GLINK, 0), 8)
    request = struct.pack("16sP8x", name.encode()[:15], ctypes.addressof(value))
    try:
        fcntl.ioctl(sock.fileno(), SIOCETHTOOL, request)
    except OSError:
        return 0
    return CONNECTED if struct.unpack("=II", value.raw)[1] else DISCONNECTED


def describe_flags(flags):
    """tcpdump -D's bracketed words for `flags` ("Up, Running, Loopback")."""
    words = [word for bit, word in ((UP, "Up"), (RUNNING, "Running"), (LOOPBACK, "Loopback"),
                                    (WIRELESS, "Wireless")) if flags & bit] or ["none"]
    status = flags & STATUS_MASK
    if flags & WIRELESS:
        extra = {0: "Association status unknown", CONNECTED: "Associated",
                 DISCONNECTED: "Not associated"}.get(status)
    else:
        extra = {0: "Connection status unknown", CONNECTED: "Connected",
                 DISCONNECTED: "Disconnected"}.get(status)
    return ", ".join(words + ([extra] if extra else []))
