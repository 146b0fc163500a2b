"""Benchmarks and the quality harness. A package so tests can ``from bench import quality``;
each module still runs as a script (``python bench/quality.py``)."""
