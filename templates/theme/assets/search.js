// The header search box over Pagefind's index (pagefind/pagefind.js), loaded on first use.
// Result links stay relative to the page, so the site works under any sub-path.
(() => {
  "use strict";
  const box = document.querySelector("[data-briefing-search]");
  if (!box) return;
  const base = JSON.parse(document.getElementById("__config").textContent).base.replace(/\/?$/, "/");
  const toggle = document.getElementById("__search");
  const form = box.querySelector("form");
  const input = box.querySelector(".md-search__input");
  const meta = box.querySelector(".md-search-result__meta");
  const list = box.querySelector(".md-search-result__list");
  const PAGE = 10;
  let pagefind = null;
  let shown = [];
  let latest = 0;

  // baseUrl "/": result URLs from the site root, made relative to this page in item().
  const load = () => pagefind ??= import(new URL("pagefind/pagefind.js", new URL(base, location.href)).href)
    .then(async (pf) => { await pf.options({ baseUrl: "/", excerptLength: 24 }); await pf.init(); return pf; });

  const plural = (n, one, few, many) => {
    const d = n % 10, h = n % 100;
    return d === 1 && h !== 11 ? one : d >= 2 && d <= 4 && (h < 12 || h > 14) ? few : many;
  };

  // Pagefind's excerpt is HTML with <mark>; only its text and the marks are kept.
  const excerpt = (html) => {
    const p = document.createElement("p");
    const doc = new DOMParser().parseFromString(`<body>${html}</body>`, "text/html");
    for (const node of doc.body.childNodes) {
      if (node.nodeName === "MARK") {
        const mark = document.createElement("mark");
        mark.textContent = node.textContent;
        p.append(mark);
      } else {
        p.append(node.textContent);
      }
    }
    return p;
  };

  const item = (data) => {
    const li = document.createElement("li");
    li.className = "md-search-result__item";
    const a = document.createElement("a");
    a.className = "md-search-result__link";
    a.href = base + data.url.replace(/^\//, "");
    const article = document.createElement("article");
    article.className = "md-search-result__article md-typeset";
    const h1 = document.createElement("h1");
    h1.textContent = data.meta.title || data.url;
    article.append(h1, excerpt(data.excerpt));
    a.append(article);
    li.append(a);
    return li;
  };

  const more = async (results, token) => {
    const next = await Promise.all(results.slice(shown.length, shown.length + PAGE).map((r) => r.data()));
    if (token !== latest) return;
    shown = shown.concat(next);
    list.append(...next.map(item));
    list.querySelector(".briefing-search-more")?.remove();
    if (shown.length < results.length) {
      const li = document.createElement("li");
      li.className = "md-search-result__item briefing-search-more";
      const button = document.createElement("button");
      button.type = "button";
      button.textContent = `Показать ещё (${results.length - shown.length})`;
      button.addEventListener("click", () => more(results, token));
      li.append(button);
      list.append(li);
    }
  };

  const run = async () => {
    const token = ++latest;
    const query = input.value.trim();
    if (!query) {
      meta.textContent = "Введите запрос";
      list.replaceChildren();
      box.dataset.shown = "";
      return;
    }
    let pf;
    try {
      pf = await load();
    } catch {
      pagefind = null;
      meta.textContent = "Поиск недоступен: индекс не построен (python build.py)";
      return;
    }
    const search = await pf.search(query);
    if (token !== latest) return;
    const n = search.results.length;
    meta.textContent = n === 0 ? "Ничего не найдено"
      : `${plural(n, "Найден", "Найдено", "Найдено")} ${n} ${plural(n, "документ", "документа", "документов")}`;
    list.replaceChildren();
    shown = [];
    await more(search.results, token);
    if (token === latest) box.dataset.shown = query;  // for tests and the transfer benchmark
  };

  let timer = 0;
  input.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(run, 120); });
  input.addEventListener("focus", () => { toggle.checked = true; load(); });
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
