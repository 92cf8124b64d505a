"""pynetstat and netstat over crafted /proc/net tables: odd states, bogus lines.

A tmpfs over /proc in a private mount namespace (`run_over_proc_net`) makes
both commands read the same hand-written tables: states, timers and flags a
test namespace cannot produce, malformed lines, missing tables.
"""

import pytest

from tests.commands import command_path, needs_root
from tests.lab.mountns import run_over_proc_net
from tests.lab.netstat_lab import as_pynetstat

pytestmark = needs_root

INTERNET_HEADER = ("  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt"
                   "   uid  timeout inode\n")
UNIX_HEADER = "Num       RefCount Protocol Flags    Type St Inode Path\n"


def line(number, local, remote, state, queues=(0, 0), timer=(0, 0), retransmits=0, uid=0,
         timeout=0, inode=1000):
    """A /proc/net/{tcp,udp,raw}[6] line as the kernel writes it."""
    return "%4d: %s %s %02X %08X:%08X %02X:%08X %08X %5d %8d %d 1 0000000000000000 20 4 30 10 -1\n" % (
        number, local, remote, state, queues[0], queues[1], timer[0], timer[1], retransmits, uid,
        timeout, inode)


ANY4, LOOP4, OTHER4 = "00000000", "0100007F", "010200C0"  # 0.0.0.0, 127.0.0.1, 192.0.2.1
ANY6 = "0" * 32
MAPPED = "0000000000000000FFFF00000100007F"  # ::ffff:127.0.0.1
LONG6 = "B80D0120020001000400030006000500"  # 2001:db8:1:2:3:4:5:6
TCP = INTERNET_HEADER + "".join([
    line(0, ANY4 + ":0016", ANY4 + ":0000", 0x0A),
    line(1, LOOP4 + ":0050", LOOP4 + ":D431", 0x01, queues=(0xFFFFFFFF, 12), timer=(1, 20),
         retransmits=3, uid=65534, inode=2001),
    line(2, LOOP4 + ":D431", LOOP4 + ":0050", 0x07, timer=(2, 720000), uid=4242, inode=2002),
    line(3, OTHER4 + ":9C41", OTHER4 + ":0016", 0x0B, timer=(5, 7), timeout=2, inode=2003),
    line(4, OTHER4 + ":9C42", OTHER4 + ":0017", 0x03, timer=(4, 150), inode=2004),
    "garbage in the middle\n",
    "\n",
    line(5, OTHER4 + ":9C43", OTHER4 + ":0018", 0x09, inode=2005),
    line(6, OTHER4 + ":9C44", OTHER4 + ":0019", 0x04, inode=2006),
])
TCP6 = INTERNET_HEADER + "".join([
    line(0, ANY6 + ":1F90", ANY6 + ":0000", 0x0A, inode=3001),
    line(1, MAPPED + ":1F90", MAPPED + ":C350", 0x01, inode=3002),
    line(2, LONG6 + ":9C41", LONG6 + ":0016", 0x08, queues=(5, 7), inode=3003),
])
UDP = INTERNET_HEADER + "".join([
    line(0, ANY4 + ":0035", ANY4 + ":0000", 0x07, inode=4001),
    line(1, LOOP4 + ":9C41", LOOP4 + ":0035", 0x01, timer=(2, 300), retransmits=9, inode=4002),
    line(2, LOOP4 + ":9C42", ANY4 + ":0000", 0x02, timer=(1, 5), inode=4003),
    "   3: nonsense\n",
])
RAW = INTERNET_HEADER + "".join([
    line(0, ANY4 + ":0001", ANY4 + ":0000", 0x07, timer=(3, 100), retransmits=2, inode=5001),
    line(1, ANY4 + ":00FF", LOOP4 + ":0000", 0x01, inode=5002),
])
UNIX = UNIX_HEADER + "".join([
    "0000000000000001: 00000002 00000000 00010000 0001 01 6001 /run/listening\n",
    "0000000000000002: 00000003 00000000 00000000 0001 03 6002 /run/with space\n",
    "0000000000000003: 00000002 00000000 00020000 0002 01 6003 @abstract\n",
    "0000000000000004: 00000002 00000001 00040000 0003 02 6004\n",
    "0000000000000005: 00000002 00000000 00060000 0004 04 6005 /run/tab\there\n",
    "0000000000000006: 00000002 00000000 00000000 0009 00 6006\n",
    "0000000000000007: 00000002 00000000 00000000 0005 07 6007 /x\n",
    "unix garbage\n",
])
FULL = {"tcp": TCP, "tcp6": TCP6, "udp": UDP, "udp6": INTERNET_HEADER, "raw": RAW,
        "raw6": INTERNET_HEADER, "udplite": INTERNET_HEADER, "udplite6": INTERNET_HEADER,
        "unix": UNIX}
NO_TCP = {name: text for name, text in FULL.items() if name != "tcp"}
EMPTY = {}
CASES = [(FULL, flags) for flags in (
    "-a", "-an", "-ae", "-aeo", "-anWo", "-l", "", "-tan", "-uao", "-wao", "-xa", "-xl", "-x",
    "-ae --numeric-users", "-6a", "-4ano", "-aW", "-v")] + [
    (NO_TCP, "-t"), (NO_TCP, "-u"), (NO_TCP, ""), (NO_TCP, "-v"), (NO_TCP, "-6t"),
    (EMPTY, ""), (EMPTY, "-v"), (EMPTY, "-x"), (EMPTY, "-tx"), (EMPTY, "-U"), (EMPTY, "-w6")]


@pytest.fixture(scope="module")
def results():
    """{(table set, flags): (netstat's result, pynetstat's)}, all in one mount namespace."""
    runs = []
    for files, flags in CASES:
        runs += [(files, ["netstat", *flags.split()]),
                 (files, [command_path("pynetstat"), *flags.split()])]
    done = run_over_proc_net(runs)
    return {index: (done[2 * index], done[2 * index + 1]) for index in range(len(CASES))}


@pytest.mark.parametrize("index", range(len(CASES)),
                         ids=["%s:%s" % (sorted(files)[:1], flags) for files, flags in CASES])
def test_crafted_tables_as_netstat(results, index):
    (out, err, status), ours = results[index]
    assert ours == (as_pynetstat(out), as_pynetstat(err), status)
