telnet: Unable to connect to remote host: Connection refused
