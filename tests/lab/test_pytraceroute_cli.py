"""pytraceroute's command line against traceroute's: messages, exit statuses, help.

These cases fail before any probe is sent, or trace only the loopback.
"""

import pytest

from tests.commands import command_path, needs_root, run_command
from tests.lab.tracecompare import NOBODY, both

ERRORS = [
    "-x 127.0.0.1", "--foo 127.0.0.1", "-nx 127.0.0.1", "-LU 127.0.0.1", "-U -L 127.0.0.1",
    "-m", "-nm2 127.0.0.1", "-m2n 127.0.0.1", "-mn 2 127.0.0.1", "--max-hops 2 127.0.0.1",
    "--max=2 127.0.0.1", "--icmp=1 127.0.0.1", "--help=1", "--max-hops=abc 127.0.0.1",
    "--max-hops= 127.0.0.1", "-m abc 127.0.0.1", "-m 1x 127.0.0.1", "-m 256 127.0.0.1",
    "-m -3 127.0.0.1", "-m 0 127.0.0.1", "-f 0 127.0.0.1", "-f 5 -m 3 127.0.0.1",
    "-f 256 127.0.0.1", "-q 0 127.0.0.1", "-q 11 127.0.0.1", "-q -1 127.0.0.1",
    "-q 20 -f 0 127.0.0.1", "-w abc 127.0.0.1", "-w -1 127.0.0.1", "-w 1,-2 127.0.0.1",
    "-w 1,2,3,4 127.0.0.1", "-w , 127.0.0.1", "-w 1.5,x 127.0.0.1", "-w -1.5e3 127.0.0.1",
    "-w 0.1234567,-1 127.0.0.1", "-z -1 127.0.0.1", "-z abc 127.0.0.1", "-z -0.5 127.0.0.1",
    "-w -1 -z -1 127.0.0.1", "-z -1 -q 20 127.0.0.1", "-p abc 127.0.0.1",
    "-N abc 127.0.0.1", "-t abc 127.0.0.1", "-l abc ::1", "--sport=abc 127.0.0.1",
    "--sport 1000 127.0.0.1", "--fwmark=x 127.0.0.1", "-P abc 127.0.0.1",
    "nosuch.invalid", "- 127.0.0.1", "-- -n 127.0.0.1", "-6 127.0.0.1", "127.0.0.1 -6",
    "-4 ::1", "-4 -6 127.0.0.1", "127.0.0.1 abc", "127.0.0.1 20 30", "127.0.0.1 70000",
    "127.0.0.1 65001", "-6 ::1 65001", "-I 127.0.0.1 65001", "-T 127.0.0.1 65001",
    "127.0.0.1 -5", "-n", "-n -m 300", "--", "-M 127.0.0.1", "-M foo 127.0.0.1",
    "-M foo -q 20 127.0.0.1", "-q 20 127.0.0.1 70000", "-s ::1 127.0.0.1",
    "-s ::1 -q 20 127.0.0.1", "-s ::1 127.0.0.1 70000", "-s nosuch.invalid 127.0.0.1",
    "-s 127.0.0.1 -6 ::1", "-m 300 nosuch.invalid", "-O help", "-I -O help 127.0.0.1",
    "-U -O help 127.0.0.1", "-O help -T 127.0.0.1",
    "-s 10.9.9.9 127.0.0.1", "-i nosuchif 127.0.0.1",
]
# -g: resolved in the target's family after the other checks, at most 8
# for IPv4, 127 words in all; IPv6 routing headers are refused by the kernel.
MANY = ",".join(["1"] * 120)
ERRORS += [
    "-g nosuch.invalid 127.0.0.1", "-g ::1 127.0.0.1", "-6 -g 127.0.0.1 ::1", "-g , 127.0.0.1",
    "-g ,1 127.0.0.1", "-g 1 -g 2 -g 3 -g 4 -g 5 -g 6 -g 7 -g 8 -g 9 127.0.0.1",
    "-4 -g 1,2,3,4,5,6,7,8,9 127.0.0.1", "-g nosuch.invalid,1,2,3,4,5,6,7,8 127.0.0.1",
    "-g 1,2,3,4,5,6,7,8,9 -s ::1 127.0.0.1", "-g nosuch.invalid -m 300 127.0.0.1",
    "-g 1 nosuch.invalid", "-g", "--gateway 1 127.0.0.1", "-g 1.2.3.4 -O help",
    "-g %s,1,2,3,4,5,6,7,8 127.0.0.1" % MANY, "-g %s -g 1,2,3,4,5,6,7,8 127.0.0.1" % MANY,
    "-6 -g %s,1,2,3,4,5,6,7 -m 1 ::1" % MANY.replace("1", "::1"),
    "-6 -g ::1 -m 1 ::1", "-g ::1 -m 1 ::1", "-6 -g 0,::1,::2 -m 1 ::1", "-6 -g 5 ::1",
    "-6 -g 5 -g ::1 -m 1 ::1", "-6 -g 5,6,::1 ::1", "-6 -g 256,::1 -m 1 ::1",
    "-6 -I -g ::1 ::1", "-6 -T -g ::1 ::1", "-6 -P 47 -g ::1 ::1", "-6 -M tcpconn -g ::1 ::1",
    "-6 -UL -g ::1 ::1", "-g 1.2.3.4 -m 1 -q 1 127.0.0.1", "-g 1,,2 -m 1 -q 1 127.0.0.1",
    "-g 1,2,3,4,5,6,7,8,9 127.0.0.1 70000", "-g nosuch.invalid 127.0.0.1 70000",
]


