// dyad's web page: a dyad timeline (SVG drawn by the server), the events of a period in their
// sentences, a map of their locations, and a box that codes pasted text. Plain JS, no build step.
"use strict";

const $ = (id) => document.getElementById(id);
const SVG_NS = "http://www.w3.org/2000/svg";
const QUADS = ["verbal cooperation", "material cooperation", "verbal conflict", "material conflict"];

/** Fetches JSON (or text) from the API; an error response becomes an Error with its message. */
async function api(path, options = {}, as = "json") {
  const response = await fetch(path, options);
  if (!response.ok) {
    let message = `${response.status} ${response.statusText}`;
    try { message = (await response.json()).message || message; } catch (_) { /* not JSON */ }
    throw new Error(message);
  }
  return as === "text" ? response.text() : response.json();
}

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined) continue;
    if (k === "class") node.className = v; else node.setAttribute(k, v);
  }
  for (const c of children) node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return node;
}

// ---- stats and autocomplete ----

async function loadStats() {
  try {
    const s = await api("/api/stats");
    $("stats").textContent = `${s.documents} documents, ${s.events} events in the store.`;
  } catch (e) {
    $("stats").textContent = `No store: ${e.message}`;
  }
}

let suggestTimer = null;
function suggestActors(input) {
  clearTimeout(suggestTimer);
  const q = input.value.trim();
  if (q.length < 1) return;
  suggestTimer = setTimeout(async () => {
    try {
      const { actors } = await api(`/api/actors?q=${encodeURIComponent(q)}&limit=12`);
      const list = $("actor-list");
      list.replaceChildren(...actors.map((a) =>
        el("option", { value: a.code, label: a.names.length ? `${a.code} — ${a.names[0]} (${a.events})` : `${a.code} (${a.events})` })));
    } catch (e) {
      setStatus("dyad-status", `Autocomplete failed: ${e.message}`);
    }
  }, 150);
}

function setStatus(id, text) { $(id).textContent = text; }

// ---- the timeline ----

let current = null; // the dyad shown: {a, b, by, count, from, to}

function dyadParams(q, extra = {}) {
  const p = new URLSearchParams({ a: q.a, b: q.b, by: q.by, count: q.count, ...extra });
  if (q.from) p.set("from", q.from);
  if (q.to) p.set("to", q.to);
  return p;
}

async function showDyad(event) {
  if (event) event.preventDefault();
  const q = {
    a: $("actor-a").value.trim().toUpperCase(),
    b: $("actor-b").value.trim().toUpperCase(),
    by: $("by").value, count: $("count").value, from: $("from").value, to: $("to").value,
  };
  if (!q.a || !q.b) { setStatus("dyad-status", "Pick two actors."); return; }
  setStatus("dyad-status", `Loading ${q.a} and ${q.b}…`);
  try {
    const svg = await api(`/api/dyad?${dyadParams(q, { format: "svg" })}`, {}, "text");
    const doc = new DOMParser().parseFromString(svg, "image/svg+xml");
    const chart = $("chart");
    chart.replaceChildren(document.importNode(doc.documentElement, true));
    current = q;
    for (const g of chart.querySelectorAll("g.period")) {
      g.addEventListener("click", () => showPeriod(g));
      g.addEventListener("keydown", (e) => {
        if (e.key === "Enter" || e.key === " ") { e.preventDefault(); showPeriod(g); }
      });
    }
    const totals = [0, 1].map((d) => [...chart.querySelectorAll(`g.period[data-direction="${d}"]`)]
      .reduce((n, g) => n + Number(g.dataset.total), 0));
    setStatus("dyad-status", `${q.a} → ${q.b}: ${totals[0]} ${q.count}; ${q.b} → ${q.a}: ${totals[1]} ${q.count}.`);
    const csv = $("csv-link"); csv.href = `/api/dyad?${dyadParams(q, { format: "csv" })}`; csv.hidden = false;
    const svgLink = $("svg-link"); svgLink.href = `/api/dyad?${dyadParams(q, { format: "svg" })}`; svgLink.hidden = false;
  } catch (e) {
    $("chart").replaceChildren();
    setStatus("dyad-status", e.message);
  }
}

let eventsQuery = null;

