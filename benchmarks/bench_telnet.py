"""pytelnet beside telnet: a server on loopback sends 200 MB and closes.

Both clients read the same text (80-byte lines ending in CR LF, so the CR
handling runs on every line) and write it to /dev/null.  Their standard
input is a FIFO opened read-write: it never delivers data nor an end, so
neither client stops early (telnet ends at the end of its input).
"""

import os
import shutil
import subprocess
import sys
import tempfile

from benchmarks.run import Comparison, tool

MEGABYTES = 200

_SERVER = r"""
import socket, sys, threading
LINE = b"x" * 78 + b"\r\n"
BLOCK = LINE * 800
TOTAL = %d << 20
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
""" % MEGABYTES


def comparisons():
    server = subprocess.Popen([sys.executable, "-c", _SERVER], stdout=subprocess.PIPE)
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

    yield Comparison(
        "pytelnet: %d MB from a loopback server, to /dev/null" % MEGABYTES,
        {"telnet 127.0.0.1 PORT": client("telnet"),
         "pytelnet 127.0.0.1 PORT": client(tool("pytelnet"))},
        baseline="telnet 127.0.0.1 PORT", rounds=5,
        note="target: pytelnet within 1.25x telnet", cleanup=cleanup)