@pytest.mark.parametrize("args", ERRORS)
def test_errors_match_traceroute(args):
    original, mine = both(args.split())
    assert mine == original


NOBODY_LOOPBACK = ["-I -n 127.0.0.1", "-T -n 127.0.0.1", "-I -O dgram -n 127.0.0.1",
                   "-I -O raw -n 127.0.0.1", "-n -O dgram -I ::1", "-d -n 127.0.0.1",
                   "--fwmark=3 -n 127.0.0.1", "-UL -n 127.0.0.1", "-n ::1",
                   "-P 17 -n 127.0.0.1", "-M tcpconn -n 127.0.0.1", "-D -n 127.0.0.1"]


@needs_root
@pytest.mark.parametrize("args", NOBODY_LOOPBACK)
def test_as_nobody_matches_traceroute(args):
    original, mine = both(args.split(), prefix=NOBODY)
    assert mine == original


def test_empty_argument_is_an_unknown_host():
    original, mine = both([""])
    assert mine == original


LOOPBACK = [
    "-n 127.0.0.1", "127.0.0.1", "-q 1 localhost", "-n -q 10 127.0.0.1", "-n ::1",
    "-n -f 2 127.0.0.1", "-n -m 0x10 127.0.0.1", "-n -m 010 127.0.0.1", "-n 127.0.0.1 0",
    "-n 127.0.0.1 27", "-n ::1 0", "-n ::1 100", "-n -N 1 127.0.0.1", "-n -N -5 127.0.0.1",
    "-n -p 0 127.0.0.1", "-n -p 70000 127.0.0.1", "-n -t 300 127.0.0.1", "-n -w 0 127.0.0.1",
    "-n -w 1e1 127.0.0.1", "-n -w 1,2 127.0.0.1", "-n -z 0.01 127.0.0.1", "-n -UL 127.0.0.1", "-n -U 127.0.0.1", "-n --mtu 127.0.0.1",
    "-n --back 127.0.0.1", "-n --sport=0 127.0.0.1", "--fwmark=1 -n 127.0.0.1",
    "-n -i lo 127.0.0.1", "-n -l 5 ::1", "-n 127.0.0.1 -- 40", "-n -F 127.0.0.1",
    "-n -r 127.0.0.1", "-n -d 127.0.0.1", "-n -e 127.0.0.1", "-n -I ::1", "-n -T 127.0.0.1",
    "-n -T ::1 0", "-n -I 127.0.0.1 0", "-nI 127.0.0.1", "-In -m2 127.0.0.1",
    "-n -I -O raw 127.0.0.1", "-n -T -p 81 127.0.0.1", "--mtu -n ::1", "--mtu -n 127.0.0.1 100",
    "-U -n 127.0.0.1 20", "-P 200 -n 127.0.0.1", "-P 0 -n ::1", "-M raw -n 127.0.0.1",
    "-D -n 127.0.0.1", "-D -n ::1", "-M dccp -n 127.0.0.1 100", "-P 200 -n ::1",
    "-M tcpconn -n 127.0.0.1", "-M tcpconn -n -p 1 ::1",
    # -g through a local address: the packet sizes count the source route option
    "-n -g 127.0.0.2 -m 2 -w 0.2 127.0.0.1", "-n -g 127.0.0.2 -I -m 2 -w 0.2 127.0.0.1",
    "-n -g 127.0.0.2 -T -m 2 -w 0.2 127.0.0.1", "-n -g 127.0.0.2 -U -m 2 -w 0.2 127.0.0.1",
    "-n -g 127.0.0.2 -UL -m 2 -w 0.2 127.0.0.1", "-n -g 127.0.0.2 -P 47 -m 2 -w 0.2 127.0.0.1",
    "-n -g 127.0.0.2 -M tcpconn -m 2 -w 0.2 127.0.0.1", "-n -g 0x7f000001 -m 1 127.0.0.1",
    "-n -g 127.0.0.2,127.0.0.3 --gateway=127.0.0.4 -m 1 -q 1 127.0.0.1 100",
    "-n -g 127.0.0.2 -m 1 127.0.0.1 10", "-n -g 127.0.0.2 -I -m 1 127.0.0.1 10",
    "-n -g 1, -m 1 -q 1 127.0.0.1", "-n -g 127.0.0.2 --mtu -m 1 -q 1 127.0.0.1",
]


