// Document reader: the text with every event's spans highlighted (rendered as text, never as HTML),
// and the events listed with their status and attribution badges.

import { api } from "./api.js";
import { link } from "./app.js";
import { el, statusBadges, typeChip } from "./dom.js";
import { highlighted, roleLegend } from "./spans.js";

export async function renderDocument(root, _flt, p) {
  const id = p.get("id");
  const focus = p.get("event_id");
  const doc = await api(`/api/documents/${encodeURIComponent(id)}`);
  const text = el("div", { class: "doc-text", id: "doc-text" });
  const list = el("ol", { class: "doc-events", id: "doc-events" });
  const show = (active) => {
    text.replaceChildren(
      ...highlighted(doc.text, active ? doc.spans.filter((s) => s.event_id === active) : doc.spans, {
        active,
        onPick: (span) => show(span.event_id),
      }),
    );
    for (const item of list.children) item.classList.toggle("active", item.dataset.id === active);
  };
  for (const e of doc.events) {
    list.append(
      el(
        "li",
        { dataset: { id: e.id }, onclick: () => show(e.id) },
        typeChip(e.event),
        " ",
        e.actor.join("; ") || "?",
        ` ${e.event_text || ""} `,
        e.recipient.join("; "),
        " ",
        ...statusBadges(e),
        " ",
        link("details", { view: "event", id: e.id }),
      ),
    );
  }
  root.append(
    el("h1", {}, doc.title || doc.id),
    el(
      "p",
      { class: "muted" },
      [doc.source, doc.published, doc.origin].filter(Boolean).join(" · "),
      doc.url ? " · " : "",
      doc.url && /^https?:\/\//i.test(doc.url) ? el("a", { href: doc.url, rel: "noopener noreferrer" }, doc.url) : "",
    ),
    roleLegend(),
    el("div", { class: "reader" }, text, el("aside", {}, el("h2", {}, `Events (${doc.events.length})`), list)),
  );
  show(focus);
}
