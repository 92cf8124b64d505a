"""Command-line front ends: the only code that reads argv and writes to the terminal."""
