"""Stage 2, clean: an ordered list of named rules, then blocks, title and url.

Each text rule is a small `str -> str` function; adding one is one function,
one entry in RULES and one row in its test table. `clean(doc, trace=...)` says
which rule changed what.
"""

from __future__ import annotations

import hashlib
import html
import json
import re
import sys
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Callable, Iterable, Mapping

from markdown_it import MarkdownIt

from ..nlp import dates, provenance
from ..cache import prune, read_json, write_json
from ..errors import ContentError
from .load import repair_url, url_problem
from ..nlp.provenance import drop_datelines, find_dateline
from ..records import Block, Document
from ..nlp.russian import is_known

Trace = Callable[[str, str, str, str], None]  # (path, rule, before, after)

_TERMINAL = tuple(".!?…:;»\"”)]")
_LINE_BOILERPLATE = {
    "новости", "все новости", "лента новостей", "подписаться", "подписывайтесь",
    "поделиться", "комментарии", "реклама", "фото", "видео", "версия для печати",
}
_TEASERS = ("читайте также", "смотрите также", "также по теме")
_AGENCIES = {
    "afp", "reuters", "ap", "epa", "ria novosti", "риа новости", "тасс", "sputnik",
    "global look press", "getty images", "shutterstock", "ruptly", "ria", "итар-тасс",
    "russian look", "east news", "legion-media", "кремль", "kremlin.ru",
    "globallookpress.com", "wikimedia commons", "flickr", "ap photo", "zumapress.com", "twitter", "instagram",
}


def _lines(text: str, keep: Callable[[str], bool]) -> str:
    return "\n".join(line for line in text.split("\n") if keep(line.strip()))


def normalize_spaces(text: str) -> str:
    """No-break and other odd spaces become plain ones; zero-width marks and trailing blanks go."""
    text = re.sub(r"[\u00a0\u2000-\u200a\u202f\u205f\u3000]", " ", text)
    text = re.sub(r"[\u200b-\u200d\u2060\ufeff\u00ad]", "", text)
    return re.sub(r"[ \t]+$", "", text, flags=re.MULTILINE)


def decode_html_entities(text: str) -> str:
    """'&lt;…&gt;' becomes '<…>' (plain text only: Markdown decodes its own)."""
    return html.unescape(text) if "&" in text else text


def _join_hyphenated(m: re.Match[str]) -> str:
    head, tail = m[1], m[2]
    joined = head + tail
    return joined if is_known(joined) else f"{head}-{tail}"


def join_hyphenated_breaks(text: str) -> str:
    """'поступа-\\n\\n\\nтельного' becomes 'поступательного'; 'Север-Юг' is not touched."""
    return re.sub(r"(\w+)-[ \t]*\n[ \t\n]*([a-zа-яё]\w*)", _join_hyphenated, text)


def _is_credit(line: str) -> bool:
    if line.startswith("©") or re.match(r"(?i)(фото|photo|источник фото)\s*(:|©)", line):
        return True
    if re.search(r" [-—] [^,]+, \d{3,4}, \d{1,2}\.\d{1,2}\.\d{4}$", line):
        return True
    parts = [p.strip(" ©").lower() for p in re.split(r"[/,]", line)]
    return bool(line) and all(p in _AGENCIES for p in parts)


def drop_photo_credits(text: str) -> str:
    """'© Sputnik / … / Перейти в фотобанк…', 'Фото: …', 'РИА Новости' alone on a line, with
    the caption line before it (and a short source line between the two, ' Facebook ');
    an agency name inside a running sentence stays."""
    out: list[str] = []
    for line in text.split("\n"):
        bare = line.strip()
        if not _is_credit(bare):
            out.append(line)
            continue
        previous = next((i for i in range(len(out) - 1, -1, -1) if out[i].strip()), None)
        before = out[previous].strip() if previous is not None else ""
        agency_only = not bare.startswith("©") and " - " not in bare and " — " not in bare
        if agency_only and before and not before.endswith(_TERMINAL) and not out[previous].startswith(" "):
            out.append(line)  # '… по данным\n Reuters \n…': part of a sentence
        elif previous is not None and out[previous].startswith(" ") and len(before.split()) <= 30:
            del out[previous:]  # the photo's caption, padded like the credit
            above = next((i for i in range(len(out) - 1, -1, -1) if out[i].strip()), None)
            if len(before.split()) <= 3 and above is not None and out[above].startswith(" ") and len(out[above].split()) <= 30:
                del out[above:]  # ' Caption \n Facebook \n © author ': the source line, then the caption
        elif previous is not None:
            del out[previous + 1 :]
    return "\n".join(out)


