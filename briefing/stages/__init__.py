"""The build's stages, in the order build.py runs them: load -> clean -> analyse -> group ->
digest -> render -> export -> publish (actors: who a dossier's and an entity's pages list).

Stages join the two wings: they import the kernel (briefing.records, .config, .cache, ...),
the language wing (briefing.nlp) and the site wing (briefing.site), and each other; nothing
but build.py and briefing.bench imports a stage (tests/test_layers.py).
"""
