"""People, organisations and places: found in each document, merged across the briefing.

`mentions(text, sentences)` tags a document with slovnet's news NER model, which ships
inside the natasha wheel beside the navec vectors (natasha/data/model/); each mention
gets a normal form from pymorphy3: a name in the nominative of its own gender
(«Марии Захаровой» → «Мария Захарова»), a place or organisation as a noun phrase in the
nominative («Российской Федерации» → «Российская Федерация», «МИД России» as it is).
It is part of the per-document analysis and cached with it.

`merge(mentions)` joins the mentions of every document into entities: «Алиев», «И. Алиев»
and «Ильхамом Алиевым» are one person when the briefing leaves no doubt who «Алиев» is;
«РФ», «Россия» and «Российская Федерация» are one place, and so «МИД РФ» and «МИД России».

The model reads whole blocks (a paragraph is better context than a sentence, and
fewer, longer rows are faster), from the razdel tokens the analysis already made.

(tagging: the NER model and a document's mentions; normal: normal forms; merging: joining
mentions into entities; words: what they all ask of one token; remembered: the merge's
word-level answers kept between builds.)
"""

from .merging import entities_of, merge
from .tagging import mentions
from .normal import normal_form

__all__ = ["entities_of", "mentions", "merge", "normal_form"]
