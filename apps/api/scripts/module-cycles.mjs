/**
 * Fails when API modules import each other in a circle (`npm run lint`). madge reads the import
 * graph, type-only imports included; its own `--circular` finds circles between files, which a
 * circle between modules need not be (a.service → b/index → b.queries → a/index → a.queries), so
 * the files are folded into their module (modules/<x>; plugins, lib and cli each count as one, as does each file beside them) and
 * the circles are looked for between those.
 */
import { fileURLToPath } from "node:url";
import madge from "madge";

const src = fileURLToPath(new URL("../src", import.meta.url));
const graph = await madge(src, { fileExtensions: ["ts"], detectiveOptions: { ts: { skipTypeImports: false } } });

const unitOf = (file) => {
  const parts = file.split("/");
  if (parts[0] === "modules") return `modules/${parts[1]}`;
  return parts[0];
};

const edges = new Map();
for (const [file, imports] of Object.entries(graph.obj())) {
  const from = unitOf(file);
  for (const imported of imports) {
    const to = unitOf(imported);
    if (to === from) continue;
    if (!edges.has(from)) edges.set(from, new Set());
    edges.get(from).add(to);
  }
}

/** Tarjan's strongly connected components: each of more than one unit is a circle. */
function circles() {
  const index = new Map();
  const low = new Map();
  const stack = [];
  const onStack = new Set();
  const found = [];
  let next = 0;
  const visit = (unit) => {
    index.set(unit, next);
    low.set(unit, next);
    next += 1;
    stack.push(unit);
    onStack.add(unit);
    for (const to of edges.get(unit) ?? []) {
      if (!index.has(to)) {
        visit(to);
        low.set(unit, Math.min(low.get(unit), low.get(to)));
      } else if (onStack.has(to)) {
        low.set(unit, Math.min(low.get(unit), index.get(to)));
      }
    }
    if (low.get(unit) !== index.get(unit)) return;
    const component = [];
    let member;
    do {
      member = stack.pop();
      onStack.delete(member);
      component.push(member);
    } while (member !== unit);
    if (component.length > 1) found.push(component.sort());
  };
  for (const unit of edges.keys()) if (!index.has(unit)) visit(unit);
  return found;
}

const fileCircles = graph.circular();
const moduleCircles = circles();
for (const circle of fileCircles) console.error(`files import each other: ${circle.join(" > ")}`);
for (const component of moduleCircles) {
  const inside = new Set(component);
  const links = component.flatMap((from) => [...(edges.get(from) ?? [])].filter((to) => inside.has(to)).map((to) => `${from} → ${to}`));
  console.error(`modules import each other: ${links.join(", ")}`);
}
if (fileCircles.length > 0 || moduleCircles.length > 0) process.exit(1);
console.log(`No import cycles between ${Object.keys(graph.obj()).length} files in ${new Set(Object.keys(graph.obj()).map(unitOf)).size} modules of apps/api/src.`);
