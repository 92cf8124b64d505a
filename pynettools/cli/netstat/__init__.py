"""pynetstat's front end: net-tools netstat 2.10's options, modes and exit statuses."""
