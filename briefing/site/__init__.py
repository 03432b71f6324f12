"""The site wing: everything that writes the site (pages and their store, feeds, charts, the
search index, HTML through MkDocs and Material) or serves it, knowing nothing of Russian.

Imports go down only: modules here import the kernel (briefing.records, .errors, .cache,
.config, ...) and each other, never briefing.nlp or briefing.stages (tests/test_layers.py).
"""
