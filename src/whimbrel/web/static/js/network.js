// Actor network: nodes sized by activity, edges coloured by their most frequent quad class.

import { api } from "./api.js";
import { app, go } from "./app.js";
import { QUAD_COLOURS, QUAD_NAMES, el, fmt } from "./dom.js";

export async function renderNetwork(root, flt, p) {
  const size = Number(p.get("nodes") || 60);
  const data = await api("/api/network", { params: { ...flt, nodes: size } });
  root.append(
    el("h1", {}, "Actor network"),
    el(
      "p",
      { class: "muted", id: "network-summary" },
      `${fmt(data.nodes.length)} most active actors, ${fmt(data.edges.length)} dyads. Click an actor for its events.`,
    ),
    el(
      "div",
      { class: "legend" },
      Object.entries(QUAD_NAMES).map(([quad, name]) =>
        el("span", { class: "chip", style: { background: QUAD_COLOURS[quad] } }, name),
      ),
    ),
  );
  const box = el("div", { id: "network", class: "network", dataset: { nodes: String(data.nodes.length) } });
  root.append(box);
  if (!data.nodes.length) {
    box.append(el("p", { class: "muted" }, "No actors match."));
    return;
  }
  const maxActivity = Math.max(...data.nodes.map((n) => n.activity));
  const maxWeight = Math.max(1, ...data.edges.map((e) => e.weight));
  const cy = window.cytoscape({
    container: box,
    elements: [
      ...data.nodes.map((n) => ({
        data: { id: n.id, label: n.label, size: 12 + 48 * Math.sqrt(n.activity / maxActivity), activity: n.activity },
      })),
      ...data.edges.map((e, i) => ({
        data: {
          id: `e${i}`,
          source: e.source,
          target: e.target,
          colour: QUAD_COLOURS[e.quad] || QUAD_COLOURS[0],
          width: 1 + 6 * (e.weight / maxWeight),
        },
      })),
    ],
    style: [
      {
        selector: "node",
        style: {
          width: "data(size)",
          height: "data(size)",
          label: "data(label)",
          "font-size": 9,
          "background-color": "#4a6fa5",
          color: "#222",
          "text-valign": "bottom",
          "text-margin-y": 3,
        },
      },
      {
        selector: "edge",
        style: {
          width: "data(width)",
          "line-color": "data(colour)",
          "target-arrow-color": "data(colour)",
          "target-arrow-shape": "triangle",
          "curve-style": "bezier",
          opacity: 0.75,
        },
      },
    ],
    layout: { name: "cose", animate: false, randomize: false, nodeRepulsion: () => 9000, idealEdgeLength: () => 90 },
  });
  cy.on("tap", "node", (event) => go({ view: "events", actor: event.target.id(), page: null }));
  window.__whimbrelNetwork = cy;
  app.cleanup = () => {
    cy.destroy();
    window.__whimbrelNetwork = null;
  };
}
