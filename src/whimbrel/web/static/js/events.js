// The events table (filters, sorting and page in the URL) and one event with its sentence and review.

import { api } from "./api.js";
import { app, go, link } from "./app.js";
import { PLOVER, el, fmt, statusBadges, typeChip } from "./dom.js";
import { highlighted, roleLegend } from "./spans.js";

const PAGE = 50;
const COLUMNS = [
  ["date", "Date", "date"],
  ["event", "Type", "event"],
  ["actor", "Actor", null],
  ["recipient", "Recipient", null],
  ["location", "Place", "country"],
  ["status", "Status", "status"],
  ["confidence", "Conf.", "confidence"],
  ["event_text", "Trigger", null],
];

export async function renderEvents(root, flt, p) {
  const sort = p.get("sort") || "-date";
  const page = Math.max(0, Number(p.get("page") || 0));
  const data = await api("/api/events", { params: { ...flt, sort, limit: PAGE, offset: page * PAGE } });
  const pages = Math.max(1, Math.ceil(data.total / PAGE));
  const exportParams = new URLSearchParams({ ...flt, format: "jsonl" });
  root.append(
    el("h1", {}, "Events"),
    el(
      "p",
      { class: "muted", id: "events-summary" },
      `${fmt(data.total)} events match · page ${page + 1} of ${pages} · `,
      el("a", { href: `/api/export?${exportParams}` }, "export these (JSONL)"),
    ),
  );
  const head = el(
    "tr",
    {},
    COLUMNS.map(([, label, key]) => {
      if (!key) return el("th", {}, label);
      const next = sort === `-${key}` ? key : `-${key}`;
      const mark = sort === key ? " ▲" : sort === `-${key}` ? " ▼" : "";
      return el("th", {}, link(label + mark, { sort: next, page: null }));
    }),
  );
  const body = el(
    "tbody",
    {},
    data.items.map((e) =>
      el(
        "tr",
        { class: "event-row", dataset: { id: e.id }, onclick: () => go({ view: "event", id: e.id }) },
        el("td", {}, e.date || ""),
        el("td", {}, typeChip(e.event)),
        el("td", {}, e.actor || ""),
        el("td", {}, e.recipient || ""),
        el("td", {}, e.location ? `${e.location}${e.country ? ` (${e.country})` : ""}` : ""),
        el("td", {}, e.status, " ", ...statusBadges({ attribution: e.attribution })),
        el("td", { class: "num" }, e.confidence?.toFixed(2) ?? ""),
        el("td", {}, e.event_text || ""),
      ),
    ),
  );
  root.append(el("table", { class: "events", id: "events-table" }, el("thead", {}, head), body));
  root.append(
    el(
      "div",
      { class: "pager" },
      page > 0 ? link("← previous", { page: page - 1 || null }) : "",
      " ",
      page + 1 < pages ? link("next →", { page: page + 1 }) : "",
    ),
  );
}

export async function renderEvent(root, _flt, p) {
  const id = p.get("id");
  const data = await api(`/api/events/${encodeURIComponent(id)}`);
  const r = data.record;
  const h = data.highlight;
  root.append(
    el("h1", {}, typeChip(r.event), " ", r.event_text || "", " ", ...statusBadges(r)),
    el("p", { class: "sentence", id: "event-sentence" }, highlighted(h.text, h.spans)),
    roleLegend(),
    el(
      "dl",
      { class: "fields" },
      field("Actor", names(r.actor)),
      field("Recipient", names(r.recipient)),
      field("Place", r.event_loc ? placeText(r.event_loc) : "—"),
      field("Date", `${r.date || "—"} (${r.date_precision})`),
      field("Mode / context", [...(r.mode || []), ...(r.context || [])].join(", ") || "—"),
      field("CAMEO / quad", `${r.cameo || "—"} / ${r.quad_code ?? "—"}`),
      field("Status", r.status),
      field("Claimant", r.claimant ? r.claimant.entity_text : "—"),
      field("Confidence", String(r.confidence)),
      field("Document", link(h.doc_id, { view: "doc", id: h.doc_id, event_id: r.id })),
    ),
    el("h2", {}, `Mentions (${data.mentions.length})`),
    el(
      "ul",
      { class: "mentions" },
      data.mentions.map((m) =>
        el(
          "li",
          {},
          link(m.title || m.doc_id, { view: "doc", id: m.doc_id, event_id: r.id }),
          el("span", { class: "muted" }, ` [${m.start}–${m.end}] `),
          el("q", {}, m.text || ""),
        ),
      ),
    ),
  );
  root.append(reviewBox(r, data.review));
}

