"""ExitStatus: the base of each front end's table of its original's exit statuses.

A table is a class of named int constants, as an IntEnum is:

    class ExitStatus(exitstatus.ExitStatus):
        OK = 0
        USAGE = 64

Each constant becomes a member: an int (so it is what `sys.exit` and a
comparison with a number take) with a `name`, a repr that says it
(`<ExitStatus.USAGE: 64>`), found by value (`ExitStatus(64)`) and listed in
the order written (`list(ExitStatus)`).  It is not `enum.IntEnum` because of
start-up: `import enum`, with the functools and collections it pulls in,
costs about 0.4x of a bare interpreter's start (benchmarks/bench_startup.py),
more than the whole work of a `pyservices` lookup or a `pynetstat -rn`.
"""


class _Table(type):
    """The metaclass that turns a table's int constants into its members."""

    def __new__(mcs, name, bases, namespace):
        table = super().__new__(mcs, name, bases, namespace)
        table._by_value = {}
        for key, value in namespace.items():
            if key.startswith("_") or type(value) is not int:
                continue
            member = int.__new__(table, value)
            member.name = key
            setattr(table, key, member)
            table._by_value.setdefault(value, member)  # a repeated value: the first name
        return table

    def __call__(cls, value):
        try:
            return cls._by_value[value]
        except (KeyError, TypeError):
            raise ValueError("%r is not a valid %s" % (value, cls.__name__)) from None

    def __iter__(cls):
        return iter(cls._by_value.values())

    def __len__(cls):
        return len(cls._by_value)


class ExitStatus(int, metaclass=_Table):
    """An exit status of a command: an int with the name its table gives it."""

    def __repr__(self):
        return "<%s.%s: %d>" % (type(self).__name__, self.name, self)

    __str__ = int.__repr__  # as IntEnum's: str() and format() give the number

    def __reduce__(self):  # unpickled as the member, through the table's lookup
        return type(self), (int(self),)

    @property
    def value(self):
        return int(self)
