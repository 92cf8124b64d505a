"""Packet owners off the capture path: a helper process and a bounded cache.  Never prints.

    service = start()            # forks the helper: before any privilege drop (-Z)
    ends = service.ends(flow)    # Ends(sender, receiver); NO_ENDS: not known (yet)
    service.close()

The fd scan behind an owner costs a large fraction of a second on a busy
host, so the capture never waits for it: `ends` answers from the cache,
or asks the helper and returns NO_ENDS at once (the packet is shown without
an owner); the answer serves the flow's later packets, and is asked again
after a while (KNOWN_SECONDS for TCP, unless a SYN starts the 4-tuple anew;
UDP_KNOWN_SECONDS for UDP, whose port can pass to another process with no
sign on the wire), shown until the new answer comes.  Memory is bounded:
CACHE_SIZE flows here, MAX_PENDING questions in the helper.  The helper is a
forked process, not a thread: it keeps the privileges the capture had when
it started (after setuid a process cannot read other users' /proc/PID/fd),
and its scans do not hold this interpreter's lock.  It rebuilds its socket
table at most every REFRESH_SECONDS, and only when a flow it was asked for
is not in the table it has; a flow still unknown after a fresh table is
answered unknown.

The channel is a SOCK_SEQPACKET pair: requests are fixed 38-byte flow
records, answers a flow record and two (pid, name) pairs; the helper,
which may keep root, parses nothing but fixed-size fields.  When the
channel is full the request is dropped and asked again later; the helper
ends when the capture's end of the channel closes (or the capture dies).
"""

import collections
import os
import select
import signal
import socket
import struct
import time

from pynettools.capture import owners
from pynettools.errors import PynettoolsError
from pynettools.sockets.records import SocketOwner

REFRESH_SECONDS = 0.5   # the helper's table is rebuilt at most this often
CACHE_SIZE = 4096       # flows remembered by the capture side (oldest dropped first)
KNOWN_SECONDS = 10.0    # a TCP flow's owners are trusted this long (a SYN forgets them)
UDP_KNOWN_SECONDS = 2.0  # a UDP flow's: its port may pass to another process unseen
UNKNOWN_SECONDS = 1.0   # an unknown flow is asked again after this
PENDING_SECONDS = 5.0   # a question unanswered this long is asked again
MAX_PENDING = 4096      # questions the helper holds for its next table
_MESSAGE = 65536
_OWNER = struct.Struct("!iB")  # pid (-1: none), name length; then the name
_NAME_BYTES = 255


def start(clock=time.monotonic):
    """An OwnerService with its helper process forked and running."""
    ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
    pid = os.fork()
    if pid == 0:
        ours.close()
        _helper_main(theirs)
    theirs.close()
    return OwnerService(ours, pid, clock)


class OwnerService:
    """The capture's side: a cache of answers and the channel to the helper
    (process `pid`, reaped by close; None when the caller runs the helper)."""

    def __init__(self, channel, pid, clock=time.monotonic):
        self._clock = clock
        self._cache = collections.OrderedDict()  # flow: see _remember
        self._pid = pid
        self._asked = 0  # questions sent and not answered: the channel is read only then
        self._gone = False  # the helper ended: nothing is asked any more
        channel.setblocking(False)
        self._channel = channel

    def ends(self, flow):
        """Ends(sender, receiver) of `flow` as far as known: NO_ENDS until the
        helper first answers (asked, never waited for).  An answer past its
        time is asked again and shown meanwhile, so that a long flow does not
        turn unknown while the helper looks again."""
        if self._gone:
            return owners.NO_ENDS
        if self._asked:
            self._receive()
        now = self._clock()
        if flow.handshake == owners.SYN:  # a new connection: its 4-tuple may have a new owner
            self._forget(flow)
        entry = self._cache.get(flow)
        if entry is None:
            entry = self._remember(flow, owners.NO_ENDS, now)
        if now >= entry[1] and (entry[2] is None or now >= entry[2] + PENDING_SECONDS):
            self._ask(flow, entry, now)
        return entry[0]

    def _ask(self, flow, entry, now):
        try:
            self._channel.send(owners.flow_bytes(flow))
        except BlockingIOError:  # the helper is busy (channel full): asked at the next packet
            return
        except OSError:  # the helper is gone: every flow is unknown from now on
            self._gone = True
            entry[0] = owners.NO_ENDS
            return
        self._asked += 1
        entry[2] = now

    def close(self):
        """Close the channel (the helper ends), and reap it."""
        if self._channel is None:
            return
        self._channel.close()
        self._channel = None
        if self._pid is None:
            return
        deadline = time.monotonic() + 0.2
        while time.monotonic() < deadline:
            if os.waitpid(self._pid, os.WNOHANG)[0]:
                return
            time.sleep(0.01)
        os.kill(self._pid, signal.SIGKILL)  # mid-scan: it holds nothing worth waiting for
        os.waitpid(self._pid, 0)

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.close()

    def _receive(self):
        while True:
            try:
                data = self._channel.recv(_MESSAGE)
            except OSError:  # nothing to read (BlockingIOError), or the helper is gone
                return
            if not data:
                return
            self._asked = max(0, self._asked - 1)
            flow, ends = decode_answer(data)
            if ends == owners.NO_ENDS:
                trusted = UNKNOWN_SECONDS
            else:
                trusted = KNOWN_SECONDS if flow.protocol == owners.TCP else UDP_KNOWN_SECONDS
            self._remember(flow, ends, self._clock() + trusted)

    def _remember(self, flow, value, expiry):
        """The flow's new entry: [value, until when it is trusted, when asked again]."""
        entry = self._cache[flow] = [value, expiry, None]
        self._cache.move_to_end(flow)
        while len(self._cache) > CACHE_SIZE:
            self._cache.popitem(last=False)
        return entry

    def _forget(self, flow):
        for handshake in (owners.DATA, owners.SYN, owners.SYN_ACK):
            for key in (flow._replace(handshake=handshake),
                        owners.Flow(flow.protocol, handshake, flow.destination,
                                    flow.destination_port, flow.source, flow.source_port)):
                self._cache.pop(key, None)


