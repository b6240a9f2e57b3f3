// Timeline: events per week (or day) stacked by type; type checkboxes filter, dragging across the
// chart (brushing) sets the date range.

import { api } from "./api.js";
import { go } from "./app.js";
import { PLOVER, el, fmt, svg, typeColour } from "./dom.js";

const WIDTH = 960;
const HEIGHT = 260;
const PAD = 30;

export async function renderTimeline(root, flt, p) {
  const interval = p.get("interval") || "week";
  const data = await api("/api/stats/timeseries", { params: { ...flt, by: "type", interval, top: 16 } });
  const selected = new Set((flt.event || "").split(",").filter(Boolean));
  root.append(
    el("h1", {}, "Timeline"),
    el(
      "div",
      { class: "toolbar" },
      el(
        "label",
        {},
        "Interval ",
        el(
          "select",
          { id: "interval", onchange: (e) => go({ interval: e.target.value }) },
          ["day", "week", "month"].map((v) => el("option", { value: v, selected: v === interval }, v)),
        ),
      ),
      el("button", { type: "button", onclick: () => go({ date_from: null, date_to: null }) }, "Reset range"),
      el("span", { class: "muted" }, " Drag across the chart to set the date range."),
    ),
    typeFilter(selected),
  );
  const buckets = [...new Set(data.series.flatMap((s) => s.points.map((pt) => pt.date)))].sort();
  if (!buckets.length) {
    root.append(el("p", { class: "muted" }, "No dated events match."));
    return;
  }
  root.append(chart(data.series, buckets, interval));
}

function typeFilter(selected) {
  const toggle = (event, on) => {
    const next = new Set(selected);
    if (on) next.add(event);
    else next.delete(event);
    go({ event: [...next].join(",") || null });
  };
  return el(
    "fieldset",
    { class: "types", id: "type-filter" },
    el("legend", {}, "Types (none ticked: all)"),
    PLOVER.map((event) =>
      el(
        "label",
        { class: "type-toggle" },
        el("input", {
          type: "checkbox",
          value: event,
          checked: selected.has(event),
          onchange: (e) => toggle(event, e.target.checked),
        }),
        el("span", { class: "swatch", style: { background: typeColour(event) } }),
        event,
      ),
    ),
  );
}

function chart(series, buckets, interval) {
  const index = new Map(buckets.map((b, i) => [b, i]));
  const stacks = buckets.map(() => 0);
  const totals = buckets.map(() => 0);
  for (const s of series) for (const pt of s.points) totals[index.get(pt.date)] += pt.count;
  const max = Math.max(...totals, 1);
  const step = (WIDTH - PAD) / buckets.length;
  const y = (n) => HEIGHT - (HEIGHT * n) / max;
  const bars = [];
  for (const s of series) {
    for (const pt of s.points) {
      const i = index.get(pt.date);
      const base = stacks[i];
      stacks[i] += pt.count;
      bars.push(
        svg(
          "rect",
          {
            x: PAD + i * step,
            y: y(stacks[i]),
            width: Math.max(1, step - 1),
            height: y(base) - y(stacks[i]),
            fill: typeColour(s.key),
            class: "tl-bar",
          },
          svg("title", {}, `${s.key}, ${interval} of ${pt.date}: ${pt.count}`),
        ),
      );
    }
  }
  const brush = svg("rect", { class: "brush", x: 0, y: 0, width: 0, height: HEIGHT, visibility: "hidden" });
  const root = svg(
    "svg",
    { viewBox: `0 0 ${WIDTH} ${HEIGHT + 20}`, class: "timeline", id: "timeline-chart" },
    svg("text", { x: 0, y: 12, class: "axis" }, fmt(max)),
    svg("line", { x1: PAD, x2: WIDTH, y1: HEIGHT, y2: HEIGHT, class: "axis-line" }),
    bars,
    svg("text", { x: PAD, y: HEIGHT + 16, class: "axis" }, buckets[0]),
    svg("text", { x: WIDTH, y: HEIGHT + 16, class: "axis", "text-anchor": "end" }, buckets[buckets.length - 1]),
    brush,
  );
  const toX = (event) => {
    const box = root.getBoundingClientRect();
    return Math.min(WIDTH, Math.max(PAD, ((event.clientX - box.left) * WIDTH) / box.width));
  };
  const toBucket = (x) => Math.min(buckets.length - 1, Math.max(0, Math.floor((x - PAD) / step)));
  let start = null;
  root.addEventListener("mousedown", (event) => {
    start = toX(event);
    brush.setAttribute("visibility", "visible");
    brush.setAttribute("x", start);
    brush.setAttribute("width", 0);
    event.preventDefault();
  });
  root.addEventListener("mousemove", (event) => {
    if (start === null) return;
    const x = toX(event);
    brush.setAttribute("x", Math.min(start, x));
    brush.setAttribute("width", Math.abs(x - start));
  });
  const finish = (event) => {
    if (start === null) return;
    const x = toX(event);
    const [a, b] = [toBucket(Math.min(start, x)), toBucket(Math.max(start, x))];
    start = null;
    if (Math.abs(b - a) < 1 && Math.abs(x - Number(brush.getAttribute("x"))) < 3) {
      brush.setAttribute("visibility", "hidden");
      return;
    }
    go({ date_from: buckets[a], date_to: lastDay(buckets[b], interval) });
  };
  root.addEventListener("mouseup", finish);
  root.addEventListener("mouseleave", finish);
  return root;
}

function lastDay(bucket, interval) {
  const d = new Date(`${bucket}T00:00:00Z`);
  if (interval === "week") d.setUTCDate(d.getUTCDate() + 6);
  if (interval === "month") {
    d.setUTCMonth(d.getUTCMonth() + 1);
    d.setUTCDate(0);
  }
  return d.toISOString().slice(0, 10);
}
