"""Command-line front ends: the only code that reads argv and writes to the terminal."""

# Every command, as pynettools.cli.<name>; the installed program is py<name>.
COMMANDS = ("traceroute", "netstat", "telnet", "services")
