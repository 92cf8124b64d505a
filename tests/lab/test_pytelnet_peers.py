"""pytelnet beside telnet against third-party servers (issue 13), at a terminal.

Each peer runs on 127.0.0.1 behind a relay that records what the client sends;
both programs get the same terminal and the same keys: every mode switch
(`mode line`, `mode character`), an interrupt key in line mode, and the
prompt commands status, display (with its option dump), slc ?, auth ?,
encrypt ? and a ^] inside a command line.  Screens and bytes on the wire must
be the same.
"""

import os
import re
import shutil
import tempfile
import time

import pytest

from tests.commands import command_path
from tests.lab.telnet_peers import (BUSYBOX, NETKIT_TELNETD, BusyboxTelnetd, NetkitTelnetd,
                                    PtyProgram, RecordingRelay, Telnetlib3Server,
                                    TelnetdServer)

PROGRAMS = ("telnet", "pytelnet")
ESCAPE = b"\x1d"
PROMPT = b"telnet> "
ESCAPE_LINE = b"Escape character is '^]'.\r\n"

SESSION = [
    (ESCAPE, PROMPT), (b"status\r", ESCAPE_LINE),
    (ESCAPE, PROMPT), (b"\x1dst\r", b"?Invalid command\r\n" + PROMPT),
    (b"slc ?\r", b" values\r\n"),
    (ESCAPE, PROMPT), (b"auth ?\r", b"Print help information\r\n" + PROMPT),
    (b"encrypt ?\r", b"Print help information\r\n" + PROMPT),
    (b"mode line\r", None),
    (ESCAPE, PROMPT), (b"status\r", ESCAPE_LINE),
    (b"\x03", None),
    (ESCAPE, PROMPT), (b"mode character\r", None),
    (ESCAPE, PROMPT), (b"status\r", ESCAPE_LINE),
    (ESCAPE, PROMPT), (b"display\r", b"ayt             [^T]\r\n"),
    (ESCAPE, PROMPT), (b"close\r", b"Connection closed.\r\n"),
]


def peer(name, directory):
    if name == "netkit":
        return NetkitTelnetd(directory)
    if name == "busybox":
        return BusyboxTelnetd()
    if name == "telnetlib3":
        return Telnetlib3Server()
    return TelnetdServer()


def available(name):
    if name == "netkit" and not os.path.exists(NETKIT_TELNETD):
        pytest.skip("netkit's in.telnetd is not unpacked (.ci/setup does it)")
    if name == "busybox" and not os.path.exists(BUSYBOX):
        pytest.skip("busybox-static is not installed")


def session(program, name, ready, keys, env=None):
    """(screen, bytes the client sent, bytes the server sent) for `program` against a
    fresh peer `name`."""
    directory = tempfile.mkdtemp(prefix="pnt-telnet-")
    try:
        with peer(name, directory) as server, RecordingRelay(server.port) as relay:
            argv = ["telnet" if program == "telnet" else command_path("pytelnet"),
                    "127.0.0.1", str(relay.port)]
            terminal = PtyProgram(argv, env)
            try:
                assert terminal.read_until(ready, 20), terminal.output
                for typed, expected in keys:
                    time.sleep(0.5)  # let each answer arrive before the next key
                    terminal.send(typed)
                    if expected is not None:
                        assert terminal.read_until(expected), (typed, terminal.output[-400:])
                terminal.finish(20)
            finally:
                terminal.kill()
            relay.done.wait(10)
        screen = terminal.output.replace(b"%d" % relay.port, b"PORT")
        return screen, relay.sent, relay.received
    finally:
        shutil.rmtree(directory, ignore_errors=True)


READY = {"telnetd": b"# ", "netkit": b"# ", "busybox": b"# ", "telnetlib3": b"tel:sh> "}


def both_sessions(name, keys, attempts=4):
    """telnet's and pytelnet's sessions, run again while the server's own bytes differed
    between them (telnetlib3 orders its requests as its tasks happen to run), so that
    both clients are compared on the same stream."""
    for _ in range(attempts):
        telnet, ours = (session(program, name, READY[name], keys) for program in PROGRAMS)
        if ours[2] == telnet[2]:
            break
    return telnet, ours


@pytest.mark.parametrize("name", sorted(READY))
def test_session_script_against_peer(name):
    available(name)
    telnet, ours = both_sessions(name, SESSION)
    assert ours[1] == telnet[1]  # the bytes on the wire
    assert ours[0] == telnet[0]  # the screen
    assert b"telnet> ^]st\r\n?Invalid command\r\n" in ours[0]  # ^] is part of the word
    assert b"Print help information\r\nSpecial characters are local values\r\n" in ours[0]


def test_display_reaches_the_shell_under_telnetd():
    """XDISPLOC and NEW-ENVIRON: the remote shell under inetutils telnetd gets DISPLAY."""
    env = dict(os.environ, DISPLAY=":7", PRINTER="lp0")
    keys = [(b"echo D=$DISPLAY\r", b"D=localhost:7\r\n"), (b"exit\r", None)]
    telnet, ours = (session(program, "telnetd", b"# ", keys, env) for program in PROGRAMS)
    assert ours[:2] == telnet[:2]
    assert b"\r\nD=localhost:7\r\n" in ours[0]
    assert b"\xff\xfa#\x00localhost:7\xff\xf0" in ours[1]  # SB XDISPLOC IS "localhost:7"
