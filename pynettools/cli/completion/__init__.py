"""Shell completions: the scripts (`scripts`) and `pynettools-completion` (`command`)."""
