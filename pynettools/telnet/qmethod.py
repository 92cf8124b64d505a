"""RFC 1143's Q method: option negotiation that answers everything and never loops.

Each side of each option (ours: WILL/WONT; the peer's: DO/DONT from us) has
one of four states and a one-entry queue.  `OptionSide` keeps them and
returns the verb to send, if any, for each request received or made; it
sends nothing the RFC does not call for, so two Q-method peers (or a hostile
peer flipping an option back and forth) cannot make it loop.
"""

NO, YES, WANTNO, WANTYES = "no", "yes", "wantno", "wantyes"
EMPTY, OPPOSITE = False, True


class OptionSide:
    """One side of one option: `enabled` is what is in effect now.

    `positive`/`negative` are the verbs this side sends: (DO, DONT) for the
    peer's side of an option, (WILL, WONT) for ours.
    """

    __slots__ = ("state", "queue", "positive", "negative")

    def __init__(self, positive, negative):
        self.state = NO
        self.queue = EMPTY
        self.positive = positive
        self.negative = negative

    @property
    def enabled(self):
        return self.state == YES

    @property
    def wanted(self):
        """True when enabled or being enabled: what telnet calls the want state."""
        return self.state in (YES, WANTYES)

    def received_positive(self, acceptable):
        """The peer sent WILL (or DO): returns (verb to send or None, now enabled)."""
        if self.state == NO:
            if acceptable:
                self.state = YES
                return self.positive, True
            return self.negative, False
        if self.state == WANTNO:
            # The peer answered our disable with an enable: RFC 1143 errs it; an
            # OPPOSITE queue means we wanted it back on anyway.
            self.state = YES if self.queue == OPPOSITE else NO
            self.queue = EMPTY
            return None, self.state == YES
        if self.state == WANTYES:
            if self.queue == OPPOSITE:
                self.state, self.queue = WANTNO, EMPTY
                return self.negative, True
            self.state = YES
            return None, True
        return None, False  # YES: already enabled, nothing to answer

    def received_negative(self):
        """The peer sent WONT (or DONT): returns (verb to send or None, was enabled)."""
        if self.state == YES:
            self.state = NO
            return self.negative, True
        if self.state == WANTNO:
            if self.queue == OPPOSITE:
                self.state, self.queue = WANTYES, EMPTY
                return self.positive, False
            self.state = NO
            return None, False
        if self.state == WANTYES:
            self.state, self.queue = NO, EMPTY
        return None, False

    def ask(self, enable):
        """We want the option on (or off): returns the verb to send, or None."""
        if enable:
            if self.state == NO:
                self.state = WANTYES
                return self.positive
            if self.state == WANTNO:
                self.queue = OPPOSITE
            elif self.state == WANTYES:
                self.queue = EMPTY
            return None
        if self.state == YES:
            self.state = WANTNO
            return self.negative
        if self.state == WANTYES:
            self.queue = OPPOSITE
        elif self.state == WANTNO:
            self.queue = EMPTY
        return None
