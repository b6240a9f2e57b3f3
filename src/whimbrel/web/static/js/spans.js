// Highlighted text: the text is cut at every span boundary and each piece is a text node, inside a
// <mark> naming the roles (actor, recipient, trigger, place, date) that cover it.

import { el } from "./dom.js";

export const ROLES = ["actor", "recipient", "trigger", "place", "date"];

// spans: [{role, start, end, event_id?}], offsets into ``text``; ``onPick(span)`` for a click.
export function highlighted(text, spans, { onPick, active } = {}) {
  const cuts = new Set([0, text.length]);
  for (const s of spans) {
    if (s.start >= 0 && s.end <= text.length && s.start < s.end) {
      cuts.add(s.start);
      cuts.add(s.end);
    }
  }
  const points = [...cuts].sort((a, b) => a - b);
  const out = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const [a, b] = [points[i], points[i + 1]];
    const piece = text.slice(a, b);
    const covering = spans.filter((s) => s.start <= a && s.end >= b);
    if (!covering.length) {
      out.push(piece);
      continue;
    }
    const roles = [...new Set(covering.map((s) => s.role))];
    const events = [...new Set(covering.map((s) => s.event_id).filter(Boolean))];
    const classes = roles.map((r) => `role-${r}`);
    if (active && events.includes(active)) classes.push("active");
    out.push(
      el(
        "mark",
        {
          class: classes.join(" "),
          title: roles.join(", "),
          dataset: { roles: roles.join(" "), events: events.join(" ") },
          onclick: onPick ? () => onPick(covering[0]) : null,
        },
        piece,
      ),
    );
  }
  return out;
}

export function roleLegend() {
  return el(
    "div",
    { class: "legend" },
    ROLES.map((role) => el("mark", { class: `role-${role}` }, role)),
  );
}
