"""pynetstat's socket listing against netstat's, in a namespace full of sockets.

The socket zoo (tests/lab/socket_zoo.py) opens every kind of socket netstat
lists; each flag combination is run through both commands in that
namespace and must give the same stdout, stderr and status, once with
pynetstat reading TCP and UDP through sock_diag and once with
PYNETTOOLS_SOCK_DIAG=0 (everything from /proc/net).
"""

import itertools

import pytest

from tests.commands import command_path, needs_root
from tests.lab.netstat_lab import (
    TABLE_PATHS, SocketZoo, assert_same, compare, on_path, without_running_timers)

pytestmark = needs_root

SELECTIONS = ["", "-t", "-u", "-w", "-x", "-U", "-tuw", "-tx", "-4", "-6", "-A inet,unix",
              "--inet6 -x", "-uw6"]
WHICH = ["", "-a", "-l"]
DISPLAYS = ["", "-n", "-e", "-p", "-W", "-nW", "-ep", "-nep", "--numeric-hosts",
            "--numeric-ports", "--numeric-users -e", "-v", "-N"]
COMBINATIONS = [" ".join(part for part in parts if part)
                for parts in itertools.product(SELECTIONS, WHICH, DISPLAYS)]


@pytest.fixture(scope="module")
def zoo():
    with SocketZoo("sockets") as running:
        yield running


@pytest.fixture(params=sorted(TABLE_PATHS))
def path(request):
    return request.param


@pytest.fixture
def run(zoo, path):
    return on_path(zoo.run, path)


@pytest.mark.parametrize("flags", COMBINATIONS)
def test_listing_as_netstat(run, flags):
    theirs, ours = compare(run, flags.split())
    assert_same(theirs, ours)


@pytest.mark.parametrize("flags", ["-o", "-ao", "-tano", "-uwao", "-xo", "-taeopW", "-lo"])
def test_timers_as_netstat(zoo, flags):
    theirs, ours = compare(zoo.run, flags.split(), without_running_timers)
    assert_same(theirs, ours)


@pytest.mark.parametrize("flags", ["-S", "-St", "-tS", "-Su", "-S6", "-Sx", "--ax25", "--ipx -x",
                                   "--x25 -t", "--netrom", "--rose", "-2", "-f", "-t -2",
                                   "--bluetooth -x", "-av", "-A ddp", "-A econet,ash",
                                   "--tcpip -t", "-d -t", "-g -S"])
def test_missing_families_as_netstat(run, flags):
    theirs, ours = compare(run, flags.split())
    assert_same(theirs, ours)


@pytest.mark.parametrize("flags", ["-p", "-tap", "-xp", "-aep", "-tanp", "-e", "-a"])
def test_as_nobody_as_netstat(zoo, flags, path):
    theirs, ours = compare(on_path(zoo.run_as_nobody, path), flags.split())
    assert_same(theirs, ours)


CRAFTED_SERVICES = (b"first 22/tcp\nsecond 22/tcp alias\nudp-first 53/udp\nudp-second 53/udp\n"
                    b"a-very-long-service-name-indeed 123/udp\nhttp-alt 8080/tcp\n"
                    b"ignored 40001/sctp\nwhole 40002\n")


def test_service_names_from_a_crafted_file_last_entry_wins(zoo, tmp_path, path):
    from tests.lab.mountns import run_over_services
    from tests.lab.netstat_lab import as_pynetstat

    services = tmp_path / "services"
    services.write_bytes(CRAFTED_SERVICES)
    flags = [["-a"], ["-lW"], ["-ua"], ["-ta", "--numeric-hosts"]]
    environment = ["%s=%s" % setting for setting in TABLE_PATHS[path].items()]
    commands = [zoo.namespace.command(["env", *environment, program, *argv]) for argv in flags
                for program in ("netstat", command_path("pynetstat"))]
    done = run_over_services(services, commands)
    for index in range(0, len(done), 2):
        theirs, ours = done[index], done[index + 1]
        assert ours == (as_pynetstat(theirs[0]), as_pynetstat(theirs[1]), theirs[2]), flags[index // 2]
    assert b":second " in done[0][0] and b":udp-second " in done[0][0]
