"""traceroute's schedule: which probe to send when, and when to give up on one.

Probes are numbered across the trace (hop h has probes (h-1)*q .. h*q-1).
Up to `in_flight` probes are out at once, the earliest first; `sendwait`
spaces sends.  A probe is given up after MAX seconds, or HERE times the
round trip of an answered probe of its own hop, or NEAR times that of an
answered probe of a later hop, whichever is least.  Probes are reported in
order, a hop as soon as all its probes are done; after a hop with a final
answer, later probes are dropped.
"""

import time

from collections import namedtuple

Timing = namedtuple("Timing", "first_hop max_hops per_hop in_flight wait_max wait_here "
                              "wait_near sendwait")
WAIT_PRECISION = 0.001  # added to round trips before scaling, as traceroute does


def run(method, timing):
    """Yield each hop's list of done Slots, in order, while `method` probes."""
    per_hop = timing.per_hop
    slots = [None] * (timing.max_hops * per_hop)
    start, end, last_send = (timing.first_hop - 1) * per_hop, len(slots), 0.0
    try:
        while start < end:
            # Answers already queued count before any wait is declared over.
            _collect(method, slots, 0, start, end)
            now = time.time()
            deadline, out, index = None, 0, start
            while index < end:
                slot = slots[index]
                if slot is None:
                    slot = slots[index] = method.new_slot(index, index // per_hop + 1)
                index += 1
                if slot.sent_at and not slot.done and _expiry(slots, slot, timing) <= now:
                    _finish(method, slot)
                if slot.done:
                    if slot.final:
                        end = min(end, (slot.index // per_hop + 1) * per_hop)
                    if slot.index == start:
                        start += 1
                        if start % per_hop == 0:
                            yield slots[start - per_hop:start]
                    continue
                if not slot.sent_at:
                    if timing.sendwait and now - last_send < timing.sendwait:
                        deadline = _earliest(deadline, last_send + timing.sendwait)
                        break
                    method.send(slot)
                    last_send = now = time.time()
                deadline = _earliest(deadline, _expiry(slots, slot, timing))
                out += 1
                if out >= timing.in_flight:
                    break
            if start < end and deadline is not None:
                _collect(method, slots, max(0.0, deadline - time.time()), start, end)
    finally:
        method.close()


def _earliest(deadline, moment):
    return moment if deadline is None else min(deadline, moment)


def _finish(method, slot):
    slot.done = True
    method.retire(slot)


def _collect(method, slots, timeout, start, end):
    """Wait up to `timeout` for answers; record them on their slots."""
    for slot, reply in method.wait(timeout):
        if slot.done or not start <= slot.index < end:
            continue
        if reply is None:  # the method re-sent the probe (path MTU found)
            continue
        slot.reply = reply
        _finish(method, slot)


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
