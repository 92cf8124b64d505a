"""pynettools: Python clones of traceroute, netstat, telnet and getent services.

Kept empty of imports: every command starts here, and start-up time counts
for commands run from scripts.
"""

__version__ = "0.1.0"
