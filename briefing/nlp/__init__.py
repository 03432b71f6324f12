"""The language wing: everything that reads Russian text (tokens and lemmas, keywords,
summaries, names, dates, figures, where a text came from), each a pure function of a text.

Imports go down only: modules here import the kernel (briefing.records, .errors, .cache,
.config, ...) and each other, never briefing.stages or briefing.site (tests/test_layers.py).

    russian      razdel and pymorphy3 behind adapt_* functions: sentences, words, lemmas
    lexicon, vectors, linear       the shipped word statistics, navec vectors, a logistic model
    keywords, phrases, summarize   a document's keywords and its key sentences
    standalone   whether a sentence leans on the one before it; an interviewer's turns
    entities/    people, organisations, places: tagging, normal forms, merging
    facts/       dates and figures in a sentence (a dossier's timeline and key figures)
    dates        a document's own date (front matter, a dateline)
    provenance   datelines and attributions: where a text says it came from
    slugs        Russian names as URL slugs
"""
