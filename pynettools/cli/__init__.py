"""Command-line front ends: the only code that reads argv, writes to the terminal
and picks exit statuses.

One package per command (`traceroute/`, `netstat/`, `telnet/`, `services/`),
each with its `declaration` (options), `command` (execution), `status` (its
original's exit statuses and words for every error) and `manual` (man-page
prose); the framework they share is here: `commands` (the table of every
program), `runner`, `options` and `clif` (parsers), `failure`, and the man
page (`manpage`) and completion (`completion/`) generators.
"""
