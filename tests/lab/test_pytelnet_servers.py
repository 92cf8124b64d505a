"""pytelnet and telnet talking to real servers: redis, memcached, IMAP, POP3, SMTP.

The lecture's use of telnet: a person (at a pty) or a script (piped input)
speaking a text protocol to a server by hand.  Each program gets a fresh
server of its own behind a relay that records the wire; the screen (or
stdout and stderr), the exit status and the bytes each way must be the
same for telnet and pytelnet.
"""

import re
import shutil
import subprocess
import time

import pytest

from tests.commands import command_path
from tests.lab.server_peers import Dovecot, Memcached, Redis, Smtp
from tests.lab.telnet_peers import PtyProgram, RecordingRelay

CONNECTED = b"Escape character is '^]'."
# dovecot times some answers: "OK Logout completed (0.001 + 0.000 secs)."
SERVER_TIMES = re.compile(rb"\(\d+\.\d+ \+ \d+\.\d+(?: \+ \d+\.\d+)? secs\)")

# name: (server, [(what the screen shows before the line is typed, the line)])
SESSIONS = {
    "redis": (Redis, [(CONNECTED, b"PING"), (b"+PONG", b"SET greeting hello"),
                      (b"+OK", b"GET greeting"), (b"\r\nhello", b"INCR visits"),
                      (b":1", b"QUIT")]),
    "memcached": (Memcached, [(CONNECTED, b"set greeting 0 0 5"), (b"\n", b"hello"),
                              (b"STORED", b"get greeting"), (b"END", b"incr greeting 1"),
                              (b"CLIENT_ERROR", b"version"), (b"VERSION", b"quit")]),
    "imap": (lambda: Dovecot("imap"), [(b"ready.", b"a1 LOGIN joe secret"),
                                      (b"Logged in", b"a2 LIST \"\" \"*\""),
                                      (b"a2 OK", b"a3 NOOP"), (b"a3 OK", b"a4 LOGOUT")]),
    "pop3": (lambda: Dovecot("pop3"), [(b"ready.", b"USER joe"), (b"+OK", b"PASS secret"),
                                      (b"Logged in.", b"STAT"), (b"+OK 0 0", b"LIST"),
                                      (b"\r\n.", b"QUIT")]),
    "smtp": (Smtp, [(b"Python SMTP", b"EHLO client.example"), (b"250 HELP", b"MAIL FROM:<a@"
                                                                          b"example.org>"),
                    (b"250 OK", b"RCPT TO:<b@example.org>"), (b"250 OK", b"DATA"),
                    (b"354", b"Subject: hello"), (b"\n", b""), (b"\n", b"Hi there."),
                    (b"\n", b"."), (b"250 OK", b"QUIT")]),
}
NEEDS = {"redis": "redis-server", "memcached": "memcached", "imap": "dovecot",
         "pop3": "dovecot", "smtp": None}


def program(name):
    return "telnet" if name == "telnet" else command_path("pytelnet")


def skip_without_server(peer):
    tool = NEEDS[peer]
    if tool and shutil.which(tool) is None:
        pytest.skip("%s is not installed (.ci/setup installs it)" % tool)
    if peer == "smtp":
        pytest.importorskip("aiosmtpd", reason="aiosmtpd is a test dependency")


def masked(data):
    return SERVER_TIMES.sub(b"(T secs)", data)


def piped(name, peer):
    """`name` with the session's lines on its input, kept open until the server closes."""
    server_class, steps = SESSIONS[peer]
    with server_class() as server, RecordingRelay(server.port) as relay:
        process = subprocess.Popen([program(name), "127.0.0.1", str(relay.port)],
                                   stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                   stderr=subprocess.PIPE)
        try:
            process.stdin.write(b"".join(line + b"\n" for _, line in steps))
            process.stdin.flush()
            process.wait(timeout=30)  # small answers: the pipes cannot fill
            out, err = process.stdout.read(), process.stderr.read()
        finally:
            if process.poll() is None:
                process.kill()
                process.wait(timeout=10)
            for stream in (process.stdin, process.stdout, process.stderr):
                stream.close()
    return process.returncode, masked(out), err, relay.sent, masked(relay.received)


def at_a_terminal(name, peer):
    """`name` at a pty, each line typed once the screen shows what precedes it."""
    server_class, steps = SESSIONS[peer]
    with server_class() as server, RecordingRelay(server.port) as relay:
        terminal = PtyProgram([program(name), "127.0.0.1", str(relay.port)])
        try:
            for expected, line in steps:
                assert terminal.read_until(expected), (expected, terminal.output[-300:])
                time.sleep(0.05)  # the rest of the answer, before the next line is typed
                terminal.send(line + b"\r")
            status = terminal.finish(timeout=20)
        finally:
            terminal.kill()
    return status, masked(terminal.output), relay.sent, masked(relay.received)


@pytest.mark.parametrize("peer", sorted(SESSIONS))
def test_piped_session_as_telnet(peer):
    skip_without_server(peer)
    theirs, ours = piped("telnet", peer), piped("pytelnet", peer)
    assert theirs[4], "the server answered nothing: the comparison would prove nothing"
    assert ours == theirs


@pytest.mark.parametrize("peer", sorted(SESSIONS))
def test_session_at_a_terminal_as_telnet(peer):
    skip_without_server(peer)
    theirs, ours = at_a_terminal("telnet", peer), at_a_terminal("pytelnet", peer)
    assert theirs[1].endswith(b"Connection closed by foreign host.\r\n"), theirs[1][-300:]
    assert ours == theirs
