"""traceroute's schedule: which probe to send when, and when to give up on one.

Probes are numbered across the trace (hop h has probes (h-1)*q .. h*q-1).
Up to `in_flight` probes are out at once, the earliest first; `sendwait`
spaces sends.  A probe is given up after MAX seconds, or HERE times the
round trip of an answered probe of its own hop, or NEAR times that of an
answered probe of a later hop, whichever is least.  Probes are reported in
order, a hop as soon as all its probes are done; after a hop with a final
answer, later probes are dropped.

`Progress` is that schedule for one trace, without waiting: `step` sends
and gives up what is due and says until when nothing else is due,
`collect` takes answers.  A `Loop` drives any number of such progresses
(these, or `probe.cycles`' rounds) on one `probe.poller.Poller`, waking
each when an answer or its deadline comes; `run` is one trace on its
method's own poller, and a `RateGate` bounds the sends of many.
"""

import time

from pynettools.errors import PynettoolsError
from pynettools.models import record

Timing = record("Timing", "first_hop max_hops per_hop in_flight wait_max wait_here "
                          "wait_near sendwait")
WAIT_PRECISION = 0.001  # added to round trips before scaling, as traceroute does
OUT_LIMIT_RETRY = 0.01  # seconds: a send refused for too many probes out is retried then


def run(method, timing):
    """Yield each hop's list of done Slots, in order, while `method` probes."""
    return drive(Progress(method, timing), method.poller)


def drive(progress, poller):
    """Run one progress on `poller` to its end, yielding its outputs as they come.

    Its error, if it fails, is raised; it is closed on every way out.
    """
    loop = Loop(poller)
    loop.add(progress)
    try:
        while not progress.finished:
            for event in loop.turn():
                if event.error is not None:
                    raise event.error
                yield from event.outputs
    finally:
        progress.close()


