"""pytelnet beside telnet: a server on loopback sends a stream and closes.

Three streams: 200 MB of text (80-byte lines ending in CR LF, so the CR
handling runs on every line); 20 MB of escaped IACs (IAC IAC, binary data
made of 0xFF bytes: 10 MB of data); 4 MB of IAC storms (NOPs and short
subnegotiations between short lines).  Both clients write the data to a
file, checked to hold the same bytes, then /dev/null.  The storm's lines end
in LF alone: where a read ends between a CR and its LF, telnet shows both
(pytelnet always shows the LF alone), which makes telnet's output depend on
where its reads end.  Their standard input
is a FIFO opened read-write: it never delivers data nor an end, so neither
client stops early (telnet ends at the end of its input).
"""

import os
import shutil
import subprocess
import sys
import tempfile

from benchmarks.run import Comparison, tool

IAC, NOP, SB, SE, TTYPE, NAWS, SEND = 255, 241, 250, 240, 24, 31, 1
STREAMS = (
    # (title, megabytes on the wire, the block repeated, rounds, target)
    ("200 MB of text", 200, b"x" * 78 + b"\r\n", 5, "target: within 1.25x telnet"),
    ("20 MB of escaped IAC (binary 0xFF data)", 20, bytes((IAC, IAC)), 5,
     "target: at most 1.5x telnet"),
    ("4 MB of IAC NOP and short subnegotiations", 4,
     b"line\n" + bytes((IAC, NOP)) * 8 + bytes((IAC, SB, TTYPE, SEND, IAC, SE))
     + bytes((IAC, SB, NAWS, 0, 80, 0, 24, IAC, SE)), 10, "target: at most 10x telnet"),
)

_SERVER = r"""
import socket, sys, threading
UNIT, TOTAL = bytes.fromhex(sys.argv[1]), int(sys.argv[2])
BLOCK = UNIT * max(1, 65536 // len(UNIT))
server = socket.socket(); server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
server.bind(("127.0.0.1", 0)); server.listen(16)
print(server.getsockname()[1], flush=True)
def serve(connection):
    with connection:
        sent = 0
        while sent < TOTAL:
            connection.sendall(BLOCK)
            sent += len(BLOCK)
while True:
    connection, _ = server.accept()
    threading.Thread(target=serve, args=(connection,), daemon=True).start()
"""


def comparisons():
    for title, megabytes, unit, rounds, target in STREAMS:
        yield _comparison(title, megabytes << 20, unit, rounds, target)


def _comparison(title, total, unit, rounds, target):
    server = subprocess.Popen([sys.executable, "-c", _SERVER, unit.hex(), str(total)],
                              stdout=subprocess.PIPE)
    port = server.stdout.readline().decode().strip()
    directory = tempfile.mkdtemp(prefix="pynettools-bench-")
    fifo = os.path.join(directory, "input")
    os.mkfifo(fifo)

    def client(program):
        return ["sh", "-c", 'exec "$0" 127.0.0.1 "$1" 0<>"$2"', program, port, fifo]

    def cleanup():
        server.kill()
        server.wait()
        shutil.rmtree(directory)

    return Comparison(
        "pytelnet: %s from a loopback server" % title,
        {"telnet 127.0.0.1 PORT": client("telnet"),
         "pytelnet 127.0.0.1 PORT": client(tool("pytelnet"))},
        baseline="telnet 127.0.0.1 PORT", rounds=rounds, note=target, cleanup=cleanup,
        same_output=[("pytelnet 127.0.0.1 PORT", "telnet 127.0.0.1 PORT")])
