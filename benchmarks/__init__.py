"""Benchmarks of dupguard: a generator of labelled customer lists, loaders of real evaluation sets,
and the side-by-side harness against peers (Splink, recordlinkage, dedupe).

Modules: :mod:`benchmarks.generate` (seeded B2B customer lists with truth),
:mod:`benchmarks.datasets` (Febrl, CN/TW listings, PATSTAT, Chicago, restaurants, name pairs,
generated sets), :mod:`benchmarks.run` (the harness).
"""
