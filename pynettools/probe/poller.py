"""One poll(2) set that several probing methods share.

Each method registers its sockets with the Poller it was given, as their
owner; whoever waits (`schedule.run` for one trace, `probe.loop` for many)
gets each answer with the method it belongs to.
"""

import select


class Poller:
    """Sockets by descriptor, each with the method that reads it."""

    def __init__(self):
        self._poll = select.poll()
        self._owners = {}

    def register(self, sock, events, owner):
        fd = sock.fileno()
        self._poll.register(fd, events)
        self._owners[fd] = owner

    def unregister(self, sock):
        fd = sock.fileno()
        if self._owners.pop(fd, None) is not None:
            self._poll.unregister(fd)

    def answers(self, timeout):
        """(method, slot, reply) for what arrives within `timeout` seconds.

        A method turns a ready descriptor into (slot, reply) pairs with its
        `answers(fd, events)`; a reply of None means the method sent that
        probe again (--mtu).
        """
        found = []
        for fd, events in self._poll.poll(timeout * 1000):
            owner = self._owners.get(fd)
            if owner is not None:
                found += [(owner, slot, reply) for slot, reply in owner.answers(fd, events)]
        return found
