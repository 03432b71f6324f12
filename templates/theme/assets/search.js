// The header search box over the site's own index (search/, written by briefing/site/search.py),
// loaded on first use. Words get their terms as the index's did (Snowball's Russian stem,
// assets/stemmer.js, or the word itself or less its ending where Snowball cuts too far); a query fetches
// the index's meta, the chunks that hold its terms and the fragments of the results it shows.
// Result links stay relative to the page, so the site works under any sub-path.
(() => {
  "use strict";

  // A word's term, as briefing/site/search.py's stem(): the word itself when Snowball cut
  // its -ов/-ев («Медведев», not «медвед» like «медведь»); else Snowball's stem unless it is
  // shorter than MIN_STEM letters («Алиев» → «ал», like «Аль»): then the word less the longest
  // of LIGHT_ENDINGS, or whole when fewer than LIGHT_KEEP letters would be left. The same
  // numbers and lists as search.py; test_browser checks both give the same terms.
  const MIN_STEM = 5, LIGHT_KEEP = 3;
  const LIGHT_ENDINGS = ["ами", "ями", "ого", "его", "ому", "ему", "ыми", "ими",
    "ой", "ей", "ом", "ем", "ах", "ях", "ую", "юю", "ая", "яя", "ое", "ее", "ые", "ие", "ый", "ий",
    "ых", "их", "ым", "им", "ью", "а", "я", "о", "е", "ы", "и", "у", "ю", "ь", "й"];
  const WHOLE_ENDS = ["ов", "ев"];
  const length = (word) => [...word].length;  // code points, as Python counts
  const light = (word) => {
    for (const ending of LIGHT_ENDINGS) {
      if (word.endsWith(ending)) return length(word) - ending.length >= LIGHT_KEEP ? word.slice(0, -ending.length) : word;
    }
    return word;
  };
  let snowball = null;
  const known = new Map();
  const term = (word) => {
    let found = known.get(word);
    if (found === undefined) {
      snowball ??= new window.RussianStemmer();  // assets/stemmer.js, loaded with the index
      const cut = snowball.stemWord(word);
      if (WHOLE_ENDS.some((end) => word.endsWith(end)) && cut === word.slice(0, -2)) found = word;
      else if (length(cut) < MIN_STEM) found = light(word);
      else found = cut;
      known.set(word, found);
    }
    return found;
  };
  // The terms a word of a document counts under (search.py's terms(): also()): its own, and
  // Snowball's stem of a word that is its own term for its -ов/-ев, when that stem is long
  // enough («переговоров» also counts as «переговор»).
  const counted = (word) => {
    const own = term(word);
    if (own !== word || !WHOLE_ENDS.some((end) => word.endsWith(end))) return [own];
    const cut = snowball.stemWord(word);
    return cut === word.slice(0, -2) && length(cut) >= MIN_STEM ? [own, cut] : [own];
  };
  window.BriefingSearchTerms = { term, counted };  // for the tests

  const box = document.querySelector("[data-briefing-search]");
  if (!box) return;
  const base = JSON.parse(document.getElementById("__config").textContent).base.replace(/\/?$/, "/");
  const root = new URL(base, location.href);
  const toggle = document.getElementById("__search");
  const form = box.querySelector("form");
  const input = box.querySelector(".md-search__input");
  const meta = box.querySelector(".md-search-result__meta");
  const list = box.querySelector(".md-search-result__list");
  const PAGE = 10;
  const EXCERPT = 24;  // words
  const K1 = 1.2, B = 0.75;  // BM25
  const PREFIX = 4;
  let index = null;
  let shown = [];
  let latest = 0;

  // The same words as briefing/site/search.py's words(): stress marks and soft hyphens out,
  // lower case, ё as е, runs of letters and digits.
  const UNMARK = /[\u0300\u0301\u00ad]/g;
  const normal = (text) => text.replace(UNMARK, "").toLowerCase().replaceAll("ё", "е");
  const words = (text) => normal(text).match(/[\p{L}\p{N}]+/gu) || [];

  // Every index file is gzipped; a server that already unpacked one is fine too.
  const fetchText = async (path, options) => {
    const response = await fetch(new URL(path, root), options);
    if (!response.ok) throw new Error(`${path}: ${response.status}`);
    const bytes = new Uint8Array(await response.arrayBuffer());
    if (bytes[0] !== 0x1f || bytes[1] !== 0x8b) return new TextDecoder().decode(bytes);
    const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
    return new Response(stream).text();
  };

  const script = (path) => new Promise((resolve, reject) => {
    const tag = document.createElement("script");
    tag.src = new URL(path, root).href;
    tag.onload = resolve;
    tag.onerror = () => reject(new Error(path));
    document.head.append(tag);
  });

  const open = async () => {
    // The meta is asked of the server each time (a new build renumbers documents); the files
    // it names carry its stamp, so a cached chunk or fragment is always of the same build.
    const [info] = await Promise.all([fetchText("search/meta.json.gz", { cache: "no-cache" }).then(JSON.parse),
      window.RussianStemmer ? null : script("assets/stemmer.js")]);
    const average = info.lengths.reduce((a, b) => a + b, 0) / Math.max(1, info.documents);
    return { info, average, chunks: new Map(), fragments: new Map() };
  };
  const load = () => index ??= open();

  // The chunk whose first term is the last one not after `term` (UTF-16 order, as written).
  const chunkOf = (firsts, term) => {
    let lo = 0, hi = firsts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (firsts[mid] <= term) lo = mid; else hi = mid - 1;
    }
    return lo;
  };

  // A file of this index fetched once per page; one that failed is asked for again next time.
  const remembered = (map, key, make) => {
    let found = map.get(key);
    if (!found) {
      found = make();
      found.catch(() => map.delete(key));
      map.set(key, found);
    }
    return found;
  };

  const chunk = (ix, n) => remembered(ix.chunks, n, () => fetchText(`search/t/${n}.gz?v=${ix.info.stamp}`).then((text) => {
    const terms = new Map();
    for (const line of text.split("\n")) {
      const tab = line.indexOf("\t");
      terms.set(line.slice(0, tab), line.slice(tab + 1));
    }
    return terms;
  }));

  // Documents holding `term` (or, with `prefix`, a term that begins with it): id -> count,
  // and those holding the term's own word (`whole`: the posting's number is odd).
  const postings = async (ix, term, prefix) => {
    const firsts = ix.info.chunks;
    if (!firsts.length) return { docs: new Map(), whole: new Set(), terms: [] };
    const from = chunkOf(firsts, term);
    const to = prefix ? Math.min(chunkOf(firsts, term + "\uffff"), from + 3) : from;
    const docs = new Map();
    const whole = new Set();
    const terms = [];
    for (let n = from; n <= to; n++) {
      for (const [name, list] of await chunk(ix, n)) {
        if (name !== term && !(prefix && name.startsWith(term))) continue;
        terms.push(name);
        const numbers = list.split(",");
        let id = 0;
        for (let i = 0; i < numbers.length; i += 2) {
          id += Number(numbers[i]);
          const value = Number(numbers[i + 1]);
          docs.set(id, (docs.get(id) || 0) + (value >> 1));
          if (value & 1) whole.add(id);
        }
      }
    }
    return { docs, whole, terms };
  };

  // The documents holding a query word's term, and (`exact`) those holding the very form
  // asked when the term is that word. The word still being typed (no space after it) that
  // finds nothing so, from PREFIX letters, finds the terms that begin with it as typed
  // («Лавро» finds «Лавров»; a whole word finds only its own forms: «Лавров» not «Лаврушина»,
  // «газ» not «газета»).
  const lookup = async (ix, word, typing) => {
    const own = term(word);
    const found = await postings(ix, own, false);
    if (!found.docs.size && typing && length(word) >= PREFIX) return { ...(await postings(ix, word, true)), exact: new Set() };
    return { ...found, exact: own === word ? found.whole : new Set() };
  };

  // Documents that hold every word of the query; first those holding more of the query's
  // words in the very form asked («Алиев» before «Алиеву» for «Алиев»), then by BM25.
  const find = async (ix, query) => {
    const typed = words(query);
    const typing = /\s$/.test(query) ? null : typed[typed.length - 1];
    const wanted = [...new Map(typed.map((word) => [term(word), word])).values()];  // a word a term
    const found = await Promise.all(wanted.map((word) => lookup(ix, word, word === typing)));
    const n = ix.info.documents;
    let scores = null;
    for (const { docs } of found) {
      const idf = Math.log(1 + (n - docs.size + 0.5) / (docs.size + 0.5));
      const next = new Map();
      for (const [id, count] of docs) {
        if (scores && !scores.has(id)) continue;
        const norm = count + K1 * (1 - B + B * ix.info.lengths[id] / ix.average);
        next.set(id, (scores ? scores.get(id) : 0) + idf * count * (K1 + 1) / norm);
      }
      scores = next;
    }
    const matched = new Set(found.flatMap((f) => f.terms));
    const exact = (id) => found.reduce((k, f) => k + f.exact.has(id), 0);
    const ids = [...(scores || [])].map(([id, score]) => [id, score, exact(id)])
      .sort((a, b) => b[2] - a[2] || b[1] - a[1] || a[0] - b[0]).map(([id]) => id);
    return { ids, matched };
  };

  const fragment = (ix, id) => remembered(ix.fragments, id, () => fetchText(`search/d/${id}.gz?v=${ix.info.stamp}`).then(JSON.parse));

  // The passage of EXCERPT words that holds the most matched words, the matches marked.
  const excerpt = (ix, text, matched) => {
    const spans = [...text.matchAll(/[\p{L}\p{N}\u0300\u0301\u00ad]+/gu)];
    const hit = spans.map((m) => counted(normal(m[0])).some((t) => matched.has(t)));
    let best = 0, end = 0, most = 0, count = 0;
    for (let i = 0; i < spans.length; i++) {
      count += hit[i] ? 1 : 0;
      if (i >= EXCERPT) count -= hit[i - EXCERPT] ? 1 : 0;
      if (count > most) { most = count; end = i; best = Math.max(0, i - EXCERPT + 1); }
    }
    if (most) {  // a few words before the window's first match, keeping its last one
      let first = best;
      while (!hit[first]) first++;
      best = Math.max(0, first - 4, end - EXCERPT + 1);
    }
    const p = document.createElement("p");
    if (!spans.length) return p;
    const last = Math.min(spans.length, best + EXCERPT) - 1;
    let at = spans[best].index;
    if (best > 0) p.append("… ");
    for (let i = best; i <= last; i++) {
      const m = spans[i];
      p.append(text.slice(at, m.index).replace(/\s+/g, " "));
      if (hit[i]) {
        const mark = document.createElement("mark");
        mark.textContent = m[0];
        p.append(mark);
      } else {
        p.append(m[0]);
      }
      at = m.index + m[0].length;
    }
    if (last < spans.length - 1) p.append(" …");
    return p;
  };

  const item = (ix, data, matched) => {
    const li = document.createElement("li");
    li.className = "md-search-result__item";
    const a = document.createElement("a");
    a.className = "md-search-result__link";
    a.href = base + data.u;
    const article = document.createElement("article");
    article.className = "md-search-result__article md-typeset";
    const h1 = document.createElement("h1");
    h1.textContent = data.t || data.u;
    article.append(h1);
    const about = [data.d, data.s].filter(Boolean).join(" · ");  // what the document has of the two
    if (about) {
      const line = document.createElement("div");
      line.className = "briefing-search-about";
      line.textContent = about;
      article.append(line);
    }
    article.append(excerpt(ix, data.x, matched));
    a.append(article);
    li.append(a);
    return li;
  };

  const plural = (n, one, few, many) => {
    const d = n % 10, h = n % 100;
    return d === 1 && h !== 11 ? one : d >= 2 && d <= 4 && (h < 12 || h > 14) ? few : many;
  };

  const more = async (ix, result, token) => {
    if (result.loading) return;  // a second click while the next results load
    result.loading = true;
    let next;
    try {
      next = await Promise.all(result.ids.slice(shown.length, shown.length + PAGE).map((id) => fragment(ix, id)));
    } catch {
      if (token === latest) meta.textContent = "Поиск недоступен: не удалось загрузить результаты";
      return;
    } finally {
      result.loading = false;
    }
    if (token !== latest) return;
    shown = shown.concat(next);
    list.append(...next.map((data) => item(ix, data, result.matched)));
    list.querySelector(".briefing-search-more")?.remove();
    if (shown.length < result.ids.length) {
      const li = document.createElement("li");
      li.className = "md-search-result__item briefing-search-more";
      const button = document.createElement("button");
      button.type = "button";
      button.textContent = `Показать ещё (${result.ids.length - shown.length})`;
      button.addEventListener("click", () => more(ix, result, token));
      li.append(button);
      list.append(li);
    }
  };

  const run = async () => {
    const token = ++latest;
    const query = input.value;
    if (!words(query).length) {
      meta.textContent = "Введите запрос";
      list.replaceChildren();
      box.dataset.shown = "";
      return;
    }
    let ix, result;
    try {
      ix = await load();
      result = await find(ix, query);
    } catch {
      index = null;
      if (token === latest) meta.textContent = "Поиск недоступен: индекс не построен (python build.py)";
      return;
    }
    if (token !== latest) return;
    const n = result.ids.length;
    meta.textContent = n === 0 ? "Ничего не найдено"
      : `${plural(n, "Найден", "Найдено", "Найдено")} ${n} ${plural(n, "документ", "документа", "документов")}`;
    list.replaceChildren();
    shown = [];
    await more(ix, result, token);
    if (token === latest) box.dataset.shown = query.trim();  // for tests and the transfer benchmark
  };

  // Keyboard, as in Material's own search: ↓/↑ move between the box and the results (Enter
  // opens the one in focus), Escape closes and leaves the focus in the box, and focus leaving
  // the box (Tab past the last result) closes it, so no dimmed page stays behind.
  let quiet = false;
  const close = (refocus) => {
    toggle.checked = false;
    if (!refocus) return;
    quiet = true;  // back in the box without opening it again
    try { input.focus(); } finally { quiet = false; }
  };
  const stops = () => [input, ...list.querySelectorAll(".md-search-result__link, .briefing-search-more button")];

  let timer = 0;
  input.addEventListener("input", () => { toggle.checked = true; clearTimeout(timer); timer = setTimeout(run, 120); });
  input.addEventListener("focus", () => { if (quiet) return; toggle.checked = true; load().catch(() => { index = null; }); });
  input.addEventListener("click", () => { toggle.checked = true; });
  toggle.addEventListener("change", () => { if (toggle.checked) input.focus(); });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const first = list.querySelector("a");
    if (first) location.href = first.href;
  });
  form.addEventListener("reset", () => { setTimeout(run); input.focus(); });
  box.addEventListener("focusout", (event) => {
    if (toggle.checked && event.relatedTarget && !box.contains(event.relatedTarget)) close(false);
  });
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && toggle.checked) {
      event.preventDefault();
      close(true);
    } else if ((event.key === "ArrowDown" || event.key === "ArrowUp") && toggle.checked && box.contains(document.activeElement)) {
      const all = stops();
      if (all.length < 2) return;
      event.preventDefault();
      const at = Math.max(0, all.indexOf(document.activeElement));
      all[(at + all.length + (event.key === "ArrowUp" ? -1 : 1)) % all.length].focus();
    } else if (event.key === "/" && !toggle.checked && !/^(INPUT|TEXTAREA)$/.test(document.activeElement?.tagName)) {
      event.preventDefault();
      input.focus();
    }
  });
  box.addEventListener("click", (event) => { if (event.target.closest("a")) toggle.checked = false; });
})();
