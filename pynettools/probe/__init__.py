"""Probing: send probes with rising TTLs, collect who answers.  Never prints.

`schedule` drives any method (`datagram`, `raw`) with traceroute's timing,
`cycles` with mtr's rounds, one trace or many on one `poller`; a method
sends a probe for a `Slot` and reports `Reply` records when its sockets are
ready.  Methods differ only in sockets and packets; IPv4 and IPv6 differ
only in the constants of `family`.
"""

from pynettools.models import record

Reply = record("Reply", "address received_at icmp_type icmp_code annotation final mtu "
                        "ttl mpls")
Reply.__doc__ = """What answered a probe.

address: str; received_at: float (time.time() scale); icmp_type, icmp_code:
int or None, as the answer carried them (an ICMP error's, an echo reply's 0/0
or 129/0; None when the answer was not ICMP: a UDP datagram, a TCP segment); annotation: "" or a traceroute mark ("!H", "!F-1400", "!<5>");
final: bool, the trace stops after this hop; mtu: int or None (the MTU an
ICMP "fragmentation needed" reported); ttl: int or None, the TTL the reply
arrived with; mpls: tuple of (label, exp, bottom, ttl) from an MPLS ICMP
extension (RFC 4884/4950), or None.
"""


class Slot:
    """One probe: its place in the trace and what became of it."""

    __slots__ = ("index", "ttl", "sent_at", "done", "reply", "handle", "mtu")

    def __init__(self, index, ttl):
        self.index = index
        self.ttl = ttl
        self.sent_at = 0.0   # 0: not sent yet
        self.done = False
        self.reply = None    # a Reply, or None for no answer
        self.handle = None   # the method's own state (e.g. the probe's socket)
        self.mtu = None      # --mtu: the path MTU this probe found

    @property
    def final(self):
        return self.reply is not None and self.reply.final