def join_inline_link_lines(text: str) -> str:
    """'заявил\n Пётр Порошенко \nво время…': an HTML export puts link texts on lines of
    their own, padded with spaces; they go back into their sentence. So does a link after
    a line of text left open with a space ('заявление \nМинобороны\n о том'), and what
    follows it when that starts with a comma ('фильм о Донецке\n, снятый')."""
    out: list[str] = []
    glue = False
    for line in text.split("\n"):
        previous = out[-1].rstrip() if out else ""
        mid_sentence = previous and not previous.endswith(_TERMINAL)
        left_open = (
            mid_sentence and out[-1].endswith(" ") and not out[-1].startswith(" ") and len(line.split()) <= 8
            and (line[:1].islower() or not line.rstrip().endswith(_TERMINAL))  # a link text, not a new paragraph
        )
        continues = line.startswith(" ") or line[:1] in ",;)»" or left_open
        joined = bool(out and line.strip() and (glue or (continues and mid_sentence)))
        if joined:
            out[-1] = previous + ("" if line.lstrip()[:1] in ",.;:)»" else " ") + line.strip()
        else:
            out.append(line)
        # An inline element that ends mid-sentence ('министр \nШотландии') carries on.
        glue = joined and line.endswith(" ") and not line.rstrip().endswith(_TERMINAL)
    return "\n".join(out)


def drop_social_embeds(text: str) -> str:
    """Embedded posts: the post's text, 'Подробности:', t.co and pic.twitter links,
    '— Author (@handle)' and the date line under it."""
    embed = re.compile(
        r"(https?://t\.co/\S+|pic\.twitter\.com/\S+|—\s.{1,80}\(@\w+\)|Подробности:?|@\w+|#\w+|"
        r"\d{1,2} [а-я]+ \d{4} г\.)"
    )
    lines = text.split("\n")
    is_embed = [bool(embed.fullmatch(line.strip())) for line in lines]
    drop = list(is_embed)
    for i, line in enumerate(lines):
        if is_embed[i] and re.match(r"(https?://t\.co/|pic\.twitter\.com/|Подробности)", line.strip()):
            j = i - 1
            while j >= 0 and not lines[j].strip():
                j -= 1
            if j >= 0 and not is_embed[j] and len(lines[j]) <= 280:
                drop[j] = True  # the post's own text, just above its first link
    return "\n".join(line for line, gone in zip(lines, drop) if not gone)


def drop_teasers(text: str) -> str:
    """'Читайте также:', 'Также по теме' and what they introduce: the linked headline
    (the next line, whatever it looks like) and its snippet, cut short with '…' or set
    apart like the block itself (a line padded with spaces on both sides)."""
    out: list[str] = []
    state = ""  # "" in text, "headline" after a marker, "snippet" after the headline
    for line in text.split("\n"):
        bare = line.strip()
        low = bare.lower().rstrip(": ")
        if low in _TEASERS or low == "по теме":
            state = "headline"
            continue
        if re.match(r"(?:%s)\b" % "|".join(_TEASERS), low):
            continue
        if not bare:
            out.append(line)
            continue
        if state == "headline":
            state = "snippet"
            continue
        if state == "snippet" and (bare.endswith(("...", "…")) or (line.startswith(" ") and line.endswith(" "))):
            state = ""
            continue
        state = ""
        out.append(line)
    return "\n".join(out)


def drop_boilerplate_lines(text: str) -> str:
    """Site chrome on its own line: 'Подписаться', 'Лента новостей', 'Новости'."""
    return _lines(text, lambda line: line.lower().rstrip(": ") not in _LINE_BOILERPLATE)


def drop_bare_times_and_numbers(text: str) -> str:
    """A line that is only a clock time ('09:55'), a counter ('0') or a date stamp."""
    bare = re.compile(
        r"\d{1,2}:\d{2}|\d+|\d{4}-\d{2}-\d{2}(?:[ T]\d{2}:\d{2}(?::\d{2})?)?"
        r"|\d{1,2}\.\d{1,2}\.\d{4}(?:,? \d{1,2}:\d{2})?"
    )
    return _lines(text, lambda line: not bare.fullmatch(line))


