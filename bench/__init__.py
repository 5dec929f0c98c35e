"""Benchmarks: HTTP throughput against two ceilings, start-up, the test suite, the web bundle.

Run them all with `just bench` (or `python -m bench`); each prints figures, none asserts a time.
"""
