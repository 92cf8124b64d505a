"""The owner helper's protocol, its refresh rule and the capture side's cache (no root).

The helper's loop runs in this process over a socket pair with a table
reader and a clock of the test's own; one test forks the real helper and
asks it about a loopback connection of this process.
"""

import os
import socket
import time

import pytest

from pynettools.capture import owner_service, owners
from pynettools.sockets.records import SocketOwner

CLIENT, SERVER = SocketOwner(100, "client"), SocketOwner(200, "server")
FLOW = owners.Flow(owners.UDP, owners.DATA, owners.MAPPED + bytes(4), 1,
                   owners.MAPPED + b"\x7f\0\0\1", 53)


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


class Reader:
    """A table reader: a flow to port 53 goes from CLIENT to SERVER, one to 5353
    to SERVER from no known process; counts calls."""

    def __init__(self):
        self.calls = []

    def __call__(self, previous, flows):
        self.calls.append(list(flows))
        return Table()


class Table:
    def ends(self, flow):
        if flow.destination_port == 53:
            return owners.Ends(CLIENT, SERVER)
        return owners.Ends(None, SERVER) if flow.destination_port == 5353 else owners.NO_ENDS


@pytest.fixture
def pair():
    ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
    yield ours, theirs
    ours.close()
    theirs.close()


def answers(channel):
    found = []
    channel.setblocking(False)
    while True:
        try:
            found.append(owner_service.decode_answer(channel.recv(65536)))
        except BlockingIOError:
            return found


def test_helper_refreshes_at_most_every_half_second(pair):
    ours, theirs = pair
    clock, reader = Clock(), Reader()
    helper = owner_service.Helper(theirs, clock, reader)
    helper.ask(owners.flow_bytes(FLOW))
    assert helper.pending and not reader.calls  # asked: waits for the loop's refresh
    helper.refresh()
    assert answers(ours) == [(FLOW, owners.Ends(CLIENT, SERVER))]
    # a young table that knows both ends answers at once, without a new table
    helper.ask(owners.flow_bytes(FLOW))
    assert answers(ours) == [(FLOW, owners.Ends(CLIENT, SERVER))] and len(reader.calls) == 1
    # one it knows one end of is answered with it, and with the next table again;
    # one it knows nothing of waits for the next table
    half, unknown = FLOW._replace(destination_port=5353), FLOW._replace(destination_port=54)
    helper.ask(owners.flow_bytes(half))
    helper.ask(owners.flow_bytes(unknown))
    assert answers(ours) == [(half, owners.Ends(None, SERVER))]
    assert list(helper.pending) == [half, unknown]
    clock.now += owner_service.REFRESH_SECONDS
    helper.refresh()
    assert answers(ours) == [(half, owners.Ends(None, SERVER)), (unknown, owners.NO_ENDS)]
    assert reader.calls[-1] == [half, unknown]


def test_helper_ignores_malformed_requests_and_bounds_its_questions(pair, monkeypatch):
    _, theirs = pair
    helper = owner_service.Helper(theirs, Clock(), Reader())
    helper.ask(b"short")
    assert not helper.pending
    monkeypatch.setattr(owner_service, "MAX_PENDING", 3)
    for port in range(10):
        helper.ask(owners.flow_bytes(FLOW._replace(source_port=port)))
    assert len(helper.pending) == 3


def test_answers_carry_owners_and_absence():
    ends = owners.Ends(SocketOwner(7, "n\udcffame"), None)
    assert owner_service.decode_answer(owner_service.encode_answer(FLOW, ends)) == (FLOW, ends)


