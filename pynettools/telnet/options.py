"""Option negotiation as telnet keeps it: a state, a want state and a count of answers due.

Each side of each option (ours: WILL/WONT; the peer's: DO/DONT from us)
has the state in effect (`enabled`), the state we want (`wanted`) and the
number of answers to our requests still to come (`pending`, telnet's
`will_wont_resp` and `do_dont_resp`).  A request is sent only when it would
change what we want; an answer to one of ours is not answered again.  So the
bytes on the wire, and what `display` reports, are telnet's.  The per-option
decisions (what to accept, the side effects) are the protocol's.
"""


class OptionSide:
    """One side of one option; `positive`/`negative` are the verbs this side sends."""

    __slots__ = ("enabled", "wanted", "pending", "positive", "negative")

    def __init__(self, positive, negative):
        self.enabled = False
        self.wanted = False
        self.pending = 0
        self.positive = positive
        self.negative = negative

    def ask(self, enable):
        """We want the option on (or off): the verb to send, or None if nothing changes."""
        if self.wanted == enable or (not self.pending and self.enabled == enable):
            return None
        self.wanted = enable
        self.pending += 1
        return self.positive if enable else self.negative

    def answered(self, enable):
        """The peer sent its positive (or negative) verb: True when it is no answer of ours.

        Counts down the answers due as telnet does (an answer that agrees with
        the state in effect counts twice while more are due).
        """
        if self.pending:
            self.pending -= 1
            if self.pending and self.enabled == enable:
                self.pending -= 1
        return self.pending == 0 and self.wanted != enable

    def refuse(self):
        """Refuse the peer's request: the negative verb, one more answer due."""
        self.pending += 1
        return self.negative