_DISCLAIMER = re.compile(
    r"(?:\*\s*)?(?:«[^»]{2,60}»|[\w\s()«»-]{2,80})?\s*(?:—|-|–)?\s*\(?[\w\s-]*"
    r"(?:террористическ|экстремистск|нежелательн)\w*\s+(?:группировк|организаци|структур)\w*[^.\n]{0,60}?"
    r"запрещ\w+[^.\n]{0,40}?(?:России|РФ|Российской Федерации)[^.\n]{0,20}\.?\)?",
    re.IGNORECASE,
)


def drop_legal_disclaimers(text: str) -> str:
    """'«Исламское государство» (ИГ) — террористическая группировка, запрещённая на
    территории России.': the notice the law requires, not the article's content."""
    return _lines(text, lambda line: "запрещ" not in line.lower() or not _DISCLAIMER.fullmatch(line))


def join_wrapped_lines(text: str) -> str:
    """Hard-wrapped lines (no end punctuation, next starts in lower case) become one.

    Not in a text with no sentence punctuation at all: there every line stands alone.
    """
    if not re.search(r"[.!?…]", text):
        return text
    return re.sub(r"(?<=[^\s.!?…:;»\"”)\]])\n(?=[a-zа-яё])", " ", text)



_JS = r"[A-Za-z_$][A-Za-z0-9_$]*"
# Where page script or style starts: a function, a declaration, an assignment to a property
# or of an object, a call with a string or object argument, a CSS rule, a JSON object.
_SCRIPT_START = re.compile(
    r"(?=[(.#{A-Za-z_$])"  # refuses Cyrillic, digits and spaces at once: the search runs over whole texts
    rf"(?:\(\s*function\s*\(|\bfunction\s*(?:{_JS}\s*)?\(|\b(?:var|let|const)\s+{_JS}\s*[=,;]"
    rf"|\b{_JS}(?:\.{_JS})+\s*=(?!=)|\b{_JS}\s*=\s*[{{\[]|\b{_JS}(?:\.{_JS})*\(\s*[\"'{{\[]"
    r"|[.#]?[A-Za-z][\w-]*(?:[ ,>]+[.#]?[A-Za-z][\w-]*){0,4}\s*\{\s*[a-z-]+\s*:[^;{}\n]{1,80}[;}]"
    r"|\{\s*\"[^\"\n]{1,40}\"\s*:)"
)
# What may follow a statement in the same script: another start, a keyword, a call.
_SCRIPT_MORE = re.compile(
    rf"{_SCRIPT_START.pattern}|;|(?:if|for|while|do|else|try|return|switch)\b|{_JS}(?:\.{_JS})*\(|{_JS}(?:\.{_JS})+\s*="
)
_SCRIPT_TOKEN = re.compile(r"[\"'`()\[\]{};\n]")
_STRING_END = {q: re.compile(rf"\\.|{q}|\n") for q in "\"'`"}
_GOES_ON = re.compile(r"[ \t\r]*(?:[.,;:(\[)\]{}=+\-*/?&|!]|\n|$)")  # after a bracket: the statement is not over
_SPACE = re.compile(r"\s*")
_CODE_MARK = re.compile(r"[{}();=:]|\bfunction\b")
_STRING = re.compile(r"\"(?:\\.|[^\"\\\n])*\"|'(?:\\.|[^'\\\n])*'")
_FENCE = re.compile(r"^(```|~~~).*?^\1[^\n]*", re.MULTILINE | re.DOTALL)
_GONE = "\uffff"  # stands where script was, until the lines around it are tidied
_GONE_LINES = re.compile(rf"^[ \t\r]*{_GONE}[ \t\r{_GONE}]*\n?", re.MULTILINE)
_GONE_INLINE = re.compile(rf"[ \t\r]*{_GONE}[ \t\r{_GONE}]*(\n|$)?")


def _statement_end(text: str, pos: int, limit: int) -> int:
    """End of the statement at `pos`: a ';' or a line end outside brackets, or a closing
    bracket followed by prose; -1 when its brackets do not balance before `limit`."""
    depth = 0
    while m := _SCRIPT_TOKEN.search(text, pos, limit):
        c, pos = m[0], m.end()
        if c in "\"'`":
            end = _STRING_END[c].search(text, pos, limit)
            while end and len(end[0]) == 2:  # an escaped character
                end = _STRING_END[c].search(text, end.end(), limit)
            pos = limit if end is None else end.start() if end[0] == "\n" else end.end()
        elif c in "([{":
            depth += 1
        elif c in ")]}":
            depth -= 1
            if depth < 0:  # inside brackets opened before it: quoted in a sentence
                return -1
            if depth == 0 and not _GOES_ON.match(text, pos):
                return pos
        elif depth == 0:
            return pos if c == ";" else m.start()
    return -1 if depth or limit < len(text) else len(text)


