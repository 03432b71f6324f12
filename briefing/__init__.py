"""Static briefing-site generator: documents in, cross-linked briefing site out.

One wing per role, imports only go down (tests/test_layers.py checks it):

    briefing/bench/    benchmarks: may import anything; nothing imports them
    briefing/stages/   the build's stages: import nlp, site and the kernel
    briefing/nlp/      reads Russian text       } import the kernel only,
    briefing/site/     writes and serves pages  } never each other
    briefing/*.py      the kernel (records, errors, cache, config, forked, history,
                       uptodate): imports nothing of the wings
"""

__version__ = "0.1.0"
