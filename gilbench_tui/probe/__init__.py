"""Runs inside the worker process, on any interpreter >= 3.8: standard library only."""
