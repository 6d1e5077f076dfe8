import { readFileSync } from "node:fs";
import { startServer, stopServer } from "../support/server-process.ts";
import { productEnv } from "./spends.bench.ts";
const w = JSON.parse(readFileSync("/tmp/world.json", "utf8"));
const { child, base } = await startServer("postgres://postgres@127.0.0.1:5432/gt_explain", productEnv());
const doc = await (await fetch(base + "/docs/json")).json() as { paths: Record<string, Record<string, unknown>> };
const paths = Object.entries(doc.paths).filter(([p, ops]) => "get" in ops && !p.includes("{")).map(([p]) => p);
const tokens: Record<string, string> = { benchworker: w.workers[0].token };
for (const who of ["worker", "supervisor", "auditor", "finance", "admin"]) {
  const r = await fetch(base + "/api/auth/login", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email: `${who}@demo.test`, password: "demo-password-1" }) });
  const b = await r.json() as { accessToken?: string; token?: string };
  tokens[who] = (b.accessToken ?? b.token) as string;
  if (!tokens[who]) console.log("no token for", who, r.status, JSON.stringify(b).slice(0, 200));
}
for (const [who, token] of Object.entries(tokens)) {
  for (const p of paths) {
    const t0 = performance.now();
    const r = await fetch(base + p, { headers: { authorization: `Bearer ${token}` } });
    await r.arrayBuffer();
    const ms = performance.now() - t0;
    if (r.status < 300 && ms > 15) console.log(`${ms.toFixed(0).padStart(6)} ms ${r.status} ${who} ${p}`);
  }
}
await stopServer(child);
