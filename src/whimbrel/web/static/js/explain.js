// Explain box: code pasted text on the spot (nothing is stored) and say why each sentence did or did
// not give an event.

import { api } from "./api.js";
import { el, typeChip } from "./dom.js";

export async function renderExplain(root) {
  const text = el("textarea", { id: "explain-text", rows: 6, cols: 90, maxlength: 20000, placeholder: "Paste a report…" });
  const published = el("input", { type: "date", id: "explain-published" });
  const out = el("div", { id: "explain-out" });
  const button = el("button", { type: "submit", id: "explain-run" }, "Explain");
  const form = el(
    "form",
    {
      onsubmit: async (event) => {
        event.preventDefault();
        if (!text.value.trim()) return;
        button.disabled = true;
        out.replaceChildren(el("p", { class: "muted" }, "Coding… (the first time loads the language model)"));
        try {
          const result = await api("/api/explain", {
            method: "POST",
            body: { text: text.value, published: published.value || null },
          });
          out.replaceChildren(...result.sentences.map(sentence));
          out.dataset.done = "1";
        } catch (error) {
          out.replaceChildren(el("p", { class: "error" }, error.message));
        } finally {
          button.disabled = false;
        }
      },
    },
    text,
    el("div", {}, el("label", {}, "Published ", published), " ", button),
  );
  root.append(el("h1", {}, "Explain"), el("p", { class: "muted" }, "Nothing you paste here is stored."), form, out);
}

function sentence(s) {
  return el(
    "div",
    { class: "explained" },
    el("p", { class: "sentence" }, s.text),
    el("p", { class: "muted" }, `outcome: ${s.outcome}`),
    s.mentions.length
      ? el("ul", {}, s.mentions.map((m) => el("li", {}, `${m.kind}: `, el("q", {}, m.text), ` ${m.detail}`)))
      : "",
    s.events.map((e) =>
      el(
        "div",
        { class: "explained-event" },
        typeChip(e.event),
        ` ${e.cameo || ""} “${e.event_text}” · ${e.status} · ${e.confidence.toFixed(2)}`,
        el("ul", {}, e.why.map((w) => el("li", {}, w))),
      ),
    ),
  );
}
