// The header search box over the site's own index (search/, written by briefing/site/search.py),
// loaded on first use. Words are stemmed with Snowball's Russian stemmer (assets/stemmer.js),
// as the index was; a query fetches the index's meta, the chunks that hold its terms and the
// fragments of the results it shows. Result links stay relative to the page, so the site
// works under any sub-path.
(() => {
  "use strict";
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
    const stemmer = new window.RussianStemmer();
    const stems = new Map();
    const stem = (word) => {
      let found = stems.get(word);
      if (found === undefined) stems.set(word, found = stemmer.stemWord(word));
      return found;
    };
    const average = info.lengths.reduce((a, b) => a + b, 0) / Math.max(1, info.documents);
    return { info, stem, average, chunks: new Map(), fragments: new Map() };
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

  // Documents holding `term` (or, for the word being typed, a term it begins): id -> count.
  const postings = async (ix, term, prefix) => {
    const firsts = ix.info.chunks;
    if (!firsts.length) return { docs: new Map(), terms: [] };
    const from = chunkOf(firsts, term);
    const to = prefix ? Math.min(chunkOf(firsts, term + "\uffff"), from + 3) : from;
    const docs = new Map();
    const terms = [];
    for (let n = from; n <= to; n++) {
      for (const [name, list] of await chunk(ix, n)) {
        if (name !== term && !(prefix && name.startsWith(term))) continue;
        terms.push(name);
        const numbers = list.split(",");
        let id = 0;
        for (let i = 0; i < numbers.length; i += 2) {
          id += Number(numbers[i]);
          docs.set(id, (docs.get(id) || 0) + Number(numbers[i + 1]));
        }
      }
    }
    return { docs, terms };
  };

  const find = async (ix, query) => {
    const typed = words(query);
    // The word still being typed (no space after it) also finds the terms it begins, from
    // four letters of stem: «газ» alone would find «газета».
    const last = /\s$/.test(query) ? null : ix.stem(typed[typed.length - 1]);
    const wanted = [...new Set(typed.map(ix.stem))];
    const found = await Promise.all(wanted.map((term) => postings(ix, term, term === last && term.length >= PREFIX)));
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
    const ids = [...(scores || [])].sort((a, b) => b[1] - a[1] || a[0] - b[0]).map(([id]) => id);
    return { ids, matched };
  };

  const fragment = (ix, id) => remembered(ix.fragments, id, () => fetchText(`search/d/${id}.gz?v=${ix.info.stamp}`).then(JSON.parse));

  // The passage of EXCERPT words that holds the most matched words, the matches marked.
  const excerpt = (ix, text, matched) => {
    const spans = [...text.matchAll(/[\p{L}\p{N}\u0300\u0301\u00ad]+/gu)];
    const hit = spans.map((m) => matched.has(ix.stem(normal(m[0]))));
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
    article.append(h1, excerpt(ix, data.x, matched));
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

  let timer = 0;
  input.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(run, 120); });
  input.addEventListener("focus", () => { toggle.checked = true; load().catch(() => { index = null; }); });
  toggle.addEventListener("change", () => { if (toggle.checked) input.focus(); });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const first = list.querySelector("a");
    if (first) location.href = first.href;
  });
  form.addEventListener("reset", () => { setTimeout(run); input.focus(); });
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && toggle.checked) {
      toggle.checked = false;
      input.blur();
    } else if (event.key === "/" && !toggle.checked && !/^(INPUT|TEXTAREA)$/.test(document.activeElement?.tagName)) {
      event.preventDefault();
      input.focus();
    }
  });
  box.addEventListener("click", (event) => { if (event.target.closest("a")) toggle.checked = false; });
})();