function field(label, value) {
  return [el("dt", {}, label), el("dd", {}, value)];
}

function names(actors) {
  if (!actors || !actors.length) return "—";
  return actors
    .map((a) => `${a.entity_text}${a.code || a.sector ? ` [${[a.code, a.sector].filter(Boolean).join(" ")}]` : ""}`)
    .join("; ");
}

function placeText(loc) {
  return `${loc.name || loc.text}${loc.country ? `, ${loc.country}` : ""}${loc.precision ? ` (${loc.precision})` : ""}`;
}

function reviewBox(record, review) {
  const box = el("section", { class: "review", id: "review" }, el("h2", {}, "Review"));
  const current = el(
    "p",
    { id: "review-current" },
    review ? `Reviewed: ${review.verdict} at ${review.at}` : "Not reviewed yet.",
  );
  box.append(current);
  if (!app.config.allow_review) {
    box.append(el("p", { class: "muted" }, "Reviews are off: start the server with --allow-review to record them."));
    return box;
  }
  const message = el("p", { class: "muted", id: "review-message" });
  const send = async (verdict, changes) => {
    try {
      const saved = await api(`/api/events/${encodeURIComponent(record.id)}/review`, {
        method: "POST",
        body: { verdict, changes },
      });
      current.textContent = `Reviewed: ${saved.verdict} at ${saved.at}`;
      message.textContent = "Saved to the reviews file (the coded store is unchanged).";
    } catch (error) {
      message.textContent = `Not saved: ${error.message}`;
    }
  };
  const type = el(
    "select",
    { name: "event" },
    PLOVER.map((e) => el("option", { value: e, selected: e === record.event }, e)),
  );
  const actor = el("input", { name: "actor", value: names(record.actor) === "—" ? "" : record.actor.map((a) => a.entity_text).join("; ") });
  const recipient = el("input", { name: "recipient", value: record.recipient.map((a) => a.entity_text).join("; ") });
  const place = el("input", { name: "place", value: record.event_loc ? record.event_loc.name || record.event_loc.text : "" });
  const form = el(
    "form",
    {
      id: "correct-form",
      onsubmit: (event) => {
        event.preventDefault();
        const changes = {};
        if (type.value !== record.event) changes.event = type.value;
        const split = (v) => v.split(";").map((s) => s.trim()).filter(Boolean);
        const oldActor = record.actor.map((a) => a.entity_text).join("; ");
        const oldRecipient = record.recipient.map((a) => a.entity_text).join("; ");
        if (actor.value.trim() !== oldActor) changes.actor = split(actor.value);
        if (recipient.value.trim() !== oldRecipient) changes.recipient = split(recipient.value);
        const oldPlace = record.event_loc ? record.event_loc.name || record.event_loc.text : "";
        if (place.value.trim() !== oldPlace) changes.event_loc = place.value.trim() ? { text: place.value.trim() } : null;
        if (!Object.keys(changes).length) {
          message.textContent = "Nothing changed.";
          return;
        }
        send("corrected", changes);
      },
    },
    el("label", {}, "Type ", type),
    el("label", {}, "Actor ", actor),
    el("label", {}, "Recipient ", recipient),
    el("label", {}, "Place ", place),
    el("button", { type: "submit", id: "save-correction" }, "Save correction"),
  );
  box.append(
    el(
      "div",
      { class: "toolbar" },
      el("button", { type: "button", id: "mark-wrong", onclick: () => send("wrong", {}) }, "Mark wrong"),
      el("button", { type: "button", id: "mark-correct", onclick: () => send("correct", {}) }, "Mark correct"),
    ),
    form,
    message,
  );
  return box;
}
