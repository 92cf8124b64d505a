"""pytelnet and telnet at a terminal (a pty), against inetutils telnetd with a shell.

Both programs get the same terminal (TERM=vt100, 33 rows x 101 columns) and the
same keys; what reaches the shell and what comes back must be the same.
"""

import os
import re
import select
import signal
import sys
import termios
import time

import pytest

from tests.commands import command_path, needs_root
from tests.lab.netns import Namespace
from tests.lab.telnet_peers import (COLUMNS, ROWS, PtyProgram, ScriptedServer, TelnetdServer,
                                    read_for)

PROGRAMS = ["telnet", "pytelnet"]


def program_path(name):
    return "telnet" if name == "telnet" else command_path("pytelnet")


def telnetd_session(name, keys):
    """Run `name` against telnetd; `keys` is [(wait-for, bytes)]; (output, status)."""
    with TelnetdServer() as server:
        terminal = PtyProgram([program_path(name), "127.0.0.1", str(server.port)])
        try:
            for expected, typed in keys:
                assert terminal.read_until(expected), (expected, terminal.output[-300:])
                terminal.send(typed)
            status = terminal.finish(timeout=20)
        finally:
            terminal.kill()
    return terminal.output, status


@pytest.mark.parametrize("name", PROGRAMS)
def test_shell_session_through_telnetd(name):
    output, status = telnetd_session(name, [
        (b"# ", b"echo T=$TERM; stty size\r"),
        (b"# ", b"\x1d"),
        (b"telnet> ", b"status\r"),
        (b"Escape character is '^]'.\r\n", b"\r"),
        (b"# ", b"\x1d"),
        (b"telnet> ", b"close\r"),
    ])
    assert output.startswith(b"Trying 127.0.0.1...\r\nConnected to 127.0.0.1.\r\n"
                             b"Escape character is '^]'.\r\n")
    assert b"\r\nT=vt100\r\n%d %d\r\n" % (ROWS, COLUMNS) in output  # TERM and NAWS arrived
    assert b"# echo T=$TERM; stty size\r\n" in output  # echoed by the remote side, once
    assert (b"telnet> status\r\nConnected to 127.0.0.1.\r\nOperating in single character mode"
            b"\r\nCatching signals locally\r\nRemote character echo\r\nLocal flow control\r\n"
            b"Escape character is '^]'.\r\n") in output
    assert output.endswith(b"telnet> close\r\nConnection closed.\r\n")
    assert status == 0


@pytest.mark.parametrize("name", PROGRAMS)
def test_shell_exit_closes_the_session(name):
    output, status = telnetd_session(name, [(b"# ", b"exit\r")])
    assert output.endswith(b"Connection closed by foreign host.\r\n")
    assert status == 0


@pytest.mark.parametrize("name", PROGRAMS)
def test_large_burst_arrives_whole(name):
    lines = 30000
    output, status = telnetd_session(name, [
        (b"# ", b"seq %d; echo END\r" % lines),
        (b"\r\nEND\r\n", b"exit\r"),
    ])
    numbers = re.findall(rb"\r\n(\d+)(?=\r\n)", output)
    assert [int(number) for number in numbers if int(number) <= lines][-lines:] == \
        list(range(1, lines + 1))
    assert status == 0