class Progress:
    """One trace's probes: what is out, what is done, what comes next.

    `gate` (a RateGate), when given, is asked before every
    send and told of every probe that is no longer out.
    """

    def __init__(self, method, timing, gate=None):
        self.method = method
        self.timing = timing
        self.gate = gate
        self.slots = [None] * (timing.max_hops * timing.per_hop)
        self.start = (timing.first_hop - 1) * timing.per_hop
        self.end = len(self.slots)
        self.last_send = 0.0
        self.probes_out = 0

    @property
    def finished(self):
        return self.start >= self.end

    def collect(self, answers):
        """Record (slot, reply) pairs from the method; a reply of None is a re-send."""
        for slot, reply in answers:
            if slot.done or not self.start <= slot.index < self.end or reply is None:
                continue
            slot.reply = reply
            self._finish(slot)

    def step(self, now):
        """Give up and send what is due: (next deadline or None, [done hops' Slot lists])."""
        timing, slots, method = self.timing, self.slots, self.method
        per_hop = timing.per_hop
        deadline, out, index, hops = None, 0, self.start, []
        while index < self.end:
            slot = slots[index]
            if slot is None:
                slot = slots[index] = method.new_slot(index, index // per_hop + 1)
            index += 1
            if slot.sent_at and not slot.done and _expiry(slots, slot, timing) <= now:
                self._finish(slot)
            if slot.done:
                if slot.final:
                    self.end = min(self.end, (slot.index // per_hop + 1) * per_hop)
                if slot.index == self.start:
                    self.start += 1
                    if self.start % per_hop == 0:
                        hops.append(slots[self.start - per_hop:self.start])
                continue
            if not slot.sent_at:
                if timing.sendwait and now - self.last_send < timing.sendwait:
                    deadline = _earliest(deadline, self.last_send + timing.sendwait)
                    break
                if self.gate is not None and not self.gate.take(now):
                    deadline = _earliest(deadline, self.gate.ready_at)
                    break
                self.probes_out += 1
                method.send(slot)
                self.last_send = now = time.time()
            deadline = _earliest(deadline, _expiry(slots, slot, timing))
            out += 1
            if out >= timing.in_flight:
                break
        return deadline, hops

    def _finish(self, slot):
        slot.done = True
        self.probes_out -= 1
        self.method.retire(slot)
        if self.gate is not None:
            self.gate.release()

    def close(self):
        """Drop the probes still out (beyond a final hop) and close the method."""
        if self.gate is not None:
            for slot in self.slots:
                if slot is not None and slot.sent_at and not slot.done:
                    self.gate.release()
        self.method.close()


def _probes_out(progress):
    return progress.probes_out


def _earliest(deadline, moment):
    return moment if deadline is None else min(deadline, moment)


def _expiry(slots, slot, timing):
    """When `slot` is given up: its send time plus the least applicable wait."""
    wait = timing.wait_max
    hop_start = slot.index - slot.index % timing.per_hop
    if timing.wait_here:
        for other in slots[hop_start:hop_start + timing.per_hop]:
            wait = min(wait, _scaled(other, timing.wait_here, wait))
    if timing.wait_near:
        for other in slots[hop_start + timing.per_hop:]:
            if other is not None and other.done and other.reply is not None:
                wait = min(wait, _scaled(other, timing.wait_near, wait))
                break
    return slot.sent_at + wait


def _scaled(other, factor, default):
    if other is None or not other.done or other.reply is None:
        return default
    round_trip = other.reply.received_at - other.sent_at
    if round_trip <= 0:
        return default
    return (round_trip + WAIT_PRECISION) * factor


Event = record("Event", "progress outputs error finished")
Event.__doc__ = """What one progress did in a Loop's turn: outputs (e.g. done hops), the
PynettoolsError it failed with (None), and whether it is finished (then the
loop has dropped it; closing it is the caller's)."""


class Loop:
    """Progresses (see Progress) whose methods share one Poller.

    Each turn steps the progresses that got answers or whose deadline has
    come, then, unless one had something to say, waits for the next answer
    or the earliest deadline.  Those
    with the most probes out step first: probes nothing answers are the ones
    that keep a batch waiting, so where sends are rationed (a RateGate) the
    traces that have met silence send theirs first and their waits overlap
    the rest; among equals the first place turns round.
    """

    def __init__(self, poller):
        self.poller = poller
        self.due = {}  # progress -> when it must be stepped (None: at the next turn)
        self.by_method = {}
        self.turns = 0

    def __len__(self):
        return len(self.due)

    def add(self, progress):
        self.due[progress] = None
        self.by_method[progress.method] = progress

    def turn(self):
        """Step what is due, then wait: the list of Events of this turn."""
        answered = self._collect(0)
        events, deadline = [], None
        order = list(self.due)
        self.turns += 1
        start = self.turns % len(order) if order else 0
        order = sorted(order[start:] + order[:start], key=_probes_out, reverse=True)
        for progress in order:
            due, now = self.due[progress], time.time()
            if due is not None and due > now and progress not in answered:
                deadline = _earliest(deadline, due)
                continue
            event = self._step(progress, now)
            if event.outputs or event.finished:
                events.append(event)
            if not event.finished and self.due[progress] is not None:
                deadline = _earliest(deadline, self.due[progress])
        if self.due and deadline is not None and not events:  # what is done is said at once
            self._collect(max(0.0, deadline - time.time()))
        return events

    def _step(self, progress, now):
        try:
            moment, outputs = progress.step(now)
        except PynettoolsError as error:
            self._drop(progress)
            return Event(progress, [], error, True)
        if progress.finished:
            self._drop(progress)
            return Event(progress, outputs, None, True)
        self.due[progress] = moment
        return Event(progress, outputs, None, False)

    def _drop(self, progress):
        del self.due[progress]
        del self.by_method[progress.method]

    def _collect(self, timeout):
        """Record what arrives within `timeout`; the set of progresses that got answers."""
        answered = set()
        for method, slot, reply in self.poller.answers(timeout):
            progress = self.by_method.get(method)
            if progress is not None:
                progress.collect([(slot, reply)])
                answered.add(progress)
                self.due[progress] = None
        return answered


class RateGate:
    """At most `rate` sends a second over every progress it guards (in bursts of
    at most rate/100), and at most `limit` probes out at once."""

    def __init__(self, rate, limit):
        self.rate = float(rate)
        self.capacity = max(1.0, self.rate / 100.0)
        self.tokens = self.capacity
        self.updated = None
        self.limit = limit
        self.out = 0
        self.ready_at = 0.0  # when a refused send may be tried again

    def take(self, now):
        """True, counting a send, if one may go out at `now`."""
        if self.out >= self.limit:
            self.ready_at = now + OUT_LIMIT_RETRY
            return False
        if self.updated is not None:
            self.tokens = min(self.capacity, self.tokens + (now - self.updated) * self.rate)
        self.updated = now
        if self.tokens < 1.0 - 1e-9:  # (a token earned at ready_at may fall short by a rounding)
            self.ready_at = now + (1.0 - self.tokens) / self.rate
            return False
        self.tokens -= 1.0
        self.out += 1
        return True

    def release(self):
        """A probe taken is no longer out."""
        self.out -= 1
