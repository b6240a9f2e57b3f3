// Overview: totals, events by type, top actors and dyads, and the weekly trend.

import { api } from "./api.js";
import { link } from "./app.js";
import { el, fmt, svg, typeChip, typeColour } from "./dom.js";

export async function renderOverview(root, flt) {
  const data = await api("/api/stats/overview", { params: flt });
  const t = data.totals;
  root.append(
    el("h1", {}, "Overview"),
    el(
      "div",
      { class: "cards" },
      card("Events", fmt(t.events), "total-events"),
      card("Documents", fmt(t.documents)),
      card("Actors", fmt(t.actors)),
      card("Located", fmt(t.located)),
      card("Dates", t.first_date ? `${t.first_date} – ${t.last_date}` : "none"),
    ),
    el("h2", {}, "Trend (events per week)"),
    trendChart(data.trend),
    el(
      "div",
      { class: "columns" },
      el(
        "div",
        {},
        el("h2", {}, "By type"),
        el(
          "ul",
          { class: "bars", id: "by-type" },
          data.by_type.map((row) =>
            el(
              "li",
              {},
              link(typeChip(row.event), { view: "events", event: row.event }),
              bar(row.count, data.by_type[0].count, typeColour(row.event)),
              el("span", { class: "num" }, fmt(row.count)),
            ),
          ),
        ),
      ),
      el(
        "div",
        {},
        el("h2", {}, "Top actors"),
        el(
          "ol",
          { id: "top-actors" },
          data.top_actors.map((a) =>
            el(
              "li",
              {},
              link(a.label, { view: "events", actor: a.id }),
              el("span", { class: "muted" }, ` ${a.code || ""} ${a.sector || ""} · ${fmt(a.events)}`),
            ),
          ),
        ),
      ),
      el(
        "div",
        {},
        el("h2", {}, "Top dyads"),
        el(
          "ol",
          { id: "top-dyads" },
          data.top_dyads.map((d) =>
            el(
              "li",
              {},
              link(d.source_label, { view: "events", actor: d.source }),
              " → ",
              link(d.target_label, { view: "events", actor: d.target }),
              el("span", { class: "muted" }, ` · ${fmt(d.count)}`),
            ),
          ),
        ),
      ),
    ),
  );
}

function card(label, value, id) {
  return el("div", { class: "card", id }, el("div", { class: "value" }, value), el("div", { class: "label" }, label));
}

function bar(n, max, colour) {
  const width = max ? Math.max(2, Math.round((120 * n) / max)) : 0;
  return el("span", { class: "bar", style: { width: `${width}px`, background: colour } });
}

function trendChart(points) {
  const width = 900;
  const height = 120;
  if (!points.length) return el("p", { class: "muted" }, "No dated events.");
  const max = Math.max(...points.map((p) => p.count));
  const step = width / points.length;
  return svg(
    "svg",
    { viewBox: `0 0 ${width} ${height + 16}`, class: "trend", role: "img", "aria-label": "events per week" },
    points.map((p, i) => {
      const h = (height * p.count) / max;
      return svg(
        "rect",
        { x: i * step, y: height - h, width: Math.max(1, step - 1), height: h, class: "trend-bar" },
        svg("title", {}, `week of ${p.date}: ${p.count}`),
      );
    }),
    svg("text", { x: 0, y: height + 14, class: "axis" }, points[0].date),
    svg("text", { x: width, y: height + 14, class: "axis", "text-anchor": "end" }, points[points.length - 1].date),
  );
}
