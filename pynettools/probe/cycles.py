"""mtr's rounds: one probe to each hop in turn, cycle after cycle, and its figures.

A round sends one probe to TTL first, first+1, ...: one probe every
interval/H seconds, H being the number of hops the previous round probed
(10 before any round ended), so that a round lasts `interval`.  A round
ends after the probe to the first hop whose latest answer came from the
target (or an error ended the path there), after the probe to the maximum
TTL, or once more than MAX_UNKNOWN hops below have never answered, as in
mtr 0.95 (which alone also probes on past an ICMP error to the maximum
TTL; the hops past it are never shown).  After `cycles` rounds, the probes
still out are waited for, each up to `wait` seconds from its send.

Answers are counted as mtr-packet counts them: time exceeded, port
unreachable and the target's own reply (an echo reply, a TCP or UDP answer)
answer a probe; any other
destination unreachable answers it with an error (the path ends there);
other ICMP messages (packet too big, parameter problem) do not answer it.
`HopStatistics` keeps mtr's figures with its integer arithmetic in
microseconds, so that Avg and StDev round as mtr's do.
"""

import math
import time

from pynettools.probe.family import family_of

MAX_UNKNOWN = 12  # mtr 0.95's default (-U), whatever its manual says
INITIAL_HOSTS = 10  # hops a round is assumed to take until one has ended
MAX_ADDRESSES = 8  # responders remembered per hop, as mtr's MAXPATH


class HopStatistics:
    """What mtr's report shows for one TTL: counts, round trips, responders."""

    __slots__ = ("sent", "received", "last", "best", "worst", "average", "squares",
                 "address", "addresses", "error")

    def __init__(self):
        self.sent = self.received = 0
        self.last = self.best = self.worst = self.average = self.squares = 0  # microseconds
        self.address = None  # the latest responder
        self.addresses = []  # every responder, first seen first
        self.error = False

    def answered(self, address, microseconds, error):
        if address != self.address:
            if address not in self.addresses and len(self.addresses) < MAX_ADDRESSES:
                self.addresses.append(address)
            self.address = address
        self.error = error
        self.last = microseconds
        if self.received < 1:
            self.best = self.worst = microseconds
            self.average = self.squares = 0
        self.best = min(self.best, microseconds)
        self.worst = max(self.worst, microseconds)
        self.received += 1
        previous = self.average
        # C's int += double truncates toward zero, as does the long long sum
        self.average = int(self.average + (microseconds - previous) / self.received)
        self.squares = int(self.squares + (microseconds - previous) *
                           (microseconds - self.average))

    @property
    def loss(self):
        """Percent lost times 1000, truncated to an int, as mtr's net_loss."""
        if not self.sent:
            return 0
        return int(1000 * (100 - 100.0 * self.received / self.sent))

    @property
    def stdev(self):
        """Microseconds, truncated as mtr's net_stdev."""
        if self.received > 1:
            return int(math.sqrt(self.squares / (self.received - 1.0)))
        return 0


def path_end(hops, max_hops, target):
    """How many TTLs the report shows (mtr's net_max): up to the first hop
    answered by the target or with an error, else one past the last hop that
    answered, at most max_hops."""
    shown = 0
    for index in range(max_hops):
        hop = hops[index]
        if hop.address == target or hop.error:
            return index + 1
        if hop.address is not None:
            shown = index + 2
    return min(shown, max_hops)


class Cycles:
    """mtr's rounds for one target as a progress of `schedule.Loop`.

    Each completed round is an output (its number).  `hops[ttl - 1]` holds
    each TTL's HopStatistics.
    """

    def __init__(self, method, target, family, first_hop=1, max_hops=30, cycles=10,
                 interval=1.0, wait=5.0):
        self.method = method
        self.target = target
        self.family = family_of(family)
        self.first = first_hop - 1  # TTL index of the first hop
        self.max_hops = max_hops
        self.cycles = cycles
        self.interval = interval
        self.wait = wait
        self.hops = [HopStatistics() for _ in range(max_hops)]
        self.at = self.first  # the TTL index the next probe goes to
        self.hosts = INITIAL_HOSTS
        self.rounds = 0
        self.next_send = None  # None: at once
        self.out = []  # slots sent and not yet answered or given up
        self.probes = 0

    @property
    def finished(self):
        return self.rounds >= self.cycles and not self.out

    @property
    def probes_out(self):
        return len(self.out)

    def collect(self, answers):
        for slot, reply in answers:
            if reply is None or slot not in self.out:
                continue
            kind = self._kind(reply)
            if kind is None:
                continue
            microseconds = max(0, int((reply.received_at - slot.sent_at) * 1e6))
            self.hops[slot.ttl - 1].answered(reply.address, microseconds, kind == "error")
            self._retire(slot)

    def _kind(self, reply):
        """"reply", "error", or None for a message that does not answer the probe."""
        family = self.family
        if reply.icmp_type in (None, family.time_exceeded, family.echo_reply):
            return "reply"
        if reply.icmp_type == family.unreachable:
            return "reply" if reply.icmp_code == family.port_unreachable else "error"
        return None

    def step(self, now):
        """Give up expired probes, send the next one when due: (deadline, rounds done)."""
        for slot in [slot for slot in self.out if slot.sent_at + self.wait <= now]:
            self._retire(slot)
        done = []
        if self.rounds < self.cycles and (self.next_send is None or self.next_send <= now):
            if self._send():
                self.rounds += 1
                done.append(self.rounds)
            self.next_send = time.time() + self.interval / self.hosts
        deadline = self.next_send if self.rounds < self.cycles else None
        for slot in self.out:
            expiry = slot.sent_at + self.wait
            deadline = expiry if deadline is None else min(deadline, expiry)
        return deadline, done

    def _send(self):
        """Probe TTL index `at`; True when that ends the round (mtr's net_send_batch)."""
        slot = self.method.new_slot(self.probes, self.at + 1)
        self.probes += 1
        self.hops[self.at].sent += 1
        self.out.append(slot)
        self.method.send(slot)
        unknown, restart = 0, False
        for index in range(self.first, self.at):
            hop = self.hops[index]
            if hop.address is None:
                unknown += 1
            if hop.address == self.target or hop.error:
                restart, self.hosts = True, index + 1
                break
        hop = self.hops[self.at]
        if hop.address == self.target or hop.error or unknown > MAX_UNKNOWN or \
                self.at >= self.max_hops - 1:
            restart, self.hosts = True, self.at + 1
        self.at = self.first if restart else self.at + 1
        return restart

    def _retire(self, slot):
        self.out.remove(slot)
        self.method.retire(slot)

    def close(self):
        for slot in list(self.out):
            self._retire(slot)
        self.method.close()
