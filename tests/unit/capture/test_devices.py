"""tcpdump -D's order and flag words, from libpcap's figure of merit."""

from pynettools.capture import devices
from pynettools.capture.devices import (CONNECTED, DISCONNECTED, LOOPBACK, NOT_APPLICABLE,
                                        RUNNING, UP, WIRELESS, Device)


def _ordered(found):
    listing = []
    for device in found:
        devices._insert(listing, device)
    return [device.name for device in listing]


def test_the_order_of_a_namespace_listing():
    """As tcpdump -D lists a namespace with lo, two veths up and one down (tested
    against tcpdump in tests/lab/test_pytcpdump_live.py)."""
    found = [Device("lo", None, UP | RUNNING | LOOPBACK | NOT_APPLICABLE),
             Device("a12", None, DISCONNECTED),
             Device("b12", None, UP | DISCONNECTED),
             Device("a0", None, UP | RUNNING | CONNECTED),
             Device("b0", None, UP | RUNNING | CONNECTED)]
    found += [Device(*pseudo) for pseudo in devices.PSEUDO]
    assert _ordered(found) == ["a0", "b0", "any", "lo", "b12", "bluetooth-monitor", "nflog",
                               "nfqueue", "dbus-system", "dbus-session", "a12"]


def test_instance_numbers_sort_within_a_rank():
    found = [Device("eth10", None, UP | RUNNING | CONNECTED),
             Device("eth2", None, UP | RUNNING | CONNECTED)]
    assert _ordered(found) == ["eth2", "eth10"]


def test_flag_words():
    assert devices.describe_flags(UP | RUNNING | CONNECTED) == "Up, Running, Connected"
    assert devices.describe_flags(UP | RUNNING | LOOPBACK | NOT_APPLICABLE) == \
        "Up, Running, Loopback"
    assert devices.describe_flags(DISCONNECTED) == "none, Disconnected"
    assert devices.describe_flags(NOT_APPLICABLE) == "none"
    assert devices.describe_flags(UP) == "Up, Connection status unknown"
    assert devices.describe_flags(WIRELESS | NOT_APPLICABLE) == "Wireless"
    assert devices.describe_flags(UP | WIRELESS | CONNECTED) == "Up, Wireless, Associated"
