// The search page (docs/search.md): reads ?q= (and optional ?tag= / ?author= filters), asks
// Pagefind's pagefind.js, and lists the results as real links. Every state change is announced
// through the page's status region; the form keeps working as a plain GET form without this script.
const PER_PAGE = 10;

const form = document.querySelector("form.search-form[data-bundle]");
const input = form?.querySelector('input[name="q"]');
const status = document.getElementById("search-status");
const list = document.getElementById("search-results");
const more = document.querySelector(".search__more");
const moreButton = more?.querySelector("button");

let pagefind = null;
let current = { results: [], shown: 0, query: "" };

async function loadPagefind() {
  if (pagefind === null) {
    const loaded = await import(`${form.dataset.bundle}pagefind.js`);
    // Result URLs in the index are site paths; the base path is added here (a site under /news/).
    const baseUrl = form.dataset.base;
    await loaded.options({ baseUrl });
    await loaded.init();
    // A large archive is indexed in shards, each its own bundle: they are merged into this one, so
    // a query searches them all and the results are ranked together (merged bundles reuse the first
    // one's WebAssembly; each costs two small requests, then the index chunks a query needs).
    const others = (form.dataset.merge ?? "").split(" ").filter(Boolean);
    await Promise.all(others.map((bundle) => loaded.mergeIndex(bundle, { baseUrl })));
    pagefind = loaded;
  }
  return pagefind;
}

function filtersFrom(params) {
  const filters = {};
  for (const name of ["tag", "author"]) {
    const value = params.get(name);
    if (value) filters[name] = value;
  }
  return filters;
}

/** Pagefind's excerpt marks matches with <mark>; only its text and those marks are kept. */
function excerptNodes(html) {
  const template = document.createElement("template");
  template.innerHTML = html;
  const nodes = [];
  for (const node of template.content.childNodes) {
    if (node.nodeName === "MARK") {
      const mark = document.createElement("mark");
      mark.textContent = node.textContent;
      nodes.push(mark);
    } else {
      nodes.push(document.createTextNode(node.textContent ?? ""));
    }
  }
  return nodes;
}

function resultItem(data) {
  const item = document.createElement("li");
  item.className = "search-result";
  const heading = document.createElement("h2");
  heading.className = "search-result__title";
  const link = document.createElement("a");
  link.href = data.url;
  link.textContent = data.meta?.title || data.url;
  heading.append(link);
  const excerpt = document.createElement("p");
  excerpt.className = "search-result__excerpt";
  excerpt.append(...excerptNodes(data.excerpt ?? ""));
  item.append(heading, excerpt);
  return item;
}

function announce(text) {
  status.textContent = text;
}

async function showMore({ moveFocus }) {
  const next = current.results.slice(current.shown, current.shown + PER_PAGE);
  const items = (await Promise.all(next.map((r) => r.data()))).map(resultItem);
  list.append(...items);
  current.shown += next.length;
  more.hidden = current.shown >= current.results.length;
  // After "Show more", the first new result takes focus, so keyboard users continue from there.
  if (moveFocus && items[0]) items[0].querySelector("a").focus();
  return items.length;
}

function countText(total, query) {
  const noun = total === 1 ? "article" : "articles";
  return `${total} ${noun} found for “${query}”.`;
}

async function run(params) {
  const query = (params.get("q") ?? "").trim();
  input.value = query;
  list.replaceChildren();
  more.hidden = true;
  current = { results: [], shown: 0, query };
  if (query === "") {
    announce("");
    return;
  }
  announce("Searching…");
  try {
    const found = await (await loadPagefind()).search(query, { filters: filtersFrom(params) });
    if (current.query !== query) return; // a newer search started meanwhile
    current.results = found?.results ?? [];
    if (current.results.length === 0) {
      announce(`No articles found for “${query}”. Try other words, or browse by topic.`);
      return;
    }
    await showMore({ moveFocus: false });
    const total = current.results.length;
    announce(total > current.shown ? `${countText(total, query)} Showing ${current.shown}.` : countText(total, query));
  } catch (cause) {
    console.error(cause);
    announce("Search is not available right now. Browse by topic instead.");
  }
}

if (form && input && status && list && more && moreButton) {
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const params = new URLSearchParams(location.search);
    params.set("q", input.value.trim());
    history.pushState(null, "", `${location.pathname}?${params}`);
    run(params);
  });
  moreButton.addEventListener("click", async () => {
    await showMore({ moveFocus: true });
    announce(`${countText(current.results.length, current.query)} Showing ${current.shown}.`);
  });
  window.addEventListener("popstate", () => run(new URLSearchParams(location.search)));
  run(new URLSearchParams(location.search));
}
