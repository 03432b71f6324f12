"""Stage 6a, export: site/briefing.json, every record a reader of the site sees, as data.

The shape is documented in README.md ("briefing.json"); `version` changes when it does.
The documents' texts are LateText values, joined when written: write the export with
publish.write_json_stream.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .digest import Digest, Point
from ..records import Analysis, Block, Dossier, Entity, Period, join_blocks

FORMAT_VERSION = 2


@dataclass(frozen=True)
class LateText:
    """A document's text in the export, joined from its blocks when briefing.json is written
    (publish.write_json_stream asks json_value()): a joined copy of every document's text,
    held from the export to the end of the build, was about 64 MB at N = 5000."""

    blocks: tuple[Block, ...]

    def json_value(self) -> str:
        return join_blocks(self.blocks)


def _point(p: Point, by_id: dict[str, Analysis]) -> dict[str, Any]:
    date = by_id[p.document].document.date
    return {"document": p.document, "sentence": p.sentence, "text": p.text, "weight": p.weight,
            "date": date.iso() if date else None}


def _period(p: Period | None) -> dict[str, str] | None:
    return {"iso": p.iso(), "label": p.human()} if p else None


def _digest(d: Digest, by_id: dict[str, Analysis]) -> dict[str, Any]:
    return {
        "key_points": [_point(p, by_id) for p in d.key_points],
        "timeline": [
            {"document": doc, "date": by_id[doc].document.date.iso() if by_id[doc].document.date else None,
             "sentence": p.sentence, "text": p.text}
            for doc, p in sorted(d.best.items())
        ],
        "events": [{"when": e.when.iso(), "as_written": e.date_text, **_point(e.point, by_id)} for e in d.events],
        "figures": [
            {"text": s.figure.text, "value": s.figure.value, "unit": s.figure.unit, "measure": s.figure.measure,
             "label": s.measure, "period": _period(s.period), "change": s.figure.change or None,
             "qualifier": s.figure.qualifier or None, **{"sentence": _point(kf.point, by_id)}}
            for kf in d.figures for s in kf.figures
        ],
        "series": [{"measure": s.measure, "label": s.label, "unit": s.unit,
                    "points": [{"period": _period(p), "value": v, "document": doc} for p, v, doc in s.points]}
                   for s in d.series],
        "distinctive_keywords": [k.text for k in d.distinctive],
    }


def _entity(e: Entity) -> dict[str, Any]:
    return {
        "id": e.id, "name": e.name, "type": e.type, "aliases": list(e.aliases), "documents": list(e.documents),
        "mentions": [{"document": doc, "sentence": m.sentence, "start": m.start, "end": m.end, "text": m.text}
                     for doc, m in e.mentions],
    }


def export(analyses: list[Analysis], dossiers: list[Dossier], digests: dict[str, Digest],
           entities: tuple[Entity, ...] = ()) -> dict[str, Any]:
    scores: dict[str, list[dict[str, Any]]] = {a.document.id: [] for a in analyses}
    for d in dossiers:
        for m in d.members:
            scores[m.document].append({
                "dossier": d.id,
                "score": m.score,
                "matched_terms": [{"term": t, "count": n} for t, n in m.matched],
                "by_front_matter": m.by_front_matter,
                "basis": m.basis,
                "paragraph": m.paragraph,
                "sentences": [i for i, _ in m.evidence],
                "reason": m.reason(),
            })
    by_id = {a.document.id: a for a in analyses}
    documents = []
    for a in sorted(analyses, key=lambda a: a.document.id):
        doc = a.document
        documents.append({
            "id": doc.id,
            "path": doc.path,
            "title": doc.title,
            "date": doc.date.iso() if doc.date else None,
            "date_origin": doc.date_origin or None,
            "place": doc.place or None,
            "source": doc.source or None,
            "source_origin": doc.source_origin or None,
            "url": doc.url or None,
            "added": doc.added or None,
            "added_origin": doc.added_origin or None,
            "text": LateText(doc.blocks),
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
            {"id": d.id, "title": d.title, "description": d.description, "members": [m.document for m in d.members],
             **_digest(digests[d.id], by_id)}
            for d in dossiers
        ],
        "entities": [_entity(e) for e in entities],
    }
