// Map: country outlines bundled with the package (no tiles, no network), clustered event markers
// coloured by type; a click on a marker opens its event.

import { api } from "./api.js";
import { app, go } from "./app.js";
import { PLOVER, el, fmt, typeChip, typeColour } from "./dom.js";

let countries = null;

async function countryOutlines() {
  if (!countries) {
    const response = await fetch("/static/vendor/countries-110m.json", { credentials: "same-origin" });
    const topo = await response.json();
    countries = window.topojson.feature(topo, topo.objects.countries);
  }
  return countries;
}

export async function renderMap(root, flt) {
  const [data, outlines] = await Promise.all([api("/api/map", { params: flt }), countryOutlines()]);
  const shown = data.points.length;
  root.append(
    el("h1", {}, "Map"),
    el(
      "p",
      { class: "muted" },
      `${fmt(shown)} located events${data.total > shown ? ` (the newest of ${fmt(data.total)})` : ""}.`,
    ),
  );
  const box = el("div", { id: "map", class: "map" });
  root.append(box, legend(data.points));
  const L = window.L;
  const map = L.map(box, { worldCopyJump: true, minZoom: 1, maxZoom: 12 }).setView([20, 20], 2);
  L.geoJSON(outlines, {
    style: { color: "#8a8a8a", weight: 0.7, fillColor: "#eef0f2", fillOpacity: 1 },
    interactive: false,
  }).addTo(map);
  const clusters = L.markerClusterGroup({
    chunkedLoading: data.points.length > 5000,
    showCoverageOnHover: false,
    maxClusterRadius: 45,
    iconCreateFunction: clusterIcon,
  });
  const markers = data.points.map(([id, lat, lon, event]) => {
    const marker = L.circleMarker([lat, lon], {
      radius: 6,
      color: "#333",
      weight: 1,
      fillColor: typeColour(event),
      fillOpacity: 0.9,
    });
    marker.options.eventType = event;
    marker.on("click", () => go({ view: "event", id }));
    marker.bindTooltip(event);
    return marker;
  });
  clusters.addLayers(markers);
  map.addLayer(clusters);
  if (markers.length) {
    const bounds = L.latLngBounds(data.points.map((p) => [p[1], p[2]]));
    map.fitBounds(bounds.pad(0.2), { maxZoom: 6, animate: false });
  }
  app.cleanup = () => {
    // Leaving the view: stop any pan or zoom and the clusterer's pending chunks before the map goes.
    map.stop();
    map.removeLayer(clusters);
    map.remove();
  };
}

function clusterIcon(cluster) {
  const counts = {};
  for (const child of cluster.getAllChildMarkers()) {
    const type = child.options.eventType;
    counts[type] = (counts[type] || 0) + 1;
  }
  const top = Object.entries(counts).sort((a, b) => b[1] - a[1])[0][0];
  const n = cluster.getChildCount();
  const size = n < 10 ? 28 : n < 100 ? 34 : 42;
  const html = el("div", { class: "cluster", style: { background: typeColour(top) } }, fmt(n));
  return window.L.divIcon({ html, className: "cluster-icon", iconSize: [size, size] });
}

function legend(points) {
  const seen = new Set(points.map((p) => p[3]));
  return el(
    "div",
    { class: "legend" },
    PLOVER.filter((event) => seen.has(event)).map((event) => typeChip(event)),
  );
}