async function showPeriod(g) {
  for (const s of document.querySelectorAll("g.period.selected")) s.classList.remove("selected");
  g.classList.add("selected");
  const d = Number(g.dataset.direction);
  const [src, tgt] = d === 0 ? [current.a, current.b] : [current.b, current.a];
  // What the bar counts: this direction, this period, asserted and not historical; when it
  // counts clusters, one event per cluster (its representative, with its other reports).
  eventsQuery = new URLSearchParams({
    a: src, b: tgt, directed: "true", counted: "true", from: g.dataset.from, to: g.dataset.to, limit: "50",
  });
  if (current.count === "clusters") eventsQuery.set("count", "clusters");
  if (current.exact) eventsQuery.set("exact", "true");
  $("events").replaceChildren();
  setStatus("events-status", `${src} → ${tgt}, ${g.dataset.period}: loading…`);
  await loadEvents(`${src} → ${tgt}, ${g.dataset.period}`);
}

async function loadEvents(title, cursor) {
  const params = new URLSearchParams(eventsQuery);
  if (cursor) params.set("cursor", cursor);
  try {
    const page = await api(`/api/events?${params}`);
    const list = $("events");
    list.append(...page.events.map((e) => renderEvent(e.record, { stored: e })));
    const n = list.children.length;
    const unit = eventsQuery.get("count") === "clusters" ? "cluster" : "event";
    setStatus("events-status", `${title}: ${n} ${unit}${n === 1 ? "" : "s"}${page.next_cursor ? " (more)" : ""}.`);
    const more = $("more");
    more.hidden = !page.next_cursor;
    more.onclick = () => loadEvents(title, page.next_cursor);
    drawMap([...list.querySelectorAll("li[data-lat]")]);
  } catch (e) {
    setStatus("events-status", e.message);
  }
}

// ---- one event, highlighted in its sentence ----

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** The sentence with the trigger and the actors marked; offsets are UTF-8 bytes of the document. */
function highlightedSentence(r) {
  const bytes = encoder.encode(r.sentence.text);
  const base = r.sentence.start;
  const spans = [
    { span: r.trigger, cls: "trigger", label: "what" },
    { span: r.source, cls: "source", label: `who: ${r.source.code}` },
    r.target ? { span: r.target, cls: "target", label: `to whom: ${r.target.code}` } : null,
  ].filter((s) => s && s.span.start >= base && s.span.end <= base + bytes.length)
    .sort((x, y) => x.span.start - y.span.start);
  const p = el("p", { class: "sentence" });
  let at = 0;
  for (const s of spans) {
    const start = s.span.start - base, end = s.span.end - base;
    if (start < at) continue; // overlapping spans: the first one wins
    p.append(decoder.decode(bytes.slice(at, start)));
    p.append(el("mark", { class: s.cls, title: s.label }, decoder.decode(bytes.slice(start, end))));
    at = end;
  }
  p.append(decoder.decode(bytes.slice(at)));
  return p;
}

function renderEvent(r, { stored }) {
  const li = el("li", { "data-event-id": r.id });
  if (r.location) { li.dataset.lat = r.location.lat; li.dataset.lon = r.location.lon; li.dataset.place = r.location.name; }
  const who = `${r.source.code} → ${r.target ? r.target.code : "—"}${r.symmetric ? " (mutual)" : ""}`;
  li.append(el("div", { class: "meta" },
    el("span", { class: `badge q${r.quad_class}`, title: QUADS[r.quad_class - 1] }, r.cameo),
    ` ${who} · ${r.date || r.report_date || "undated"}`,
    r.goldstein === null ? "" : ` · Goldstein ${r.goldstein}`,
    r.location ? ` · ${r.location.name}` : "",
    ` · ${r.doc_id}`));
  li.append(highlightedSentence(r));
  const why = el("details", {}, el("summary", {}, "Why"));
  why.append(el("ul", {},
    el("li", {}, `Rule: ${r.rule}`),
    el("li", {}, `Source “${r.source.text}” ${r.source.code}: ${r.source.reason}`),
    ...(r.target ? [el("li", {}, `Target “${r.target.text}” ${r.target.code}: ${r.target.reason}`)] : []),
    ...(r.date_text ? [el("li", {}, `Date from “${r.date_text}” (${r.date_precision})`)] : []),
    ...(r.attributed_to ? [el("li", {}, `Reported by ${r.attributed_to.text}`)] : [])));
  li.append(why);
  if (stored) {
    const source = stored.doc_title || stored.doc_url || r.doc_id;
    li.querySelector(".meta").append(` · ${source}`);
    if (stored.num_events > 1) {
      li.querySelector(".meta").append(` · ${stored.num_events} reports in ${stored.num_articles} ` +
        `article${stored.num_articles === 1 ? "" : "s"}`);
    }
    const siblings = el("details", { class: "sibling-reports" }, el("summary", {}, "Other reports of this event"));
    siblings.addEventListener("toggle", () => loadSiblings(r.id, siblings), { once: true });
    li.append(siblings);
  }
  return li;
}

