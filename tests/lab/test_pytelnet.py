"""pytelnet beside Debian's telnet: messages, exit codes and bytes on the wire.

Peers are real: inetutils telnetd with a shell, and Python servers on
127.0.0.1 that record exactly what the client sends.
"""

import os
import subprocess
import time

import pytest

from tests.commands import command_path, needs_root, run_command
from tests.lab.netns import Namespace
from tests.lab.telnet_peers import PtyProgram, ScriptedServer, read_for

ENCRYPT_OFFERS = (b"\xff\xfd&", b"\xff\xfb&")  # telnet's ENCRYPT offers; pytelnet has none


def pytelnet():
    return command_path("pytelnet")


def normalized(done):
    """(stdout, stderr, status) with the program's name made telnet's."""
    return tuple(part.replace(b"pytelnet", b"telnet") if isinstance(part, bytes) else part
                 for part in (done.stdout, done.stderr, done.returncode))


def both(args, **kwargs):
    return [normalized(run_command([program, *args], stdin=subprocess.DEVNULL, **kwargs))
            for program in ("telnet", pytelnet())]


def refused_port():
    import socket

    probe = socket.socket()
    probe.bind(("127.0.0.1", 0))
    port = probe.getsockname()[1]
    probe.close()  # nobody listens on it now: connections are refused
    return str(port)


@pytest.mark.parametrize("args", [
    ["-z"], ["--foo"], ["-e"], ["-l"], ["a", "b", "c"], ["nosuchhost.invalid"],
    ["127.0.0.1", "nosuchsvc"], ["127.0.0.1", "99999"], ["127.0.0.1", "0"],
    ["127.0.0.1", "65536"], ["-6", "127.0.0.1", "1"], ["127.0.0.1", "REFUSED"],
    ["localhost", "REFUSED"], ["-4", "localhost", "REFUSED"], ["-e", "^A", "127.0.0.1", "REFUSED"],
    ["-e", "x", "127.0.0.1", "REFUSED"], ["-e", "^", "127.0.0.1", "REFUSED"],
    ["-r", "-e", "x", "127.0.0.1", "REFUSED"], ["-E", "-e", "x", "127.0.0.1", "REFUSED"],
    ["-e", "x", "-e", "y", "-E", "127.0.0.1", "REFUSED"], ["-e", "x", "-r", "127.0.0.1", "1"],
    ["-r", "-e", "x", "-e", "^A", "127.0.0.1", "REFUSED"],
    ["-b", "192.0.2.1", "127.0.0.1", "REFUSED"], ["-b", "nosuch.invalid", "127.0.0.1", "1"],
    ["-4", "-6", "127.0.0.1", "1"], ["-6", "-4", "127.0.0.1", "REFUSED"],
    ["-x", "-k", "R", "-X", "A", "127.0.0.1", "REFUSED"], ["-X"], ["-k"],
    ["--bind"], ["--escape=^"], ["--user", "u", "--no-rc", "--debug", "--trace", "/dev/null",
                                 "-K", "-a", "-8", "-L", "-c", "127.0.0.1", "REFUSED"]])
def test_errors_as_telnet(args):
    port = refused_port()
    args = [port if arg == "REFUSED" else arg for arg in args]
    telnet, ours = both(args, timeout=30)
    assert ours == telnet


@pytest.mark.parametrize("option", ["--help", "--usage"])
def test_help_and_usage_as_telnet_plus_extensions(option):
    telnet = run_command(["telnet", option]).stdout.decode()
    ours = run_command([pytelnet(), option]).stdout.decode().replace("pytelnet", "telnet")
    if option == "--help":
        ours = "\n".join(line for line in ours.splitlines()
                         if "--wait" not in line and "--json" not in line)
        assert ours.split("\nExit status")[0] == telnet.split("\nReport bugs")[0]
    else:
        flat = " ".join(ours.split()).replace(" [--wait=SECONDS] [--json] [--json-schema]", "")
        assert flat == " ".join(telnet.split())


@needs_root
def test_next_address_tried_when_one_fails():
    with Namespace("telnet-hosts") as namespace:
        directory = os.path.join("/etc/netns", namespace.name)
        os.makedirs(directory, exist_ok=True)
        with open(os.path.join(directory, "hosts"), "w") as hosts:
            hosts.write("::1 multi\n127.0.0.1 multi\n")
        results = []
        for program in ("telnet", pytelnet()):
            done = namespace.run([program, "multi", "1"], stdin=subprocess.DEVNULL)
            results.append(normalized(done))
        assert results[0] == results[1]
        assert results[1][0] == b"Trying ::1...\nTrying 127.0.0.1...\n"
        assert results[1][1] == (b"Connection failed: Connection refused\n"
                                 b"telnet: Unable to connect to remote host: Connection refused\n")