def _script_end(text: str, start: int) -> int:
    """End of the run of statements from `start`; -1 unless it holds, outside its strings,
    five code marks ('{}();=:' or 'function') and a block, an object or an assignment."""
    limit = min(len(text), start + 50_000)
    end = _statement_end(text, start, limit)
    while end >= 0:
        following = _SPACE.match(text, end).end()
        more = _statement_end(text, following, limit) if _SCRIPT_MORE.match(text, following) else -1
        if more < 0:
            break
        end = more
    marks = _CODE_MARK.findall(_STRING.sub("", text[start:end])) if end >= 0 else []
    return end if len(marks) >= 5 and ("{" in marks or "=" in marks) else -1


def _drop_script(text: str) -> str:
    out: list[str] = []
    pos = at = 0
    while m := _SCRIPT_START.search(text, at):
        end = _script_end(text, m.start())
        if end < 0:
            at = m.start() + 1
            continue
        out += [text[pos : m.start()], _GONE]
        pos = at = end
    if not out:
        return text
    text = _GONE_LINES.sub("", "".join(out) + text[pos:])
    return _GONE_INLINE.sub(lambda g: g[1] if g[1] is not None else " ", text)


def drop_page_script(text: str) -> str:
    """Player, analytics and page script and style carried as text ('jwplayer("…").setup({…});',
    '(function(d, s, id) {…}(document, …));', 'body{min-height:500px}', '{"key": …}'), wherever
    it stands: a run of statements whose brackets balance, holding five code marks or more.
    Code quoted in prose ('функция f(x)', 'console.log("hi")') and fenced code blocks stay."""
    if "{" not in text and "=" not in text:  # every script removed holds one (_script_end)
        return text
    out: list[str] = []
    pos = 0
    for fence in _FENCE.finditer(text):
        out += [_drop_script(text[pos : fence.start()]), fence[0]]
        pos = fence.end()
    return "".join(out) + _drop_script(text[pos:])

@dataclass(frozen=True)
class Rule:
    name: str
    apply: Callable[[str], str]
    formats: frozenset[str] = frozenset({"txt", "md"})
    note: Callable[[str], object] | None = None  # reads what the rule removes, before it does


RULES: tuple[Rule, ...] = (
    Rule("drop_page_script", drop_page_script),
    Rule("drop_photo_credits", drop_photo_credits),
    Rule("drop_teasers", drop_teasers),
    Rule("join_inline_link_lines", join_inline_link_lines, frozenset({"txt"})),
    Rule("normalize_spaces", normalize_spaces),
    Rule("decode_html_entities", decode_html_entities, frozenset({"txt"})),
    Rule("join_hyphenated_breaks", join_hyphenated_breaks),
    Rule("drop_social_embeds", drop_social_embeds),
    Rule("drop_boilerplate_lines", drop_boilerplate_lines),
    Rule("drop_bare_times_and_numbers", drop_bare_times_and_numbers),
    Rule("drop_datelines", drop_datelines, note=find_dateline),
    Rule("drop_legal_disclaimers", drop_legal_disclaimers),
    Rule("join_wrapped_lines", join_wrapped_lines, frozenset({"txt"})),
)


def apply_rules(text: str, fmt: str, path: str = "", trace: Trace | None = None, notes: dict[str, object] | None = None) -> str:
    """Every rule for the format, in order; `notes` receives what rules with a `note` read."""
    for rule in RULES:
        if fmt in rule.formats:
            if rule.note is not None and notes is not None:
                notes[rule.name] = rule.note(text)
            before, text = text, rule.apply(text)
            if trace and text != before:
                trace(path, rule.name, before, text)
    return text


def take_trailing_url(text: str) -> tuple[str, str]:
    """A bare URL on the last line is the document's address, not its text."""
    m = re.search(r"\n?[ \t]*<?(https?://\S+?)>?[ \t]*\s*$", text)
    if m and (m.start() == 0 or text[m.start()] == "\n"):
        return text[: m.start()].rstrip(), m[1]
    return text, ""


