"""A Telnet connection: a socket plus the protocol, and the API for scripts.

    from pynettools.telnet.session import TelnetSession
    with TelnetSession.connect("localhost", 44100, timeout=5) as session:
        session.send(b"hello\\n")
        print(session.read_until(b"bye", timeout=5))

The protocol answers the peer's negotiation by itself while data is read.
`connect` resolves and tries each address in turn; `open_socket` is that
loop with a hook per address, which pytelnet uses to print its messages.
"""

import select
import _socket as socket  # the C module: `socket` costs ~4 ms of enum set-up
import time

from pynettools.errors import ConnectError, ResolveError, SocketCallError
from pynettools.telnet.protocol import TelnetProtocol

TELNET_PORT = 23
AI_IDN = 0x0040  # glibc's <netdb.h>; the socket module does not name it
READ_SIZE = 65536
# Answers are dropped while this much is unsent: a peer that floods requests
# and never reads cannot make us grow, nor stop us reading it.
MAX_UNSENT_ANSWERS = 1 << 20


class LocalAddressError(ResolveError):
    """-b ADDRESS cannot be made a local address."""


def resolve(host, port, family=socket.AF_UNSPEC, service_text=None):
    """Addresses for host:port as getaddrinfo gives them, and the canonical name.

    As telnet: the name's bytes go to the C library with AI_IDN, which
    converts international names itself (Python's idna codec would refuse
    some names glibc takes, and fail others with its own error).
    """
    try:
        infos = socket.getaddrinfo(_c_name(host), port, family, socket.SOCK_STREAM, 0,
                                   socket.AI_CANONNAME | AI_IDN)
    except socket.gaierror as error:
        raise ResolveError(host, error.strerror, service_text or port) from None
    canonical = infos[0][3] or host
    return [(info[0], info[4]) for info in infos], canonical


def _c_name(text):
    """A name as the bytes the user gave (argv is decoded with surrogateescape)."""
    return text.encode("utf-8", "surrogateescape") if isinstance(text, str) else text


def local_address(address, family):
    """-b ADDRESS as a socket address of `family` (telnet resolves it first)."""
    try:
        return socket.getaddrinfo(_c_name(address), 0, family, socket.SOCK_STREAM)[0][4]
    except socket.gaierror as error:
        raise LocalAddressError(address, error.strerror) from None


def open_socket(addresses, bind=None, attempt=None, timeout=None):
    """Connect to the first address that answers; `attempt(address, error)` hooks.

    attempt is called with (address, None) before each try and with
    (address, OSError) after a failure that another address follows.
    """
    last_error = None
    for index, (family, address) in enumerate(addresses):
        if attempt:
            attempt(address[0], None)
        sock = socket.socket(family, socket.SOCK_STREAM)
        try:
            if bind is not None:
                _bind(sock, bind)
            sock.settimeout(timeout)
            sock.connect(address)
            sock.settimeout(None)
            return sock, address
        except SocketCallError:
            sock.close()
            raise
        except OSError as error:
            sock.close()
            last_error = error
            if attempt and index + 1 < len(addresses):
                attempt(address[0], error)
    if last_error is None:
        raise ConnectError("no address")
    raise ConnectError(last_error.strerror, last_error.errno)


def _bind(sock, local):
    try:
        sock.bind(local)
    except OSError as error:
        raise SocketCallError("bind", error.errno) from None


