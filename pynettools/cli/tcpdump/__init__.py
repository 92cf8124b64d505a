"""pytcpdump's front end: tcpdump 4.99.3's options, messages and exit statuses."""