def is_heading_like(line: str) -> bool:
    """Short, unpunctuated lines are headings, kickers or captions, not prose."""
    words = line.split()
    return 2 <= len(words) <= 14 and not line.endswith(_TERMINAL) and len(line) <= 150


_BULLET = re.compile(r"^[•●▪◦·\-*]\s+")


def has_sentence_punctuation(text: str) -> bool:
    return re.search(r"[.!?…]", text) is not None


def txt_blocks(text: str, headings: bool = True) -> list[Block]:
    """One block per line: list items, heading-like lines (when `headings`), paragraphs."""
    blocks: list[Block] = []
    for raw in text.split("\n"):
        line = raw.strip()
        if not line:
            continue
        if _BULLET.match(line):
            blocks.append(Block("item", _BULLET.sub("", line)))
        else:
            blocks.append(Block("heading" if headings and is_heading_like(line) else "paragraph", line))
    return blocks


def _inline_text(children: Iterable) -> str:  # markdown-it tokens
    parts: list[str] = []
    for tok in children:
        if tok.type in ("text", "code_inline"):
            parts.append(tok.content)
        elif tok.type in ("softbreak", "hardbreak"):
            parts.append(" ")
    return re.sub(r"\s+", " ", "".join(parts)).strip()


def md_blocks(text: str) -> list[Block]:
    """Markdown to blocks with markdown-it-py: headings, paragraphs, list items.

    Raw HTML, images and link targets are dropped; link texts are kept.
    """
    tokens = MarkdownIt("commonmark").enable("table").parse(text)
    blocks: list[Block] = []
    in_item = 0
    for i, tok in enumerate(tokens):
        if tok.type == "list_item_open":
            in_item += 1
        elif tok.type == "list_item_close":
            in_item -= 1
        elif tok.type == "inline" and tok.children is not None:
            content = _inline_text(tok.children)
            opener = tokens[i - 1].type if i else ""
            if not content or opener not in ("heading_open", "paragraph_open"):
                continue
            kind = "heading" if opener == "heading_open" else "item" if in_item else "paragraph"
            blocks.append(Block(kind, content))  # type: ignore[arg-type]
        elif tok.type in ("fence", "code_block") and tok.content.strip():
            blocks.append(Block("paragraph", re.sub(r"\s+", " ", tok.content).strip()))
    return blocks


def _key(text: str) -> str:
    return re.sub(r"[\W_]+", " ", text.lower()).strip()


def strip_title_markers(title: str) -> str:
    """'… - ОБНОВЛЕНО', '… (видео)' are site labels, not part of the headline."""
    return re.sub(r"\s*(?:[-—–]\s*(?:ОБНОВЛЕНО|ВИДЕО|ФОТО)|\((?:обновлено|видео|фото)\))\s*$", "", title, flags=re.IGNORECASE)


def finish_blocks(blocks: list[Block], title: str) -> list[Block]:
    """Drop lines repeating the title or an earlier line, and headings that end the text."""
    seen = {_key(title)}
    kept: list[Block] = []
    for block in blocks:
        key = _key(block.text)
        if key in seen and block.kind != "item":
            continue
        seen.add(key)
        kept.append(block)
    while kept and kept[-1].kind == "heading":
        kept.pop()
    return kept


def clean(doc: Document, trace: Trace | None = None, sources: Mapping[str, str] | None = None) -> Document:
    """Cleaned blocks, title and url for one document, with its source, place and date
    (briefing/nlp/provenance.py); ContentError if no text is left."""
    return _clean_noted(doc, trace, sources)[0]


def _clean_noted(doc: Document, trace: Trace | None = None, sources: Mapping[str, str] | None = None) -> tuple[Document, list[str]]:
    """clean(doc), and warnings about it."""
    cleaned, found, note = _clean(doc, trace)
    result, problems = provenance.apply(cleaned, found, sources)
    return result, [note, *problems] if note else list(problems)


