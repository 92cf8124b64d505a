"""Peers and a terminal for pytelnet's tests: telnetd, scripted servers, a pty.

Every server listens on 127.0.0.1 on a port the kernel picks, runs for a
bounded time and is stopped (its processes killed) when the `with` block
ends, also on failure.
"""

import fcntl
import os
import pty
import select
import socket
import struct
import subprocess
import termios
import threading
import time

TERM = "vt100"
ROWS, COLUMNS = 33, 101


class _Server:
    """Listens on 127.0.0.1 (`port`); `_serve` runs in a thread until done."""

    def __enter__(self):
        self.listener = socket.socket()
        self.listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.listener.bind(("127.0.0.1", 0))
        self.listener.listen(8)
        self.listener.settimeout(30)
        self.port = self.listener.getsockname()[1]
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()
        return self

    def _accept(self):
        try:
            return self.listener.accept()[0]
        except OSError:
            return None


class InetdServer(_Server):
    """A server started per connection with the socket as its stdin and stdout."""

    def __init__(self, argv, connections=1, env=None):
        self.argv = argv
        self.env = env
        self.connections = connections
        self.processes = []

    def _serve(self):
        for _ in range(self.connections):
            connection = self._accept()
            if connection is None:
                return
            self.processes.append(subprocess.Popen(
                self.argv, stdin=connection, stdout=connection, stderr=subprocess.DEVNULL,
                env=self.env))
            connection.close()

    def __exit__(self, *exc_info):
        self.listener.close()
        for process in self.processes:
            if process.poll() is None:
                process.kill()
            process.wait(timeout=10)


class TelnetdServer(InetdServer):
    """inetutils telnetd with a shell (-E /bin/sh); DISPLAY, if given, in its environment."""

    def __init__(self, connections=1, env=None):
        super().__init__(["/usr/sbin/telnetd", "-E", "/bin/sh"], connections, env)


# Where .ci/setup unpacks netkit's in.telnetd (Debian's telnetd-ssl, not installed:
# it conflicts with inetutils-telnetd).
NETKIT_TELNETD = "/opt/pynettools-peers/telnetd-ssl/usr/sbin/in.telnetd"
BUSYBOX = "/bin/busybox"


class NetkitTelnetd(InetdServer):
    """netkit's in.telnetd (SSL off), its login program a shell."""

    def __init__(self, directory):
        login = os.path.join(directory, "login")
        with open(login, "w") as script:
            script.write("#!/bin/sh\nexec /bin/sh\n")
        os.chmod(login, 0o755)
        certificate = os.path.join(directory, "telnetd.pem")
        subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days",
                        "2", "-subj", "/CN=localhost", "-keyout", certificate, "-out",
                        certificate + ".crt"], check=True, capture_output=True, timeout=60)
        with open(certificate, "a") as pem, open(certificate + ".crt") as crt:
            pem.write(crt.read())
        super().__init__([NETKIT_TELNETD, "-z", "cert=" + certificate, "-z", "nossl",
                          "-L", login])


class BusyboxTelnetd(InetdServer):
    """busybox's telnetd (busybox-static) in inetd mode, with a shell."""

    def __init__(self):
        super().__init__([BUSYBOX, "telnetd", "-i", "-f", "/dev/null", "-l", "/bin/sh"])


class Telnetlib3Server:
    """telnetlib3's server (a PyPI test dependency) on 127.0.0.1, with its own shell."""

    def __enter__(self):
        import sys

        probe = socket.socket()
        probe.bind(("127.0.0.1", 0))
        self.port = probe.getsockname()[1]
        probe.close()
        script = os.path.join(os.path.dirname(sys.executable), "telnetlib3-server")
        self.process = subprocess.Popen([script, "--loglevel", "error", "127.0.0.1",
                                         str(self.port)], stdout=subprocess.DEVNULL,
                                        stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.1)
        return self

    def __exit__(self, *exc_info):
        self.process.kill()
        self.process.wait(timeout=10)