def encode_answer(flow, ends):
    parts = [owners.flow_bytes(flow)]
    for owner in ends:
        name = owner.program.encode("utf-8", "surrogateescape")[:_NAME_BYTES] if owner else b""
        parts.append(_OWNER.pack(owner.pid if owner else -1, len(name)) + name)
    return b"".join(parts)


def decode_answer(data):
    """(Flow, Ends) of an answer message."""
    flow, offset, found = owners.flow_from_bytes(data), owners.FLOW_SIZE, []
    for _ in range(2):
        pid, length = _OWNER.unpack_from(data, offset)
        offset += _OWNER.size
        name = data[offset:offset + length].decode("utf-8", "surrogateescape")
        offset += length
        found.append(SocketOwner(pid, name) if pid >= 0 else None)
    return flow, owners.Ends(*found)


def _helper_main(channel):
    """The helper's life: nothing of the capture's but the channel, then serve.
    Ctrl-C reaches the whole process group: the capture handles it (its
    statistics), the helper ignores it and ends with the channel."""
    status = 0
    try:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        os.nice(10)  # on a busy host a table costs a fraction of a core: the capture first
        _detach(channel.fileno())
        Helper(channel).serve()
    except BaseException:  # noqa: BLE001 - a helper must never run the capture's code
        status = 1
    os._exit(status)


def _detach(keep):
    """Drop every inherited fd but `keep` (a capture socket kept open here would
    hold its ring and promiscuity), with /dev/null as 0, 1 and 2 (a pipe held
    open here would not see its reader go)."""
    null = os.open(os.devnull, os.O_RDWR)
    for standard in (0, 1, 2):
        os.dup2(null, standard)
    os.closerange(3, keep)
    os.closerange(keep + 1, os.sysconf("SC_OPEN_MAX"))


class Helper:
    """The helper's loop: read questions, answer from a table at most
    REFRESH_SECONDS old or from the next one; `clock` and `read_table` are
    the time and the table reader (tests give their own)."""

    def __init__(self, channel, clock=time.monotonic, read_table=owners.read_table):
        self.channel = channel
        self.clock = clock
        self.read_table = read_table
        self.table = None
        self.built = float("-inf")
        self.pending = {}

    def serve(self):
        """Until the channel closes; the first table at once, so that flows older
        than the capture are known from its first packets."""
        self.channel.setblocking(False)  # an answer the capture does not read is dropped
        self.refresh()
        while True:
            wait = max(0.0, self.built + REFRESH_SECONDS - self.clock()) if self.pending else None
            if select.select([self.channel], [], [], wait)[0]:
                data = self.channel.recv(_MESSAGE)
                if not data:
                    return
                self.ask(data)
            if self.pending and self.clock() >= self.built + REFRESH_SECONDS:
                self.refresh()

    def ask(self, data):
        """A request: answered now with what a young table knows of it, and
        unless it knows both ends, kept for the next table too (a young table may
        predate the socket of the end it lacks: on loopback, the server's
        accepted socket when the table was made at the client's SYN)."""
        if len(data) != owners.FLOW_SIZE:
            return
        flow = owners.flow_from_bytes(data)
        if self.table is not None and self.clock() < self.built + REFRESH_SECONDS:
            ends = self.table.ends(flow)
            if ends != owners.NO_ENDS:
                self._answer(flow, ends)
            if None not in ends:
                return
        if len(self.pending) < MAX_PENDING:
            self.pending[flow] = True

    def refresh(self):
        """A new table; every pending flow answered from it."""
        flows, self.pending = list(self.pending), {}
        self.built = self.clock()  # the table shows the sockets of when its dump began
        try:
            self.table = self.read_table(self.table, flows)
        except (PynettoolsError, OSError):  # sock_diag or an ioctl failed: unknown this time
            self.table = None
        for flow in flows:
            self._answer(flow, self.table.ends(flow) if self.table else owners.NO_ENDS)

    def _answer(self, flow, ends):
        try:
            self.channel.send(encode_answer(flow, ends))
        except BlockingIOError:  # the capture is not reading: it asks again later
            pass