def test_resize_reaches_the_shell():
    import fcntl
    import struct

    with TelnetdServer() as server:
        terminal = PtyProgram([command_path("pytelnet"), "127.0.0.1", str(server.port)])
        try:
            assert terminal.read_until(b"# ")
            fcntl.ioctl(terminal.fd, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
            os.kill(terminal.pid, signal.SIGWINCH)
            time.sleep(0.5)
            terminal.send(b"stty size\r")
            assert terminal.read_until(b"40 120\r\n")
            terminal.send(b"exit\r")
            assert terminal.finish() == 0
        finally:
            terminal.kill()


def line_mode_session(name, keys, greeting=b"ready\r\n"):
    """`name` at a pty against a plain (non-telnet) server that only records."""
    with ScriptedServer(greeting, listen_seconds=4) as server:
        terminal = PtyProgram([program_path(name), "127.0.0.1", str(server.port)])
        try:
            for expected, typed in keys:
                assert terminal.read_until(expected), (expected, terminal.output)
                time.sleep(0.3)  # let it set the terminal's mode before the next key
                terminal.send(typed)
            status = terminal.finish(timeout=20)
        finally:
            terminal.kill()
        return terminal.output, status, server.wait()


@pytest.mark.parametrize("name", PROGRAMS)
def test_line_mode_escape_and_status(name):
    output, status, received = line_mode_session(name, [
        (b"ready\r\n", b"GET / HTTP/1.0\r"),
        (b"HTTP/1.0\r\n", b"\x1d"),
        (b"telnet> ", b"status\r"),
        (b"Escape character is '^]'.\r\n", b"\x1d"),
        (b"telnet> ", b"close\r"),
    ])
    assert received == b"GET / HTTP/1.0\r\n"  # the line, sent when Enter was typed
    assert (b"telnet> status\r\nConnected to 127.0.0.1.\r\nOperating in obsolete linemode\r\n"
            b"Local character echo\r\nEscape character is '^]'.\r\n") in output
    assert output.endswith(b"telnet> close\r\nConnection closed.\r\n")
    assert status == 0


def test_terminal_restored_when_terminated():
    """SIGTERM in character mode: the terminal gets its line mode and echo back."""
    with TelnetdServer() as server:
        terminal = PtyProgram([command_path("pytelnet"), "127.0.0.1", str(server.port)])
        try:
            before = termios.tcgetattr(terminal.fd)
            assert terminal.read_until(b"# ")
            raw = termios.tcgetattr(terminal.fd)
            assert not raw[3] & (termios.ICANON | termios.ECHO)
            os.kill(terminal.pid, signal.SIGTERM)
            status = terminal.finish_keeping_fd()
            after = termios.tcgetattr(terminal.fd)
        finally:
            terminal.kill()
    assert status == 128 + signal.SIGTERM
    assert after[3] == before[3] and after[0] == before[0] and after[1] == before[1]


SEND_KEYS = [
    (b"ready\r\n", b"\x1d"), (b"telnet> ", b"send ayt ip nop\r"),
    (b"\n", b"\x1d"), (b"telnet> ", b"send do echo\r"),
    (b"\n", b"\x1d"), (b"telnet> ", b"send will 200\r"),
    (b"\n", b"\x1d"), (b"telnet> ", b"send escape\r"),
    (b"\n", b"\x1d"), (b"telnet> ", b"send brk ec el ga eor abort susp eof ao\r"),
    (b"\n", b"\x1d"), (b"telnet> ", b"send getstatus\r"),
    (b"STATUS option\r\ntelnet> ", b"?\r"),  # a failed command keeps the prompt,
    (b"print help information\r\ntelnet> ", b"foo\r"),  # so do help and a bad command
    (b"?Invalid command\r\ntelnet> ", b"close\r"),
]


def test_send_commands_as_telnet():
    """The bytes `send` puts on the wire, and what the terminal shows meanwhile."""
    results = [line_mode_session(name, SEND_KEYS) for name in PROGRAMS]
    (telnet_output, telnet_status, telnet_wire), (output, status, wire) = results
    assert wire == telnet_wire == (b"\xff\xf6\xff\xf4\xff\xf1\xff\xfd\x01\xff\xfb\xc8\x1d"
                                   b"\xff\xf3\xff\xf7\xff\xf8\xff\xf9\xff\xef\xff\xee\xff\xed"
                                   b"\xff\xec\xff\xf5")
    assert (output, status) == (telnet_output, telnet_status)


def prompt_session(name, keys_for_port, listen_seconds=3):
    """`name` started with no HOST at a pty; keys may name the server's PORT."""
    with ScriptedServer(b"ready\r\n", listen_seconds=listen_seconds) as server:
        port = b"%d" % server.port
        terminal = PtyProgram([program_path(name)])
        try:
            for expected, typed in keys_for_port:
                assert terminal.read_until(expected), (expected, terminal.output)
                time.sleep(0.3)
                terminal.send(typed.replace(b"PORT", port))
            status = terminal.finish(timeout=20)
        finally:
            terminal.kill()
        return terminal.output.replace(port, b"PORT"), status, server.wait()


def test_open_close_and_quit_from_the_prompt_as_telnet():
    keys = [(b"telnet> ", b"open 127.0.0.1 PORT\r"), (b"ready\r\n", b"hello\r"),
            (b"hello\r\n", b"\x1d"), (b"telnet> ", b"close\r"), (b"closed.\r\n", b"status\r"),
            (b"'.\r\n", b"quit\r")]
    telnet, ours = (prompt_session(name, keys) for name in PROGRAMS)
    assert ours == telnet
    assert ours[0].endswith(b"telnet> close\r\nConnection closed.\r\ntelnet> status\r\n"
                            b"No connection.\r\nEscape character is '^]'.\r\ntelnet> quit\r\n")


def test_foreign_close_after_open_ends_telnet():
    keys = [(b"telnet> ", b"open 127.0.0.1 PORT\r")]
    telnet, ours = (prompt_session(name, keys, listen_seconds=1) for name in PROGRAMS)
    assert ours == telnet
    assert ours[0].endswith(b"ready\r\nConnection closed by foreign host.\r\n")


@pytest.mark.parametrize("greeting", [
    b"\xff\xfb\x01\xff\xfb\x03",  # WILL ECHO, WILL SGA: character mode, remote echo
    b"\xff\xfb\x03",  # WILL SGA: character mode, local echo
    b"\xff\xfb\x01",  # WILL ECHO: line mode without echo
    b"\xff\xfd\x22",  # DO LINEMODE: the terminal's characters reported, character mode
])
def test_typed_keys_on_the_wire_per_mode(greeting):
    """Enter, ^J and the LINEMODE characters as telnet sends them from a terminal."""
    def session(name):
        with ScriptedServer(greeting + b"ready\r\n", listen_seconds=2.5) as server:
            terminal = PtyProgram([program_path(name), "127.0.0.1", str(server.port)])
            try:
                assert terminal.read_until(b"ready\r\n")
                time.sleep(0.3)
                terminal.send(b"ab\rc\n")
                status = terminal.finish(timeout=20)
            finally:
                terminal.kill()
            return terminal.output, status, server.wait()

    telnet, ours = (session(name) for name in PROGRAMS)
    assert ours == telnet


@needs_root
def test_telnet_port_session_at_a_terminal():
    """Port 23 with a silent server: offers, line editing, and LINEMODE status as telnet."""
    results = []
    with Namespace("telnet-tty") as namespace:
        for name in PROGRAMS:
            done = namespace.run([sys.executable, "-c", _PORT_23_SESSION, program_path(name)],
                                 timeout=60)
            results.append(done.stdout)
    assert results[0] == results[1]
    assert b"Operating with LINEMODE option" in results[1]


_PORT_23_SESSION = r"""
import socket, sys, threading, time
sys.path.insert(0, %r)
from tests.lab.telnet_peers import PtyProgram, read_for
listener = socket.socket(); listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
listener.bind(("127.0.0.1", 23)); listener.listen(1); listener.settimeout(30)
received = {}
def serve():
    connection, _ = listener.accept()
    received["wire"] = read_for(connection, 4)
    connection.close()
thread = threading.Thread(target=serve); thread.start()
terminal = PtyProgram([sys.argv[1], "127.0.0.1"])
for expected, typed in [(b"'^]'.\r\n", b"ab\r"), (b"ab", b"\x1d"), (b"telnet> ", b"status\r")]:
    terminal.read_until(expected, 5); time.sleep(0.3); terminal.send(typed)
status = terminal.finish(10); terminal.kill(); thread.join(); listener.close()
wire = received["wire"].replace(b"\xff\xfd&", b"").replace(b"\xff\xfb&", b"")
print(repr((terminal.output, status, wire)))
""" % os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def suspended_session(name):
    """`z` at the prompt, from an interactive bash with job control, then `fg`."""
    env = dict(os.environ, PS1="$ ", HISTFILE="/dev/null", PROG=program_path(name))
    with ScriptedServer(b"\xff\xfb\x01\xff\xfb\x03ready\r\n", listen_seconds=8) as server:
        terminal = PtyProgram(["bash", "--norc", "--noprofile", "-i"], env)
        try:
            keys = [(b"$ ", b'"$PROG" 127.0.0.1 %d\r' % server.port),
                    (b"ready\r\n", b"\x1d"), (b"telnet> ", b"z\r"),
                    (b"Stopped", b"stty -a | grep -o -- ' -icanon'; fg\r"),
                    # the job's line, which bash prints as fg resumes it (the echo
                    # of the typed line came first: ^] then would go to bash)
                    (b'"$PROG" 127.0.0.1 %d\r\n' % server.port, b"\x1d"),
                    (b"telnet> ", b"status\r"),
                    (b"Escape character is '^]'.\r\n", b"\x1d"), (b"telnet> ", b"close\r"),
                    (b"Connection closed.\r\n", b"exit\r")]
            for expected, typed in keys:
                assert terminal.read_until(expected), (expected, terminal.output[-300:])
                time.sleep(0.3)
                terminal.send(typed)
            status = terminal.finish(timeout=20)
        finally:
            terminal.kill()
    return terminal.output.replace(b"%d" % server.port, b"PORT"), status


def test_z_suspends_as_telnet_does():
    """Issue 13: z stops the client (the shell says so), fg resumes in character mode."""
    telnet, ours = (suspended_session(name) for name in PROGRAMS)
    assert ours == telnet
    assert b"Stopped" in ours[0] and b"\r\n -icanon\r\n" not in ours[0]  # restored while stopped
    assert b"Operating in single character mode" in ours[0]


def held_session(name, steps):
    """Begun at the prompt, `open` a character-mode server, then `steps`: "SIGINT" or keys.

    (screen, exit status, [(step, what the server read after it, whether it had
    closed)]): the connection must stay open, unserved, until `close` or `quit`.
    """
    log, terminal = [], []

    def play(connection):
        connection.sendall(b"\xff\xfb\x01\xff\xfb\x03ready\r\n")
        read_for(connection, 1.0)  # the answers to the greeting
        for step in steps:
            if step == "SIGINT":
                os.kill(terminal[0].pid, signal.SIGINT)
            else:
                terminal[0].send(step)
            data, closed = _read_or_end(connection, 0.8)
            log.append((step, data, closed))
            if closed:
                return

    with ScriptedServer(behaviour=play) as server:
        terminal.append(PtyProgram([program_path(name)]))
        try:
            assert terminal[0].read_until(b"telnet> ")
            terminal[0].send(b"open 127.0.0.1 %d\r" % server.port)
            server.thread.join(len(steps) + 20)
            status = terminal[0].finish(timeout=10)
        finally:
            terminal[0].kill()
    return terminal[0].output.replace(b"%d" % server.port, b"PORT"), status, log


def _read_or_end(connection, seconds):
    data, deadline = b"", time.monotonic() + seconds
    while time.monotonic() < deadline:
        readable, _, _ = select.select([connection], [], [], 0.05)
        if readable:
            chunk = connection.recv(65536)
            if not chunk:
                return data, True
            data += chunk
    return data, False


@pytest.mark.parametrize("steps", [
    ["SIGINT", b"status\r", b"send ayt\r", b"open x\r", b"\r", b"close\r", b"quit\r"],
    ["SIGINT", b"\x04"],
    ["SIGINT", "SIGINT", b"logout\r", b"quit\r"],
], ids=["commands", "end-of-input", "sigint-blocked"])
def test_sigint_in_a_session_begun_at_the_prompt_keeps_the_connection(steps):
    """telnet jumps back to its prompt, the connection open but unserved (what is
    queued stays unsent but for logout's), and SIGINT stays blocked from then on."""
    telnet, ours = (held_session(name, steps) for name in PROGRAMS)
    assert ours == telnet
    assert b"ready\r\ntelnet> " in ours[0]
    closing = [index for index, (_, _, closed) in enumerate(ours[2]) if closed]
    if steps[-1] == b"quit\r" and b"close\r" in steps:
        assert closing == [steps.index(b"close\r")]