async function loadSiblings(id, details) {
  try {
    const detail = await api(`/api/events/${encodeURIComponent(id)}`);
    const e = detail.event;
    details.append(el("p", {}, `Cluster: ${e.num_events} report${e.num_events === 1 ? "" : "s"} in ` +
      `${e.num_articles} article${e.num_articles === 1 ? "" : "s"} from ${e.num_sources} source${e.num_sources === 1 ? "" : "s"}.`));
    const others = detail.sibling_reports;
    if (others.length === 0) { details.append(el("p", {}, "No other report in the store.")); return; }
    details.append(el("ul", { class: "siblings" }, ...others.map((s) =>
      el("li", {}, `${s.doc_title || s.record.doc_id} (${s.record.report_date || "undated"}): `,
        highlightedSentence(s.record)))));
  } catch (err) {
    details.append(el("p", {}, err.message));
  }
}

// ---- the map ----

let world = null;

async function drawMap(items) {
  if (!world) {
    try { world = await api("/assets/world.json"); } catch (e) { $("map").textContent = e.message; return; }
  }
  const svg = document.createElementNS(SVG_NS, "svg");
  svg.setAttribute("viewBox", `0 0 ${world.width} ${world.height}`);
  for (const c of world.countries) {
    const path = document.createElementNS(SVG_NS, "path");
    path.setAttribute("d", c.d);
    svg.append(path);
  }
  const seen = new Map();
  for (const li of items) {
    const key = `${li.dataset.lat},${li.dataset.lon}`;
    seen.set(key, { lat: Number(li.dataset.lat), lon: Number(li.dataset.lon), place: li.dataset.place, n: (seen.get(key)?.n || 0) + 1 });
  }
  for (const p of seen.values()) {
    const c = document.createElementNS(SVG_NS, "circle");
    c.setAttribute("cx", ((p.lon + 180) * 5).toFixed(1));
    c.setAttribute("cy", ((90 - p.lat) * 5).toFixed(1));
    c.setAttribute("r", String(4 + 2 * Math.sqrt(p.n)));
    const t = document.createElementNS(SVG_NS, "title");
    t.textContent = `${p.place}: ${p.n} event${p.n === 1 ? "" : "s"}`;
    c.append(t);
    svg.append(c);
  }
  $("map").setAttribute("aria-label", `Map: ${seen.size} place${seen.size === 1 ? "" : "s"} of the events listed`);
  $("map").replaceChildren(svg);
}

// ---- code this article ----

async function codeArticle(event) {
  event.preventDefault();
  const text = $("code-text").value;
  const date = $("code-date").value || null;
  setStatus("code-status", "Coding…");
  $("code-events").replaceChildren();
  try {
    const result = await api("/api/code", {
      method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ text, date }),
    });
    const items = result.events.map((r) => renderEvent(r, { stored: false }));
    $("code-events").append(...items);
    const n = items.length;
    setStatus("code-status", `${n} event${n === 1 ? "" : "s"} (report date ${result.report_date}).`);
    drawMap(items.filter((li) => li.dataset.lat));
  } catch (e) {
    setStatus("code-status", e.message);
  }
}

// ---- start ----

function start() {
  $("dyad-form").addEventListener("submit", showDyad);
  $("code-form").addEventListener("submit", codeArticle);
  for (const id of ["actor-a", "actor-b"]) $(id).addEventListener("input", (e) => suggestActors(e.target));
  // A dyad in the address (#a=MAR&b=MRT&by=month) is shown at once.
  const hash = new URLSearchParams(location.hash.slice(1));
  for (const [k, id] of [["a", "actor-a"], ["b", "actor-b"], ["by", "by"], ["count", "count"], ["from", "from"], ["to", "to"]]) {
    if (hash.get(k)) $(id).value = hash.get(k);
  }
  loadStats();
  drawMap([]);
  if (hash.get("a") && hash.get("b")) showDyad();
  document.body.dataset.ready = "1";
}

start();
