"""Stage 6a, export: site/briefing.json, every record a reader of the site sees, as data.

The shape is documented in README.md ("briefing.json"); `version` changes when it does.
"""

from __future__ import annotations

from typing import Any

from .records import Analysis, Dossier

FORMAT_VERSION = 1


def export(analyses: list[Analysis], dossiers: list[Dossier]) -> dict[str, Any]:
    scores: dict[str, list[dict[str, Any]]] = {a.document.id: [] for a in analyses}
    for d in dossiers:
        for m in d.members:
            scores[m.document].append({
                "dossier": d.id,
                "score": m.score,
                "matched_terms": [{"term": t, "count": n} for t, n in m.matched],
                "by_front_matter": m.by_front_matter,
                "reason": m.reason(),
            })
    documents = []
    for a in sorted(analyses, key=lambda a: a.document.id):
        doc = a.document
        documents.append({
            "id": doc.id,
            "path": doc.path,
            "title": doc.title,
            "date": doc.date.iso() if doc.date else None,
            "date_origin": doc.date_origin or None,
            "source": doc.source or None,
            "url": doc.url or None,
            "text": doc.text,
            "keywords": [{"text": k.text, "lemmas": list(k.key), "score": k.score} for k in a.keywords],
            "summary": [
                {"text": s.text, "sentence": s.index, "start": s.start, "end": s.end} for s in a.summary
            ],
            "dossiers": scores[doc.id],
        })
    return {
        "version": FORMAT_VERSION,
        "documents": documents,
        "dossiers": [
            {"id": d.id, "title": d.title, "description": d.description, "members": [m.document for m in d.members]}
            for d in dossiers
        ],
    }