class RecordingRelay(_Server):
    """Forwards one connection to 127.0.0.1:`port`, recording what each side sends."""

    def __init__(self, port, seconds=60):
        self.target = port
        self.seconds = seconds
        self.sent = b""  # by the client
        self.received = b""  # by the server
        self.done = threading.Event()

    def _serve(self):
        client = self._accept()
        if client is None:
            return
        try:
            server = socket.create_connection(("127.0.0.1", self.target), timeout=10)
        except OSError:
            client.close()
            return
        with client, server:
            deadline = time.monotonic() + self.seconds
            while time.monotonic() < deadline:
                readable, _, _ = select.select([client, server], [], [], 0.1)
                if not self._forward(readable, client, server):
                    break
        self.done.set()

    def _forward(self, readable, client, server):
        for source in readable:
            try:
                data = source.recv(65536)
            except OSError:
                data = b""
            if not data:
                return False
            if source is client:
                self.sent += data
            else:
                self.received += data
            (server if source is client else client).sendall(data)
        return True

    def __exit__(self, *exc_info):
        self.listener.close()
        self.thread.join(30)


class ScriptedServer(_Server):
    """Accepts one connection, sends `greeting`, records what arrives.

    `behaviour(connection)` replaces the default (send, then read for
    `listen_seconds`, then close).  `received` holds the client's bytes.
    """

    def __init__(self, greeting=b"", listen_seconds=1.0, behaviour=None):
        self.greeting = greeting
        self.listen_seconds = listen_seconds
        self.behaviour = behaviour
        self.received = b""

    def _serve(self):
        connection = self._accept()
        if connection is None:
            return
        with connection:
            if self.behaviour:
                try:
                    self.behaviour(connection)
                    # Read what the client still sends, so that closing does not
                    # reset the connection and lose the end of our data.
                    connection.shutdown(socket.SHUT_WR)
                    read_for(connection, 60)
                except OSError:
                    pass
                return
            connection.sendall(self.greeting)
            self.received = read_for(connection, self.listen_seconds)

    def wait(self, timeout=30):
        self.thread.join(timeout)
        return self.received

    def __exit__(self, *exc_info):
        self.listener.close()
        self.thread.join(30)


def read_for(connection, seconds):
    """Everything a socket receives within `seconds` (or until it closes)."""
    received, deadline = b"", time.monotonic() + seconds
    while time.monotonic() < deadline:
        readable, _, _ = select.select([connection], [], [], 0.05)
        if readable:
            try:
                data = connection.recv(65536)
            except ConnectionResetError:
                break
            if not data:
                break
            received += data
    return received


class PtyProgram:
    """argv run on a pseudo-terminal of ROWS x COLUMNS with TERM set."""

    def __init__(self, argv, env=None):
        environment = dict(os.environ if env is None else env, TERM=TERM)
        self.pid, self.fd = pty.fork()
        if self.pid == 0:
            try:
                os.execvpe(argv[0], argv, environment)
            finally:
                os._exit(127)
        fcntl.ioctl(self.fd, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLUMNS, 0, 0))
        self.output = b""
        self.status = None

    def read_until(self, pattern, timeout=15):
        """Read output until `pattern` appears after what was read before; True if it did."""
        start = len(self.output)
        deadline = time.monotonic() + timeout
        while pattern not in self.output[start:] and time.monotonic() < deadline:
            if not self._read(0.05):
                break
        return pattern in self.output[start:]

    def _read(self, timeout):
        readable, _, _ = select.select([self.fd], [], [], timeout)
        if readable:
            try:
                data = os.read(self.fd, 65536)
            except OSError:
                return False
            if not data:
                return False
            self.output += data
        return True

    def send(self, data):
        os.write(self.fd, data)

    def finish(self, timeout=15):
        """Read to the end; the exit status (None if it had to be killed)."""
        status = self.finish_keeping_fd(timeout)
        os.close(self.fd)
        return status

    def finish_keeping_fd(self, timeout=15):
        """finish(), the terminal left open for a look at its settings."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and self._read(0.05):
            pass
        while time.monotonic() < deadline:
            done, status = os.waitpid(self.pid, os.WNOHANG)
            if done:
                self.status = os.waitstatus_to_exitcode(status)
                break
            time.sleep(0.02)
        if self.status is None:
            self.kill()
        return self.status

    def kill(self):
        if self.status is not None:
            return
        try:
            os.kill(self.pid, 9)
            os.waitpid(self.pid, 0)
        except (ProcessLookupError, ChildProcessError):
            pass
