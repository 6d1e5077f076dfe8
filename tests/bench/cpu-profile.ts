/**
 * The top self-time entries of a V8 `.cpuprofile` (as `node --cpu-prof` writes it): where the
 * process itself spent its samples, by function and source line.
 * Standalone: node --import tsx tests/bench/cpu-profile.ts file.cpuprofile
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}

interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export function topSelfTime(file: string, count = 10): string[] {
  const profile = JSON.parse(readFileSync(file, "utf8")) as Profile;
  const frameOf = new Map(profile.nodes.map((n) => [n.id, n.callFrame]));
  const byFrame = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((nodeId, i) => {
    const frame = frameOf.get(nodeId);
    const delta = profile.timeDeltas[i] ?? 0;
    total += delta;
    if (!frame) return;
    const where = frame.url ? `${frame.url.replace(/^.*\/(node_modules|apps|packages)\//, "$1/")}:${frame.lineNumber + 1}` : "";
    const key = `${frame.functionName || "(anonymous)"} ${where}`.trim();
    byFrame.set(key, (byFrame.get(key) ?? 0) + delta);
  });
  return [...byFrame.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([key, micros]) => `${((100 * micros) / total).toFixed(1).padStart(5)}%  ${key}`);
}

/** The top entries of the newest profile written into a folder (none when there is none). */
export function latestProfileTop(dir: string): string[] {
  const profile = readdirSync(dir).filter((f) => f.endsWith(".cpuprofile")).sort().at(-1);
  return profile ? topSelfTime(join(dir, profile)) : [];
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  for (const line of topSelfTime(process.argv[2] ?? "")) console.log(line);
}
