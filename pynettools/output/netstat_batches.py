"""netstat's Internet lines from sock_diag's columns (sockets.sockdiag.Batch).

The same columns and rules as netstat_sockets.internet_lines, built column
by column for tables of tens of thousands of sockets.
"""

import itertools
import operator

from pynettools.output.netstat_sockets import ADDRESS_WIDTH, PORT_TABLES, endpoint, owner_text


class BatchLines:
    """netstat's lines for one table read through sock_diag, batch by batch.

    The same columns and rules as internet_lines, built column by column:
    each column goes through a cache of its texts (a text per distinct
    value) with C-level map and zip, and a batch's lines are one join of
    the pieces, so the Python work per socket is a few lookups, not a
    formatted line.  A table of 48,000 sockets costs netstat about 80 ms to
    parse and print; a record and a `%` per socket cost more than that.
    `state_texts` is a 256-tuple of the texts of the state byte;
    `zero_send_queue` the states whose send-queue field is not the queue
    (LISTEN's carries the backlog) and show 0.
    """

    def __init__(self, protocol, family, names, layout, state_texts, zero_send_queue=()):
        self.names = names
        self.layout = layout
        self.family = family
        self.table = PORT_TABLES[protocol]
        self.send_queue_factor = tuple(0 if state in zero_send_queue else 1
                                       for state in range(256))
        self.states = tuple(" %-11s" % text for text in state_texts)
        self.receive_queues = _Texts(("%-5s %%6d " % protocol).__mod__)
        self.send_queues = _Texts("%6d ".__mod__)
        self.hosts = _Texts(lambda raw: names.host(self.address_text(raw), family) + ":")
        self.services = names.service_texts(self.table)  # the others: str(port)
        self.longest_service = max(map(len, self.services.values()), default=0)
        self.users = _Texts(lambda uid: " %-10s" % names.user(uid))
        self.inodes = _Texts(" %-10d".__mod__)
        self.owners = _Texts(lambda owner: " %-20s" % owner_text(owner))
        self.address_text = None

    def text(self, batch, address_text, by_inode=None):
        """The lines of `batch` (a sockdiag.Batch), each ending in a newline;
        `address_text(raw)` is the numeric text of a raw address; `by_inode`
        the {inode: SocketOwner} of -p."""
        self.address_text = address_text
        send_queues = map(operator.mul, batch.send_queue,
                          map(self.send_queue_factor.__getitem__, batch.state))
        columns = [map(self.receive_queues.__getitem__, batch.recv_queue),
                   map(self.send_queues.__getitem__, send_queues),
                   self._endpoints(batch.local_address, batch.local_port),
                   itertools.repeat(" "),
                   self._endpoints(batch.remote_address, batch.remote_port),
                   map(self.states.__getitem__, batch.state)]
        if self.layout.extend:
            columns += [map(self.users.__getitem__, batch.uid),
                        map(self.inodes.__getitem__, batch.inode)]
        if self.layout.programs:
            columns.append(map(self.owners.__getitem__, map((by_inode or {}).get, batch.inode)))
        columns.append(itertools.repeat("\n", batch.size))
        return "".join(itertools.chain.from_iterable(zip(*columns)))

    def _endpoints(self, addresses, ports):
        """`host:service` texts, padded to netstat's 23 (cut to fit unless -W)."""
        hosts = list(map(self.hosts.__getitem__, addresses))  # each with its colon
        services = list(map(self.services.get, ports, map(str, ports)))
        if self.layout.wide or self._fit(hosts, services):
            joined = map(operator.add, hosts, services)
        else:
            joined = map(_cut_endpoint, hosts, services)
        return map(str.ljust, joined, itertools.repeat(ADDRESS_WIDTH + 1))


    def _fit(self, hosts, services):
        """Whether every endpoint fits uncut: the lengths of a column are read
        only when the longest texts it could hold would not fit."""
        host = self.hosts.longest
        if host + max(self.longest_service, 5) <= ADDRESS_WIDTH + 1:
            return True
        return max(map(len, hosts), default=0) + max(map(len, services), default=0) \
            <= ADDRESS_WIDTH + 1


def _cut_endpoint(host_and_colon, service):
    return endpoint(host_and_colon[:-1], service, False)


class _Texts(dict):
    """{value: text}: `make(value)` makes the text of a value the first time a
    column brings it; `longest` is the longest text made so far."""

    def __init__(self, make):
        super().__init__()
        self.make = make
        self.longest = 0

    def __missing__(self, value):
        text = self[value] = self.make(value)
        self.longest = max(self.longest, len(text))
        return text
