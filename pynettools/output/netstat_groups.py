"""netstat -g: the group membership table, and its JSON objects."""

from pynettools.output.netstat_sockets import shown_name

HEADER = ("IPv6/IPv4 Group Memberships",
          "Interface       RefCnt Group",
          "--------------- ------ ---------------------")


def group_text(membership, resolve):
    """The group as the table shows it: resolved unless `resolve` is numeric."""
    return (resolve.ipv6(membership.group) if membership.family == "inet6"
            else resolve.ipv4_host(membership.group))


def group_lines(memberships, resolve):
    """The header, then one line per membership; `resolve` a NameResolver."""
    yield from HEADER
    for membership in memberships:
        yield "%-15s %-6d %s" % (membership.interface, membership.users,
                                 group_text(membership, resolve))


def group_objects(memberships, resolve):
    """A GroupMembership's fields, and "group_name": the name the table shows, or null."""
    for membership in memberships:
        yield {**membership._asdict(),
               "group_name": shown_name(group_text(membership, resolve), membership.group)}
