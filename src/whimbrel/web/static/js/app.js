// The dashboard: one page, its view and filters kept in the URL so that any view can be shared.

import { api, setStatus } from "./api.js";
import { PLOVER, STATUSES, clear, el } from "./dom.js";
import { renderEvent, renderEvents } from "./events.js";
import { renderExplain } from "./explain.js";
import { renderMap } from "./map.js";
import { renderNetwork } from "./network.js";
import { renderOverview } from "./overview.js";
import { renderDocument } from "./reader.js";
import { renderTimeline } from "./timeline.js";

export const FILTER_KEYS = [
  "date_from", "date_to", "event", "status", "country", "actor", "min_confidence", "q", "quad", "mode", "doc",
];

const VIEWS = {
  overview: renderOverview,
  map: renderMap,
  timeline: renderTimeline,
  network: renderNetwork,
  events: renderEvents,
  event: renderEvent,
  doc: renderDocument,
  explain: renderExplain,
};

export const app = {
  config: { allow_review: false },
  cleanup: null,
};

export function params() {
  return new URLSearchParams(window.location.search);
}

export function filters() {
  const p = params();
  const out = {};
  for (const key of FILTER_KEYS) if (p.get(key)) out[key] = p.get(key);
  return out;
}

// Navigate: ``changes`` are set (or removed when null/""), the rest of the URL is kept unless ``fresh``.
export function go(changes, { fresh = false, replace = false } = {}) {
  const p = fresh ? new URLSearchParams() : params();
  if (fresh) for (const [key, value] of Object.entries(filters())) p.set(key, value);
  for (const [key, value] of Object.entries(changes)) {
    if (value === null || value === undefined || value === "") p.delete(key);
    else p.set(key, value);
  }
  const url = `${window.location.pathname}?${p.toString()}`;
  if (replace) window.history.replaceState(null, "", url);
  else window.history.pushState(null, "", url);
  render();
}

export function link(text, changes, attrs = {}) {
  const p = new URLSearchParams();
  for (const [key, value] of Object.entries(filters())) p.set(key, value);
  for (const [key, value] of Object.entries(changes)) {
    if (value === null || value === undefined || value === "") p.delete(key);
    else p.set(key, value);
  }
  return el(
    "a",
    {
      ...attrs,
      href: `/?${p.toString()}`,
      onclick: (event) => {
        if (event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return;
        event.preventDefault();
        window.history.pushState(null, "", `/?${p.toString()}`);
        render();
      },
    },
    text,
  );
}

function fillFilterForm() {
  const form = document.getElementById("filters");
  const current = filters();
  const eventSelect = form.elements.event;
  for (const option of [...eventSelect.options]) if (option.dataset.extra) option.remove();
  if (current.event && !PLOVER.includes(current.event)) {
    eventSelect.append(el("option", { value: current.event, dataset: { extra: "1" } }, current.event));
  }
  for (const key of FILTER_KEYS) {
    const field = form.elements[key];
    if (field) field.value = current[key] || "";
  }
}

function setupFilterForm() {
  const form = document.getElementById("filters");
  for (const event of PLOVER) form.elements.event.append(el("option", { value: event }, event));
  for (const status of STATUSES) form.elements.status.append(el("option", { value: status }, status));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const changes = {};
    for (const key of FILTER_KEYS) {
      const field = form.elements[key];
      if (field) changes[key] = field.value.trim();
    }
    changes.page = null;
    go(changes);
  });
  document.getElementById("clear-filters").addEventListener("click", () => {
    const changes = Object.fromEntries(FILTER_KEYS.map((key) => [key, null]));
    go({ ...changes, page: null });
  });
  for (const a of document.querySelectorAll("a[data-view]")) {
    a.addEventListener("click", (event) => {
      event.preventDefault();
      go({ view: a.dataset.view, id: null, page: null });
    });
  }
}

let renderCount = 0;

export async function render() {
  const mine = ++renderCount;
  document.body.dataset.ready = "0";
  if (app.cleanup) {
    app.cleanup();
    app.cleanup = null;
  }
  const view = params().get("view") || "overview";
  for (const a of document.querySelectorAll("#nav a")) a.classList.toggle("active", a.dataset.view === view);
  fillFilterForm();
  const main = clear(document.getElementById("main"));
  const body = el("section", { class: `view view-${view}` });
  main.append(body);
  const renderer = VIEWS[view] || renderOverview;
  try {
    await renderer(body, filters(), params());
    if (mine === renderCount) {
      setStatus(statusLine());
      window.__whimbrelReadyAt = performance.now(); // read by the benchmarks
      document.body.dataset.ready = "1";
    }
  } catch (error) {
    if (mine !== renderCount) return;
    body.append(el("p", { class: "error" }, `Could not load this view: ${error.message}`));
    document.body.dataset.ready = "1";
  }
}

function statusLine() {
  const c = app.config;
  const when = c.snapshot_written ? new Date(c.snapshot_written * 1000).toLocaleTimeString() : "";
  return `${c.events ?? "?"} events · snapshot ${when}${c.allow_review ? " · reviews on" : " · read-only"}`;
}

// Follow the store: when a run publishes a new snapshot, say so (the view refreshes on the next action).
async function watchStore() {
  try {
    const status = await api("/api/status");
    const changed = app.config.generation !== undefined && status.generation !== app.config.generation;
    app.config = status;
    setStatus(statusLine() + (changed ? " · updated" : ""));
  } catch (_) {
    /* the next round tries again */
  }
  setTimeout(watchStore, 5000);
}

async function start() {
  setupFilterForm();
  window.addEventListener("popstate", render);
  try {
    app.config = await api("/api/status");
  } catch (error) {
    setStatus(error.message);
  }
  setTimeout(watchStore, 5000);
  await render();
}

start();