def wire_bytes(program, greeting, args=(), typed=b"", seconds=1.0, port_text=None):
    """What `program` sends to a server that sends `greeting`; and its stdout."""
    with ScriptedServer(greeting, seconds) as server:
        process = subprocess.Popen([program, *args, "127.0.0.1", port_text or str(server.port)],
                                   stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                   stderr=subprocess.PIPE, env=dict(os.environ, TERM="vt100"))
        time.sleep(0.3)  # telnet drops piped input that arrives before it connects
        process.stdin.write(typed)
        process.stdin.flush()
        received = server.wait()
        process.stdin.close()
        out = process.stdout.read()
        process.wait(timeout=30)
        process.stderr.close()
        process.stdout.close()
    for offer in ENCRYPT_OFFERS:
        received = received.replace(offer, b"")
    return received, out


NEGOTIATION = (b"\xff\xfd\x18\xff\xfa\x18\x01\xff\xf0\xff\xfd\x20\xff\xfa\x20\x01\xff\xf0"
               b"\xff\xfd\x27\xff\xfa\x27\x01\xff\xf0\xff\xfd\xc8\xff\xfb\xc8\xff\xfd\x00"
               b"\xff\xfb\x00\xff\xfb\x01\xff\xfb\x03\xff\xfd\x22\xff\xfd\x01\xff\xfb\x05")


@pytest.mark.parametrize("greeting, typed, args", [
    (b"", b"abc\n\xff x\ry\n", ()),
    (b"hello\r\n", b"GET / HTTP/1.0\n\n", ()),
    (NEGOTIATION, b"", ()),
    (NEGOTIATION, b"", ("-l", "bob")),
    (b"\xff\xfb\x00\xff\xfd\x00", b"a\r\n\xff\n", ()),
    (b"\xff\xfd\x00", b"a\rb\n", ()),
])
def test_same_bytes_on_the_wire_as_telnet(greeting, typed, args):
    telnet = wire_bytes("telnet", greeting, args, typed)
    ours = wire_bytes(pytelnet(), greeting, args, typed)
    assert ours == telnet


def test_piped_cr_lf_is_one_line_end():
    """Where pytelnet differs on purpose: telnet sends CR NUL CR LF here."""
    assert wire_bytes("telnet", b"", typed=b"GET /\r\n\r\n")[0] == b"GET /\r\0\r\n\r\0\r\n"
    assert wire_bytes(pytelnet(), b"", typed=b"GET /\r\n\r\n")[0] == b"GET /\r\n\r\n"


def test_received_data_shown_as_telnet_shows_it():
    data = b"a\r\x00b\r\nc\rd\ne\xff\xff\n"
    telnet = wire_bytes("telnet", data)
    assert wire_bytes(pytelnet(), data) == telnet


@needs_root
@pytest.mark.parametrize("port_text", [None, "-23", "23"])
def test_negotiation_offered_on_the_telnet_port_only(port_text):
    """As telnet: offers without PORT or with -PORT, none with an explicit 23."""
    results = []
    with Namespace("telnet-port") as namespace:
        for program in ("telnet", pytelnet()):
            argv = [program, "127.0.0.1"] + (["--", port_text] if port_text else [])
            script = _TELNET_PORT_SERVER % argv
            results.append(namespace.run(["python3", "-c", script], timeout=60).stdout)
    assert results[0] == results[1]
    assert (results[1] != b"b''") == (port_text != "23")


_TELNET_PORT_SERVER = r"""
import socket, subprocess, select, time
server = socket.socket(); server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
server.bind(("127.0.0.1", 23)); server.listen(1)
client = subprocess.Popen(%r, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL,
                          stderr=subprocess.DEVNULL)
connection, _ = server.accept()
connection.sendall(b"\xff\xfa\x18\x01\xff\xf0\xff\xfa\x20\x01\xff\xf0\xff\xfa\x27\x01\xff\xf0")
received, deadline = b"", time.monotonic() + 1
while time.monotonic() < deadline:
    if select.select([connection], [], [], 0.05)[0]:
        data = connection.recv(65536)
        if not data:
            break
        received += data
for offer in (b"\xff\xfd&", b"\xff\xfb&"):
    received = received.replace(offer, b"")
print(repr(received), end="")
connection.close(); client.kill(); client.wait()
"""


PROMPT_SCRIPT = (b"?\nstatus\nfoo\nst\ns\nse\nsend ?\ntoggle ?\nset ?\nunset ?\nmode ?\n"
                 b"environ ?\nclose\nsend ao\nlogout\nmode line\nopen\nopen 127.0.0.1 1\n"
                 b"set escape x\nset escape ^A\nstatus\nset crlf\ntoggle crlf\nset foo\n"
                 b"toggle foo\nunset escape\nstatus\n\nhelp\ndisplay\nset escape ^]\ndisplay\nquit\n")


def test_prompt_commands_as_telnet():
    results = [normalized(run_command([program], input=PROMPT_SCRIPT, timeout=30))
               for program in ("telnet", pytelnet())]
    assert results[1] == results[0]


def test_prompt_ends_at_end_of_input():
    results = [normalized(run_command([program], input=b"status\n", timeout=30))
               for program in ("telnet", pytelnet())]
    assert results[1] == results[0]