class TelnetSession:
    """A connected socket and its TelnetProtocol, with counters for --json."""

    def __init__(self, sock, protocol=None, negotiate=False):
        self.sock = sock
        self.protocol = protocol or TelnetProtocol()
        self.bytes_sent = 0
        self.bytes_received = 0
        self.closed_by_peer = False
        self._buffer = bytearray()
        self.outgoing = bytearray()  # wire bytes not yet accepted by the socket
        # Output is only queued while held (pytelnet's prompt after SIGINT, where
        # telnet stops serving the connection); write_pending() still sends it.
        self.held = False
        if negotiate:
            self.protocol.start()
            self.flush()

    @classmethod
    def connect(cls, host, port=TELNET_PORT, timeout=None, negotiate=None, protocol=None):
        """Connect to host:port; negotiate as telnet does (on port 23) unless told."""
        addresses, _ = resolve(host, port)
        sock, _ = open_socket(addresses, timeout=timeout)
        return cls(sock, protocol, port == TELNET_PORT if negotiate is None else negotiate)

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.close()

    def fileno(self):
        return self.sock.fileno()

    def send(self, data):
        """Send typed data (str is encoded as UTF-8), translated as telnet does."""
        if isinstance(data, str):
            data = data.encode()
        self._sendall(self.protocol.encode(data))

    def flush(self):
        """Send the protocol's queued answers."""
        output = self.protocol.take_output()
        if output and len(self.outgoing) < MAX_UNSENT_ANSWERS:
            self._sendall(output)

    def _sendall(self, data):
        if self.held:
            self.outgoing += data
            return
        if self.sock.getblocking() and not self.outgoing:
            self.sock.sendall(data)
            self.bytes_sent += len(data)
        else:
            self.outgoing += data
            self.write_pending()

    def write_pending(self):
        """On a non-blocking socket: send what the socket takes now."""
        try:
            sent = self.sock.send(self.outgoing)
        except (BlockingIOError, InterruptedError):
            return
        except (ConnectionResetError, BrokenPipeError):
            self.outgoing.clear()  # the peer is gone; the next read reports it
            return
        del self.outgoing[:sent]
        self.bytes_sent += sent

    def receive(self, size=READ_SIZE):
        """One read: the data to show (may be b"" after pure negotiation), None at EOF."""
        try:
            data = self.sock.recv(size)
        except (BlockingIOError, InterruptedError):
            return b""
        except ConnectionResetError:
            data = b""
        if not data:
            self.closed_by_peer = True
            return None
        self.bytes_received += len(data)
        protocol = self.protocol
        shown = protocol.receive_flushing(data) if protocol.flushing else protocol.receive(data)
        self.flush()
        return shown

    def read_some(self, timeout=None):
        """Whatever data arrives first (b"" at EOF or on timeout)."""
        if self._buffer:
            data = bytes(self._buffer)
            self._buffer.clear()
            return data
        deadline = None if timeout is None else time.monotonic() + timeout
        while not self.closed_by_peer:
            if not self._wait(deadline):
                return b""
            shown = self.receive()
            if shown is None:
                return self.protocol.finish()
            if shown:
                return shown
        return b""

    def read_until(self, pattern, timeout=None):
        """Data up to and including `pattern` (bytes or compiled regex).

        On timeout or EOF, returns what arrived without the pattern.
        """
        deadline = None if timeout is None else time.monotonic() + timeout
        while True:
            end = _match_end(pattern, self._buffer)
            if end is not None:
                data = bytes(self._buffer[:end])
                del self._buffer[:end]
                return data
            if self.closed_by_peer or not self._wait(deadline):
                data = bytes(self._buffer)
                self._buffer.clear()
                return data
            shown = self.receive()
            self._buffer += self.protocol.finish() if shown is None else shown

    def read_all(self, timeout=None):
        """Everything until the peer closes (or the timeout passes)."""
        import re

        return self.read_until(re.compile(rb"(?!)"), timeout)

    def _wait(self, deadline):
        remaining = None if deadline is None else max(deadline - time.monotonic(), 0)
        readable, _, _ = select.select([self.sock], [], [], remaining)
        return bool(readable)

    def close(self):
        self.sock.close()


def _match_end(pattern, buffer):
    if isinstance(pattern, (bytes, bytearray)):
        index = buffer.find(pattern)
        return None if index < 0 else index + len(pattern)
    match = pattern.search(buffer)
    return None if match is None else match.end()
