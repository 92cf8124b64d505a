"""pytraceroute's front end: Linux traceroute 2.1's options, output and exit statuses."""
