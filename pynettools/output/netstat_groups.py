"""netstat -g: the group membership table."""

HEADER = ("IPv6/IPv4 Group Memberships",
          "Interface       RefCnt Group",
          "--------------- ------ ---------------------")


def group_lines(memberships, resolve):
    """The header, then one line per membership; `resolve` a NameResolver."""
    yield from HEADER
    for membership in memberships:
        name = (resolve.ipv6(membership.group) if membership.family == "inet6"
                else resolve.ipv4_host(membership.group))
        yield "%-15s %-6d %s" % (membership.interface, membership.users, name)
