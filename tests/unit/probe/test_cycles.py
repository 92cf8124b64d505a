"""mtr's rounds and figures (pynettools.probe.cycles), without a network.

The paths here (routers, a target, silent hops) cannot exist without
namespaces, so a method that answers from a table stands in for the
kernel; tests/lab/test_pytraceroute_report.py compares the real thing with
mtr.
"""

import time

from pynettools.probe import Reply, Slot
from pynettools.probe.cycles import MAX_UNKNOWN, Cycles, HopStatistics, path_end

TARGET = "203.0.113.2"


def test_figures_use_mtrs_integer_arithmetic():
    hop = HopStatistics()
    hop.sent = 4
    for microseconds in (100, 200, 400):
        hop.answered("192.0.2.2", microseconds, False)
    assert (hop.received, hop.last, hop.best, hop.worst) == (3, 400, 100, 400)
    assert (hop.average, hop.squares, hop.stdev, hop.loss) == (233, 46750, 152, 25000)
    lost = HopStatistics()
    lost.sent = 3
    assert (lost.loss, lost.stdev, lost.average) == (100000, 0, 0)
    third = HopStatistics()
    third.sent, third.received = 3, 2
    assert third.loss == 33333  # 33.333%: truncated, as mtr's net_loss


def test_responders_are_kept_first_seen_first_the_latest_on_top():
    hop = HopStatistics()
    for address in ("a", "b", "a", "c"):
        hop.answered(address, 10, False)
    assert (hop.address, hop.addresses) == ("c", ["a", "b", "c"])
    for number in range(20):
        hop.answered("x%d" % number, 10, number == 19)
    assert len(hop.addresses) == 8 and hop.address == "x19" and hop.error


def statistics(*addresses, error_at=None):
    hops = [HopStatistics() for _ in range(30)]
    for index, address in enumerate(addresses):
        if address:
            hops[index].answered(address, 10, index == error_at)
    return hops


def test_the_path_ends_at_the_target_or_an_error_else_one_past_the_last_answer():
    assert path_end(statistics("a", "b", TARGET, TARGET), 30, TARGET) == 3
    assert path_end(statistics("a", "b", "c", "d", error_at=2), 30, TARGET) == 3
    assert path_end(statistics("a", None, "c"), 30, TARGET) == 4
    assert path_end(statistics("a", "b"), 2, TARGET) == 2
    assert path_end(statistics(), 30, TARGET) == 0


class TablePath:
    """A method whose probes are answered from `answers` (ttl -> (address, icmp type,
    code), None for silence) at once; it records the TTL of every probe sent."""

    poller = None

    def __init__(self, answers):
        self.answers = answers
        self.sent = []
        self.out = []

    def new_slot(self, index, ttl):
        return Slot(index, ttl)

    def send(self, slot):
        slot.sent_at = time.time()
        self.sent.append(slot.ttl)
        answer = self.answers(slot.ttl)
        if answer is not None:
            address, kind, code = answer
            self.out.append((slot, Reply(address, slot.sent_at + 0.0001, kind, code, "",
                                         False, None, None, None)))

    def retire(self, slot):
        pass

    def close(self):
        pass


def run_rounds(answers, cycles=3, max_hops=30, first_hop=1):
    method = TablePath(answers)
    rounds = Cycles(method, TARGET, 4, first_hop, max_hops, cycles, interval=0.0, wait=0.01)
    done = []
    for _ in range(10000):
        if rounds.finished:
            break
        deadline, finished = rounds.step(time.time())
        done += finished
        rounds.collect(method.out)
        method.out = []
        if deadline is not None:
            time.sleep(max(0.0, min(0.001, deadline - time.time())))
    return method.sent, done, rounds


def routers_then_target(ttl):
    return ("192.0.2.%d" % ttl, 11, 0) if ttl < 3 else (TARGET, 3, 3)


def test_an_echo_reply_or_a_tcp_answer_from_the_target_answers_too():
    for kind, code in ((0, 0), (None, None)):
        sent, _done, rounds = run_rounds(lambda ttl: ("192.0.2.1", 11, 0) if ttl < 2 else
                                         (TARGET, kind, code), cycles=2)
        assert sent == [1, 2, 3, 1, 2] and rounds.hops[1].received == 2


def test_the_first_round_goes_one_past_the_target_the_next_ones_to_it():
    sent, done, rounds = run_rounds(routers_then_target)
    assert sent == [1, 2, 3, 4, 1, 2, 3, 1, 2, 3]
    assert done == [1, 2, 3]
    assert [hop.sent for hop in rounds.hops[:4]] == [3, 3, 3, 1]
    assert rounds.hosts == 3


def test_a_round_ends_at_an_error_hop():
    sent, _done, rounds = run_rounds(lambda ttl: ("192.0.2.9", 11, 0) if ttl < 2 else
                                     ("192.0.2.10", 3, 1), cycles=2)
    assert sent == [1, 2, 3, 1, 2]
    assert rounds.hops[1].error and not rounds.hops[0].error


def test_port_unreachable_from_a_router_is_an_answer_not_an_end():
    sent, _done, _rounds = run_rounds(lambda ttl: ("192.0.2.14", 3, 3), cycles=1, max_hops=6)
    assert sent == [1, 2, 3, 4, 5, 6]


def test_silence_ends_a_round_after_more_than_max_unknown_hops():
    sent, _done, rounds = run_rounds(lambda ttl: ("192.0.2.1", 11, 0) if ttl == 1 else None,
                                     cycles=2)
    first_round = sent[:sent.index(1, 1)]
    # the probe after which more than 12 hops below are silent ends the round
    # (mtr: hops 1-4 answer, the round goes to TTL 18)
    assert first_round == list(range(1, 1 + MAX_UNKNOWN + 3))
    assert rounds.hops[2].sent == 2 and rounds.hops[2].received == 0


def test_messages_that_answer_nothing_are_ignored():
    """Packet too big (IPv4 has none: a parameter problem, type 12) answers no probe."""
    sent, _done, rounds = run_rounds(lambda ttl: ("192.0.2.1", 12, 0), cycles=1, max_hops=3)
    assert sent == [1, 2, 3] and all(hop.received == 0 for hop in rounds.hops)
