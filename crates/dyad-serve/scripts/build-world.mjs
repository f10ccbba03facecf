// Generates crates/dyad-serve/assets/world.json, the world outline of the map on dyad's web page,
// from the Natural Earth 1:110m countries in the `world-atlas` npm package (TopoJSON, ISC; the
// Natural Earth data are public domain). No dependencies: TopoJSON is decoded here.
//
//   cd /tmp && npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
//   node crates/dyad-serve/scripts/build-world.mjs /tmp/package/countries-110m.json \
//       > crates/dyad-serve/assets/world.json
//
// Output: {"source", "licence", "width", "height", "countries": [{"id", "name", "d"}]} where `d`
// is SVG path data in an equirectangular projection: x = (lon + 180) * 5, y = (90 - lat) * 5
// (so the page places a point with the same two formulas), rounded to whole units (0.2 degrees).
import { readFileSync } from "node:fs";

const SCALE = 5;
const path = process.argv[2];
if (!path) {
  console.error("usage: node build-world.mjs countries-110m.json > world.json");
  process.exit(2);
}
const topo = JSON.parse(readFileSync(path, "utf8"));
const [sx, sy] = topo.transform.scale;
const [tx, ty] = topo.transform.translate;

// Decode the delta-encoded, quantised arcs into projected integer points.
const arcs = topo.arcs.map((arc) => {
  let x = 0, y = 0;
  return arc.map(([dx, dy]) => {
    x += dx; y += dy;
    const lon = x * sx + tx, lat = y * sy + ty;
    return [Math.round((lon + 180) * SCALE), Math.round((90 - lat) * SCALE)];
  });
});

function ring(indices) {
  const points = [];
  for (const i of indices) {
    const arc = i < 0 ? arcs[~i].slice().reverse() : arcs[i];
    // Consecutive arcs share their joining point.
    arc.forEach((p, k) => { if (k > 0 || points.length === 0) points.push(p); });
  }
  // Drop repeated points.
  const kept = points.filter((p, k) => k === 0 || p[0] !== points[k - 1][0] || p[1] !== points[k - 1][1]);
  if (kept.length < 3) return "";
  // Rings that cross the antimeridian (Russia, Fiji) jump from one edge to the other: unwrap
  // them so they run past the edge, and draw a copy shifted by the map's width for the part
  // past it (the SVG viewport clips both).
  const W = 360 * SCALE;
  let offset = 0;
  const unwrapped = kept.map((p, k) => {
    if (k > 0) {
      const dx = p[0] - kept[k - 1][0];
      if (dx > W / 2) offset -= W;
      else if (dx < -W / 2) offset += W;
    }
    return [p[0] + offset, p[1]];
  });
  const xs = unwrapped.map((p) => p[0]);
  const shifts = [0];
  if (Math.min(...xs) < 0) shifts.push(W);
  if (Math.max(...xs) > W) shifts.push(-W);
  return shifts.map((s) => {
    let d = `M${unwrapped[0][0] + s} ${unwrapped[0][1]}`;
    for (let k = 1; k < unwrapped.length; k++) {
      d += `l${unwrapped[k][0] - unwrapped[k - 1][0]} ${unwrapped[k][1] - unwrapped[k - 1][1]}`;
    }
    return d + "z";
  }).join("");
}

const countries = [];
for (const g of topo.objects.countries.geometries) {
  const polygons = g.type === "Polygon" ? [g.arcs] : g.type === "MultiPolygon" ? g.arcs : [];
  const d = polygons.flatMap((rings) => rings.map(ring)).join("");
  if (d) countries.push({ id: g.id ?? null, name: g.properties?.name ?? null, d });
}
countries.sort((a, b) => (a.name ?? "").localeCompare(b.name ?? ""));
const out = {
  source: "Natural Earth 1:110m admin-0 countries, via the world-atlas npm package 2.0.2",
  licence: "Natural Earth: public domain; world-atlas: ISC (Copyright 2013-2019 Michael Bostock)",
  width: 360 * SCALE,
  height: 180 * SCALE,
  countries,
};
process.stdout.write(JSON.stringify(out) + "\n");
