"""gilbench-tui: threads or processes? Measured live, in a terminal."""

__version__ = "0.1.0"
