"""Kernel network tables read for pynetstat's non-socket modes.

Each module reads one kind of table (routes, interfaces, multicast groups,
protocol counters) from /proc/net, or from the ioctls netstat itself uses
where /proc lacks a field, and returns records from `records`.  Nothing
here prints or resolves names: the formatters in `pynettools.output` do.
"""