@pytest.mark.parametrize("args", LOOPBACK)
def test_loopback_traces_match_traceroute(args):
    original, mine = both(args.split(), timeout=60)
    assert mine == original


def test_numbers_may_start_with_blanks():
    original, mine = both(["-n", "-m", " 3", "127.0.0.1"])
    assert mine == original


def _without_extensions(text):
    from pynettools.cli.traceroute.declaration import COMMAND

    lines = text.replace("pytraceroute", "traceroute").splitlines()
    extensions = ["  --%s" % option.long for option in COMMAND.options if option.extension]
    kept, skipping = [], False
    for line in lines:
        if any(line.startswith(spelled) for spelled in extensions):
            skipping = True
            continue
        if skipping and line.startswith(" " * 30):
            continue
        skipping = False
        kept.append(line)
    return "\n".join(kept)


@pytest.mark.parametrize("args", [["--help"], [], ["--help", "-x"], ["-m", "300", "--help"],
                                  ["127.0.0.1", "--help"]])
def test_help_is_traceroute_help_on_stderr(args):
    original = run_command(["traceroute", *args])
    mine = run_command([command_path("pytraceroute"), *args])
    assert (mine.returncode, mine.stdout) == (original.returncode, original.stdout) == (0, b"")
    assert _without_extensions(mine.stderr.decode()) == original.stderr.decode().rstrip("\n")


@pytest.mark.parametrize("args", [["-V"], ["-V", "-x"], ["-n", "-V", "127.0.0.1"]])
def test_version_goes_to_stderr_and_exits_0(args):
    mine = run_command([command_path("pytraceroute"), *args])
    assert (mine.returncode, mine.stdout) == (0, b"")
    assert mine.stderr.startswith(b"pytraceroute (pynettools) ")
