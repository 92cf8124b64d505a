"""pytelnet's front end: GNU inetutils 2.4 telnet's options, session, prompt and statuses."""