def _clean(doc: Document, trace: Trace | None = None) -> tuple[Document, provenance.Found, str]:
    notes: dict[str, object] = {}
    header_date = dates.header_date(doc.body)  # before the rules drop date lines
    text = apply_rules(doc.body, doc.format, doc.path, trace, notes)
    text, url = take_trailing_url(text)
    note = ""
    if url and not doc.url:
        url, note = repair_url(url)
        note = f"last line: {note}" if note else ""
        if url_problem(url):
            # Never a link, an attribute or a source: a malformed address is dropped with a warning.
            note, url = f"last line: not a usable address ({url_problem(url)}), not linked: {url[:100]!r}", ""
    title = doc.title
    if doc.format == "md":
        if not title and not text.lstrip().startswith("#"):
            # No heading: the title is the first line, not the whole first paragraph.
            first, _, text = text.lstrip().partition("\n")
            title = " ".join(b.text for b in md_blocks(first))
        blocks = md_blocks(text)
    else:
        # Without any sentence punctuation every short line would look like a heading.
        blocks = txt_blocks(text, has_sentence_punctuation(text))
    if not title and blocks:
        title = blocks.pop(0).text
    title = strip_title_markers(title)
    blocks = finish_blocks(blocks, title)
    if not any(b.kind != "heading" for b in blocks):
        raise ContentError(doc.path, "no text left after cleaning (only a title, boilerplate or markup)")
    dateline = notes.get("drop_datelines")
    found = provenance.Found(dateline if isinstance(dateline, provenance.Dateline) else None,
                             provenance.own_attribution(text.rstrip().rpartition("\n")[2]), header_date)
    return replace(doc, title=title, url=doc.url or url, blocks=tuple(blocks)), found, note


def _fingerprint(doc: Document) -> bytes:
    """Equal for texts that differ only in case and spacing (a digest: every document's is kept)."""
    return hashlib.sha256(" ".join(doc.text.lower().split()).encode("utf-8")).digest()


# Cleaned results are stored by a hash of what they are made from: the document's own
# fields and the source of this module, provenance.py and dates.py (editing a rule invalidates
# every entry).
_RULES_DIGEST = hashlib.sha256(b"".join(Path(m.__file__).read_bytes() for m in (sys.modules[__name__], provenance, dates))).hexdigest()


def _clean_key(doc: Document) -> str:
    payload = json.dumps([_RULES_DIGEST, doc.format, doc.title, doc.url, doc.body], ensure_ascii=False)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def _cached_clean(doc: Document, path: Path, sources: Mapping[str, str] | None = None) -> tuple[Document, list[str]]:
    """_clean_noted(doc), or what an earlier build stored for the same input at `path`."""
    data = read_json(path)
    if not isinstance(data, dict) or not ("error" in data or "found" in data):
        try:
            result, found, note = _clean(doc)
            data = {"title": result.title, "url": result.url, "blocks": [[b.kind, b.text] for b in result.blocks],
                    "found": found.to_json(), "note": note}
        except ContentError as exc:
            data = {"error": exc.reason}
        write_json(path, data)
    if "error" in data:
        raise ContentError(doc.path, data["error"])
    cleaned = replace(doc, title=data["title"], url=data["url"], blocks=tuple(Block(k, t) for k, t in data["blocks"]))
    result, problems = provenance.apply(cleaned, provenance.Found.from_json(data["found"]), sources)
    return result, [data["note"], *problems] if data.get("note") else list(problems)


def clean_all(
    docs: Iterable[Document], trace: Trace | None = None, cache_dir: Path | None = None,
    sources: Mapping[str, str] | None = None,
) -> tuple[list[Document], list[ContentError]]:
    """Clean every document; report those left empty, duplicates, and text with no sentences.
    `sources`: the user's publishers by host (site_config.yaml), for documents with a url.
    With `cache_dir` (and no trace), unchanged documents are not cleaned again. The cleaned
    documents keep no raw body: the blocks are the text from here on (memory at scale)."""
    cleaned: list[Document] = []
    problems: list[ContentError] = []
    seen: dict[bytes, str] = {}
    keep: set[str] = set()
    for doc in docs:
        try:
            if cache_dir and not trace:
                name = f"{_clean_key(doc)}.json"
                keep.add(name)
                result, notes = _cached_clean(doc, cache_dir / name, sources)
            else:
                result, notes = _clean_noted(doc, trace, sources)
        except ContentError as exc:  # kept without its traceback, which holds every document
            problems.append(exc.with_traceback(None))
            continue
        problems += [ContentError(doc.path, note) for note in notes]
        first = seen.setdefault(_fingerprint(result), doc.path)
        if first != doc.path:
            problems.append(ContentError(doc.path, f"same text as {first}: skipped as a duplicate"))
            continue
        if not has_sentence_punctuation(result.text):
            problems.append(ContentError(doc.path, "no sentence punctuation (. ! ? …): each line or paragraph is taken as one sentence"))
        cleaned.append(replace(result, body=""))
    if cache_dir and not trace:
        prune(cache_dir, keep)
    return cleaned, problems
