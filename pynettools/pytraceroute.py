"""`pytraceroute` and `python -m pynettools.pytraceroute`."""

from pynettools.cli.runner import entry_point

main = entry_point("traceroute")

if __name__ == "__main__":
    main()
