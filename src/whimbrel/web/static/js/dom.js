// Building the page from data without ever parsing it as HTML: every string becomes a text node.

export const PLOVER = [
  "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
  "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
];
export const STATUSES = [
  "asserted", "claimed", "alleged", "unverified", "denied", "negated", "hypothetical", "future", "historical",
];
const PALETTE = [
  "#1b9e77", "#66a61e", "#2ca25f", "#a6d854", "#1f78b4", "#6baed6", "#17becf", "#9e9ac8",
  "#e6ab02", "#fdae61", "#f46d43", "#d95f02", "#b15928", "#e7298a", "#a50f15", "#d7301f",
];
export const QUAD_COLOURS = { 1: "#2ca25f", 2: "#1f78b4", 3: "#f28e2b", 4: "#d62728", 0: "#999999" };
export const QUAD_NAMES = {
  1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict",
};

export function typeColour(event) {
  const i = PLOVER.indexOf(event);
  return i < 0 ? "#777777" : PALETTE[i];
}

// el("a", {href: "/x", class: "c", onclick: fn}, "text", child, ...)
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (key.startsWith("on") && typeof value === "function") node.addEventListener(key.slice(2), value);
    else if (key === "dataset") Object.assign(node.dataset, value);
    else if (key === "style" && typeof value === "object") Object.assign(node.style, value);
    else node.setAttribute(key, value === true ? "" : String(value));
  }
  append(node, children);
  return node;
}

export function svg(tag, attrs = {}, ...children) {
  const node = document.createElementNS("http://www.w3.org/2000/svg", tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === null || value === undefined) continue;
    if (key.startsWith("on") && typeof value === "function") node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, String(value));
  }
  append(node, children);
  return node;
}

function append(node, children) {
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

export function clear(node) {
  while (node.firstChild) node.removeChild(node.firstChild);
  return node;
}

export function badge(text, kind) {
  return el("span", { class: `badge ${kind || ""}`.trim() }, text);
}

export function statusBadges(event) {
  const out = [];
  if (event.status && event.status !== "asserted") out.push(badge(event.status, `status-${event.status}`));
  const attribution = event.attribution;
  if (attribution && attribution.kind && attribution.kind !== "unattributed") {
    const by = attribution.by && attribution.by.entity_text ? ` by ${attribution.by.entity_text}` : "";
    out.push(badge(`${attribution.kind}${by}`, "attribution"));
  } else if (event.claimant && event.claimant.entity_text) {
    out.push(badge(`claimed by ${event.claimant.entity_text}`, "attribution"));
  }
  return out;
}

export function typeChip(event) {
  return el("span", { class: "chip", style: { background: typeColour(event) } }, event);
}

export function fmt(n) {
  return typeof n === "number" ? n.toLocaleString("en") : String(n ?? "");
}
