"""Live mode's words that need no capture: statistics and -D lines."""

from pynettools.capture.devices import CONNECTED, NOT_APPLICABLE, RUNNING, UP, Device
from pynettools.cli.tcpdump import live
from pynettools.cli.tcpdump.status import failure
from pynettools.errors import CaptureDeviceError


def test_statistics_are_singular_for_one():
    assert live.statistics_lines(1, 1, 0) == (
        "1 packet captured\n1 packet received by filter\n0 packets dropped by kernel\n")
    assert live.statistics_lines(0, 12, 3) == (
        "0 packets captured\n12 packets received by filter\n3 packets dropped by kernel\n")
    assert live.statistics_lines(2, 2, 0, 1).endswith(
        "0 packets dropped by kernel\n1 packet dropped by interface\n")


def test_device_lines():
    assert live.device_lines([
        Device("a0", None, UP | RUNNING | CONNECTED),
        Device("any", "Pseudo-device that captures on all interfaces",
               UP | RUNNING | NOT_APPLICABLE),
        Device("x", None, 0)]) == [
        "1.a0 [Up, Running, Connected]\n",
        "2.any (Pseudo-device that captures on all interfaces) [Up, Running]\n", "3.x\n"]


def test_device_errors_in_libpcaps_words():
    words = {problem: failure(CaptureDeviceError("a0", problem, 1)) for problem in
             ("missing", "down", "permission", "pseudo")}
    assert {result.status for result in words.values()} == {1}
    assert words["missing"].stderr == \
        "pytcpdump: a0: No such device exists\n(No such device exists)\n"
    assert words["down"].stderr == "pytcpdump: a0: That device is not up\n"
    assert words["permission"].stderr == (
        "pytcpdump: a0: You don't have permission to perform this capture on that device\n"
        "(socket: Operation not permitted)\n")