def test_cache_asks_once_then_serves_the_answer_and_forgets_it_in_time(pair):
    ours, theirs = pair
    clock = Clock()
    service = owner_service.OwnerService(ours, None, clock)
    assert service.ends(FLOW) == owners.NO_ENDS
    assert service.ends(FLOW) == owners.NO_ENDS  # pending: not asked twice
    theirs.setblocking(False)
    assert theirs.recv(100) == owners.flow_bytes(FLOW)
    with pytest.raises(BlockingIOError):
        theirs.recv(100)
    theirs.send(owner_service.encode_answer(FLOW, owners.Ends(None, SERVER)))
    assert service.ends(FLOW) == owners.Ends(None, SERVER)
    clock.now += owner_service.UDP_KNOWN_SECONDS  # FLOW is UDP
    # too old: asked again, the old answer shown until the new one comes
    assert service.ends(FLOW) == owners.Ends(None, SERVER)
    assert theirs.recv(100) == owners.flow_bytes(FLOW)
    assert service.ends(FLOW) == owners.Ends(None, SERVER)
    with pytest.raises(BlockingIOError):  # once
        theirs.recv(100)
    theirs.send(owner_service.encode_answer(FLOW, owners.NO_ENDS))
    assert service.ends(FLOW) == owners.NO_ENDS
    service.close()


def test_a_tcp_flows_owners_are_trusted_longer_than_a_udp_ones(pair):
    ours, theirs = pair
    clock = Clock()
    service = owner_service.OwnerService(ours, None, clock)
    segment = FLOW._replace(protocol=owners.TCP)
    for flow in (FLOW, segment):
        service.ends(flow)
        theirs.send(owner_service.encode_answer(flow, owners.Ends(None, SERVER)))
    service.ends(FLOW)  # reads both answers
    theirs.setblocking(False)
    assert answers_asked(theirs) == 2
    clock.now += owner_service.UDP_KNOWN_SECONDS
    service.ends(segment)
    service.ends(FLOW)
    assert answers_asked(theirs) == 1  # the UDP flow's, asked again


def answers_asked(channel):
    """How many questions wait in the helper's end of the channel (all read)."""
    count = 0
    while True:
        try:
            channel.recv(100)
        except BlockingIOError:
            return count
        count += 1


def test_a_syn_forgets_the_owner_of_its_4_tuple(pair):
    ours, theirs = pair
    service = owner_service.OwnerService(ours, None, Clock())
    segment = FLOW._replace(protocol=owners.TCP)
    reply = owners.Flow(owners.TCP, owners.DATA, segment.destination, segment.destination_port,
                        segment.source, segment.source_port)
    for flow in (segment, reply):
        assert service.ends(flow) == owners.NO_ENDS  # asked
        theirs.send(owner_service.encode_answer(flow, owners.Ends(None, SERVER)))
    assert service.ends(segment) == owners.Ends(None, SERVER)
    assert service.ends(segment._replace(handshake=owners.SYN)) == owners.NO_ENDS
    assert service.ends(reply) == owners.NO_ENDS


def test_cache_is_bounded(pair, monkeypatch):
    ours, _ = pair
    monkeypatch.setattr(owner_service, "CACHE_SIZE", 16)
    service = owner_service.OwnerService(ours, None, Clock())
    for port in range(100):
        service.ends(FLOW._replace(source_port=port))
    assert len(service._cache) <= 16


def test_forked_helper_names_this_process_for_its_loopback_connection():
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen()
        with socket.create_connection(server.getsockname()) as client:
            accepted, _ = server.accept()
            with accepted:
                here, there = client.getsockname(), server.getsockname()
                flow = owners.Flow(owners.TCP, owners.DATA,
                                   owners.MAPPED + socket.inet_aton(here[0]), here[1],
                                   owners.MAPPED + socket.inet_aton(there[0]), there[1])
                service = owner_service.start()
                try:
                    deadline = time.monotonic() + 10
                    ends = service.ends(flow)
                    while ends == owners.NO_ENDS and time.monotonic() < deadline:
                        time.sleep(0.02)
                        ends = service.ends(flow)
                finally:
                    service.close()
    assert [owner.pid for owner in ends] == [os.getpid(), os.getpid()]
    with pytest.raises(ChildProcessError):  # reaped
        os.waitpid(service._pid, os.WNOHANG)


def test_a_helper_that_is_gone_makes_every_flow_unknown_at_once(pair):
    ours, theirs = pair
    service = owner_service.OwnerService(ours, None, Clock())
    theirs.close()
    assert service.ends(FLOW) == owners.NO_ENDS
    assert service._gone  # nothing is sent any more
    assert service.ends(FLOW._replace(source_port=2)) == owners.NO_ENDS
