"""python -m briefing.bench entities --data DIR [--n N] [--seeds] [--work DIR]

The entities of a build of the first N RT dev articles (default 1,000), and the two
hand-labelled samples of them (briefing/bench/entity_labels.tsv, the one the rules were tuned
on, and entity_labels_heldout.tsv, drawn with another seed; see ENTITY_LABELS.md): which
labelled entities are drawn again, how many of them are right, and which drawn ones are new.

The articles are written as content files into a work folder with a copy of
site_config.yaml (its own cache: the analyses are made once and reused by every later run
whose analysis code is the same); only load, clean, analyse and the entity merge run.
"""

from __future__ import annotations

import hashlib
import shutil
import tempfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from ..config import load_config
from ..nlp.entities import entities_of
from ..records import Analysis, Entity
from ..stages.actors import with_pages
from ..stages.analyse import analyse_all
from ..stages.clean import clean_all
from ..stages.load import load_documents
from .data import stories
from .scale import REPO, workspace, write_story

LABELS = Path(__file__).with_name("entity_labels.tsv")
HELD_OUT = Path(__file__).with_name("entity_labels_heldout.tsv")
HEADER = ["id", "name", "type", "documents", "verdict", "note"]
SEED = "issue-24-entities"  # the sample the rules were tuned on
HELD_OUT_SEED = "issue-24-entities-heldout"  # a second sample, labelled after the rules were made
SAMPLE = 100


def work_folder(n: int, seeds: bool) -> Path:
    return Path(tempfile.gettempdir()) / f"briefing-entities-{n}{'-seeds' if seeds else ''}"


def prepare(data: Path, n: int, root: Path, seeds: bool = False) -> Path:
    """A work folder holding the first `n` RT dev articles as documents (and the seed
    documents of content/ with `seeds`); its site_config.yaml is returned. Written once."""
    ws = workspace(root)
    done = ws.root / "written"
    if not done.is_file():
        for story in stories(data, "dev", n):
            write_story(ws.content, story)
        if seeds:
            for path in (REPO / "content").iterdir():
                if path.is_file():
                    shutil.copyfile(path, ws.content / path.name)
        done.write_text(str(n), encoding="utf-8")
    return ws.config


def analyses(config_path: Path, workers: int = 2) -> list[Analysis]:
    config = load_config(config_path)
    loaded = load_documents(config.content_dir, config.max_document_bytes)
    docs, _ = clean_all(loaded.documents, None, config.cache_dir / "cleaned", dict(config.sources))
    return analyse_all(docs, config.analysis, config.cache_dir / "analyses", workers)


def build(data: Path, n: int, seeds: bool = False, work: Path | None = None, workers: int = 2) -> tuple[list[Analysis], tuple[Entity, ...]]:
    """The analyses and the merged entities of the build of the first `n` dev articles."""
    config = prepare(data, n, work or work_folder(n, seeds), seeds)
    found = analyses(config, workers)
    return found, entities_of(found)


def _rank(entity_id: str, seed: str = SEED) -> str:
    return hashlib.sha256(f"{seed}:{entity_id}".encode("utf-8")).hexdigest()


def sample(entities: tuple[Entity, ...], documents: int, size: int = SAMPLE, seed: str = SEED) -> list[Entity]:
    """`size` of the entities that get a page, drawn by a seeded hash of their id: a build
    whose entities change a little draws mostly the same ones (a random.sample would not)."""
    paged = with_pages(entities, documents)
    return sorted(paged, key=lambda e: _rank(e.id, seed))[:size]


@dataclass(frozen=True)
class Label:
    id: str
    name: str
    type: str
    documents: int | None  # None: any number (rows labelled before the column was kept)
    right: bool
    note: str


def read_labels(path: Path = LABELS) -> dict[tuple[str, int | None], Label]:
    """(id, documents) -> label: one id may have a label for each merge it was judged in."""
    out: dict[tuple[str, int | None], Label] = {}
    if not path.is_file():
        return out
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines and lines[0].split("\t") == HEADER, f"{path}: header must be {HEADER}"
    for line in lines[1:]:
        if not line.strip():
            continue
        id_, name, kind, documents, verdict, note = (line.split("\t") + [""] * 6)[:6]
        assert verdict in ("right", "wrong"), f"{path}: {id_}: verdict must be right or wrong"
        docs = int(documents) if documents else None
        assert (id_, docs) not in out, f"{path}: {id_} ({documents} documents) labelled twice"
        out[(id_, docs)] = Label(id_, name, kind, docs, verdict == "right", note)
    return out


def describe(e: Entity) -> str:
    """One line to judge an entity by: name, type, documents, aliases."""
    aliases = ", ".join(e.aliases[:8]) + (" …" if len(e.aliases) > 8 else "")
    return f"{e.id}\t{e.name}\t{e.type}\t{len(e.documents)} docs\t{aliases}"


def score(drawn: list[Entity], labels: dict[tuple[str, int | None], Label]) -> tuple[list[tuple[Entity, Label]], list[Entity]]:
    """(drawn entities with a label that still fits them: same id, name and type, and the
    same number of documents where the label has one, so that a merge that changed what an
    entity holds has it judged again; drawn entities with none)."""
    judged, new = [], []
    for e in drawn:
        label = labels.get((e.id, len(e.documents))) or labels.get((e.id, None))
        if label and label.name == e.name and label.type == e.type:
            judged.append((e, label))
        else:
            new.append(e)
    return judged, new


def run(data: Path, n: int, seeds: bool = False, work: Path | None = None, workers: int = 2) -> str:
    found, entities = build(data, n, seeds, work, workers)
    paged = with_pages(entities, len(found))
    kinds = Counter(e.type for e in paged)
    out = [f"{len(found)} documents: {len(entities)} entities, {len(paged)} with a page "
           f"({kinds['PER']} people, {kinds['ORG']} organisations, {kinds['LOC']} places)"]
    for title, seed, path in (("labelled sample", SEED, LABELS), ("held-out sample", HELD_OUT_SEED, HELD_OUT)):
        drawn = sample(entities, len(found), seed=seed)
        judged, new = score(drawn, read_labels(path))
        right = sum(label.right for _, label in judged)
        out.append(f"{title} ({path.name}): {len(judged)} of {len(drawn)} drawn entities labelled, {right} right"
                   + (f" ({100 * right / len(judged):.0f} %)" if judged else ""))
        out += [f"  wrong: {describe(e)}\t— {label.note}" for e, label in judged if not label.right]
        out += [f"  unjudged: {describe(e)}" for e in new]
    return "\n".join(out)
