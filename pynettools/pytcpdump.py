"""`pytcpdump` and `python -m pynettools.pytcpdump`."""

from pynettools.cli.runner import entry_point

main = entry_point("tcpdump")

if __name__ == "__main__":
    main()
