import fc from "fast-check";
import sharp from "sharp";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createScheme, createClient, postSpend, rows, spendBody } from "../support/factories.ts";
import { REFRESH_COOKIE } from "../../apps/api/src/modules/auth/session-reply.ts";
import { TEST_ACCOUNTS, startTestApp, type TestAccount, type TestApp } from "../support/test-app.ts";

/**
 * Every route in the OpenAPI document, driven with generated junk in its path, query and body, as
 * every role and as nobody: whatever is sent, the answer is below 500. FUZZ_SEED replays a run;
 * FUZZ_RUNS sets the requests per route (8,000 requests in all by default; at least 5,000 must be sent).
 */
const MIN_REQUESTS = 5000;
const DEFAULT_REQUESTS = 8000;
const seed = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : Math.floor(Math.random() * 2 ** 31);

/** The parts of JSON Schema the document's inputs use. */
interface JsonSchema {
  type?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  format?: string;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
}
interface OpenApiParameter {
  in: string;
  name: string;
  schema?: JsonSchema;
}
interface OpenApiOperation {
  parameters?: OpenApiParameter[];
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
}
interface Route {
  method: string;
  /** As the document writes it: /api/spends/{id}. */
  path: string;
  pathParams: string[];
  query: OpenApiParameter[];
  body: JsonSchema | undefined;
  multipart: boolean;
}

function routesOf(document: { paths?: Record<string, Record<string, OpenApiOperation>> }): Route[] {
  return Object.entries(document.paths ?? {}).flatMap(([path, operations]) =>
    Object.entries(operations).map(([method, operation]) => {
      const parameters = operation.parameters ?? [];
      const content = operation.requestBody?.content ?? {};
      return {
        method: method.toUpperCase(),
        path,
        pathParams: parameters.filter((p) => p.in === "path").map((p) => p.name),
        query: parameters.filter((p) => p.in === "query"),
        body: content["application/json"]?.schema,
        multipart: "multipart/form-data" in content,
      };
    }),
  );
}

// --- Junk -----------------------------------------------------------------------------------

const controlText = fc.string({ unit: fc.integer({ min: 0, max: 0x1f }).map((c) => String.fromCharCode(c)), minLength: 1, maxLength: 8 });
const loneSurrogates = fc.string({ unit: fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c)), minLength: 1, maxLength: 4 });
const oddStrings = fc.constantFrom(
  "",
  " ",
  "\u0000",
  "a\u0000b",
  "\u007f",
  "\u202e\u0645\u0631\u062d\u0628\u0627",
  "\ufeff",
  "𝔘𝔫𝔦𝔠𝔬𝔡𝔢 👩🏽‍💻",
  "null",
  "undefined",
  "true",
  "NaN",
  "Infinity",
  "-1",
  "0",
  "1e400",
  "-1e400",
  "99999999999999999999999999",
  "-9223372036854775809",
  "0x10",
  "2026-02-30",
  "2026-13-01",
  "0000-00-00",
  "9999-12-31",
  "2026-03",
  "00000000-0000-0000-0000-000000000000",
  "ffffffff-ffff-ffff-ffff-ffffffffffff",
  "'; drop table spends; --",
  "%",
  "%00",
  "../../etc/passwd",
  "<script>alert(1)</script>",
  "=HYPERLINK(\"http://x\")",
  "x".repeat(5000),
);
const controlCharacter = fc.oneof(fc.constant("\u0000"), fc.constant("\u007f"), fc.integer({ min: 0, max: 0x1f }).map((c) => String.fromCharCode(c)));
/** Ordinary text with a control character somewhere in it, NUL most often. */
const textWithControl = fc.tuple(fc.string({ maxLength: 10 }), controlCharacter, fc.string({ maxLength: 10 })).map(([before, control, after]) => before + control + after);
const junkString = fc.oneof(fc.string({ maxLength: 40 }), fc.string({ unit: "binary", maxLength: 40 }), controlText, textWithControl, loneSurrogates, oddStrings);
const junkNumber = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.constantFrom(0, -0, -1, 1, 2 ** 31, -(2 ** 31), 2 ** 53 + 2, -(2 ** 53) - 2, Number.MAX_SAFE_INTEGER, Number.MAX_VALUE, -Number.MAX_VALUE, Number.MIN_VALUE, 0.5, 1e21),
);
const junkValue: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    junkString,
    junkNumber,
    fc.boolean(),
    fc.constant(null),
    fc.array(tie("value"), { maxLength: 4 }),
    fc.dictionary(junkString, tie("value"), { maxKeys: 4 }),
  ),
})).value;

/** Text that is not quite JSON, or JSON that JSON.stringify would never write. */
const badJson = fc.constantFrom(
  "{",
  "[",
  '{"a":',
  "{'a': 1}",
  '{"amount": 1e999}',
  '{"amount": -1e999}',
  '{"amount": 123456789012345678901234567890}',
  '{"__proto__": {"admin": true}}',
  '{"constructor": {"prototype": {"x": 1}}}',
  '"\\u0000"',
  '{"a": "\\ud800"}',
  "[".repeat(5000) + "]".repeat(5000),
  "null",
  "1",
  '"text"',
  "\u0000",
  "",
);

const day = fc.date({ min: new Date("1990-01-01"), max: new Date("2100-12-31"), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
const recentDay = fc.integer({ min: -400, max: 30 }).map((days) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10));

/**
 * Values shaped like the schema asks, mostly: the right type near its limits and just past them,
 * so junk gets past the type checks and into the rules and queries behind them; the rest is junk.
 */
function shaped(schema: JsonSchema | undefined, idLike: fc.Arbitrary<unknown>, depth = 0): fc.Arbitrary<unknown> {
  return fc.oneof({ weight: 3, arbitrary: nearly(schema, idLike, depth) }, { weight: 1, arbitrary: junkValue });
}

function nearly(schema: JsonSchema | undefined, idLike: fc.Arbitrary<unknown>, depth: number): fc.Arbitrary<unknown> {
  if (!schema || depth > 4) return junkValue;
  if (schema.enum && schema.enum.length > 0) return fc.constantFrom(...schema.enum);
  switch (schema.type) {
    case "object": {
      const properties = schema.properties ?? {};
      const keys = Object.keys(properties);
      return fc.record(Object.fromEntries(keys.map((key) => [key, shaped(properties[key], idLike, depth + 1)])), { requiredKeys: (schema.required ?? []).filter((key) => keys.includes(key)) });
    }
    case "array":
      return fc.array(shaped(schema.items, idLike, depth + 1), { maxLength: 4 });
    case "integer":
    case "number": {
      const { minimum = -(2 ** 40), maximum = 2 ** 40 } = schema;
      return fc.oneof(fc.integer({ min: Math.max(minimum, -(2 ** 31)), max: Math.min(maximum, 2 ** 31) }), fc.constantFrom(minimum, maximum, minimum - 1, maximum + 1, 2 ** 31, 2 ** 31 - 1), junkNumber);
    }
    case "boolean":
      return fc.boolean();
    case "string": {
      if (schema.format === "uuid") return idLike;
      const { minLength = 0, maxLength = 60 } = schema;
      return fc.oneof(
        fc.string({ minLength, maxLength: Math.min(maxLength, minLength + 40) }),
        fc.constant("y".repeat(maxLength)),
        fc.constant("y".repeat(maxLength + 1)),
        day,
        recentDay,
        fc.constantFrom("Travel", "Food and essentials", "2026-03", "worker@council.test", "organisation"),
        textWithControl,
        junkString,
      );
    }
    default:
      return junkValue;
  }
}

const accounts = Object.keys(TEST_ACCOUNTS) as TestAccount[];
type Who = TestAccount | "nobody" | "forged";
const who = fc.constantFrom<Who>(...accounts, "nobody", "forged");

/** Percent-encodes every byte but the unreserved ones; a lone surrogate goes as U+FFFD, as a client's UTF-8 encoder would send it. */
function encodeSegment(value: unknown): string {
  const text = typeof value === "string" ? value : (JSON.stringify(value) ?? "");
  return [...Buffer.from(text, "utf8")].map((byte) => (/[A-Za-z0-9\-._~]/.test(String.fromCharCode(byte)) ? String.fromCharCode(byte) : `%${byte.toString(16).toUpperCase().padStart(2, "0")}`)).join("");
}

describe("fuzzing every route in the OpenAPI document", () => {
  let t: TestApp;
  let routes: Route[];
  let tokens: Record<Who, string | null>;
  let knownIds: string[];
  let tinyPng: Buffer;

  beforeAll(async () => {
    t = await startTestApp();
    await t.app.ready();
    routes = routesOf(t.app.swagger() as Parameters<typeof routesOf>[0]);
    const entries = await Promise.all(accounts.map(async (account) => [account, await t.tokenFor(account)] as const));
    tokens = { ...Object.fromEntries(entries), nobody: null, forged: "eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0." } as Record<Who, string | null>;
    // Real ids too, so the junk also reaches the code behind a found row.
    const worker = tokens.worker as string;
    const scheme = await createScheme(t);
    const client = await createClient(t, worker);
    await postSpend(t, worker, spendBody({ schemeId: scheme.id, clientId: client }));
    // A user of its own, so junk that happens to deactivate a user does not end the fuzzers' sessions.
    const spare = await t.http.post("/api/users").set("Authorization", `Bearer ${tokens.admin}`).send({ email: "spare@demo.test", name: "Spare Person", role: "worker", teamId: (await rows<{ id: string }>(t, sql`select id::text from teams limit 1`))[0]?.id });
    expect(spare.status, JSON.stringify(spare.body)).toBe(201);
    const ids = await rows<{ id: string }>(
      t,
      sql`(select id::text from spends limit 3) union all (select id::text from clients limit 2) union all (select ${spare.body.id as string}) union all (select id::text from teams limit 2) union all (select id::text from schemes limit 2) union all (select id::text from receipts limit 1)`,
    );
    knownIds = ids.map((r) => r.id);
    tinyPng = await sharp({ create: { width: 4, height: 4, channels: 3, background: "#ffffff" } }).png().toBuffer();
  }, 120_000);
  afterAll(() => t?.close());

  async function renewEndedSessions() {
    for (const account of accounts) {
      const me = await t.app.inject({ method: "GET", url: "/api/me", headers: { authorization: `Bearer ${tokens[account] as string}` } });
      if (me.statusCode === 401) tokens[account] = await t.tokenFor(account);
    }
  }

  it(`answers every junk request below 500 (seed ${seed})`, async () => {
    console.log(`fuzz seed ${seed}: replay with FUZZ_SEED=${seed}`);
    expect(routes.length).toBeGreaterThan(50);
    const runsPerRoute = process.env.FUZZ_RUNS ? Number(process.env.FUZZ_RUNS) : Math.ceil(DEFAULT_REQUESTS / routes.length);
    const idLike = fc.oneof(junkString, fc.constantFrom(...knownIds), fc.uuid());
    const statuses = new Map<number, number>();
    let sent = 0;

    for (const [index, route] of routes.entries()) {
      const request = fc.record({
        who,
        pathValues: fc.tuple(...route.pathParams.map(() => fc.oneof(idLike, fc.constantFrom("%", "%zz", "%C0%80", "%FF", "%C3%28", "..", "%2e%2e").map((raw) => ({ raw }))))),
        query: fc.tuple(
          fc.tuple(...route.query.map((parameter) => fc.option(shaped(parameter.schema, idLike).map((value) => [parameter.name, value] as const), { nil: undefined }))),
          fc.array(fc.tuple(fc.oneof(fc.constantFrom(...route.query.map((parameter) => parameter.name), "limit", "cursor"), junkString), fc.oneof(junkString, junkNumber, idLike)), { maxLength: 3 }),
        ).map(([known, extra]) => [...known.filter((pair) => pair !== undefined), ...extra]),
        body: fc.oneof(
          { weight: 4, arbitrary: shaped(route.body, idLike).map((value) => ({ json: value })) },
          { weight: 1, arbitrary: junkValue.map((value) => ({ json: value })) },
          { weight: 1, arbitrary: badJson.map((text) => ({ text })) },
          { weight: 1, arbitrary: fc.constant(null) },
        ),
        idempotencyKey: fc.option(fc.oneof(fc.uuid(), fc.string({ maxLength: 300 })), { nil: undefined }),
        multipart: fc.boolean(),
        realImage: fc.boolean(),
        filename: junkString,
        refreshCookie: fc.option(junkString, { nil: undefined }),
      });
      await fc.assert(
        fc.asyncProperty(request, async (r) => {
          const path = route.path.replace(/\{(\w+)\}/g, (_match, name: string) => {
            const value = r.pathValues[route.pathParams.indexOf(name)];
            return typeof value === "object" && value !== null && "raw" in value ? value.raw : encodeSegment(value);
          });
          const query = r.query.map(([name, value]) => `${encodeSegment(name)}=${encodeSegment(value)}`).join("&");
          const headers: Record<string, string> = {};
          const token = tokens[r.who];
          if (token) headers.authorization = `Bearer ${token}`;
          if (r.refreshCookie !== undefined) headers.cookie = `${REFRESH_COOKIE}=${encodeSegment(r.refreshCookie)}`;
          if (r.idempotencyKey !== undefined && /^[\x20-\x7e]*$/.test(r.idempotencyKey)) headers["idempotency-key"] = r.idempotencyKey;
          let payload: string | Buffer | undefined;
          if (route.multipart && r.multipart) {
            const boundary = "fuzzboundary";
            headers["content-type"] = `multipart/form-data; boundary=${boundary}`;
            // A real image half the time, so the junk file name gets as far as being stored.
            const content = r.realImage ? tinyPng : Buffer.from(r.body ? ("text" in r.body ? r.body.text : (JSON.stringify(r.body.json) ?? "")) : "");
            const filename = r.filename.replace(/["\r\n]/g, "");
            payload = Buffer.concat([
              Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
              content,
              Buffer.from(`\r\n--${boundary}--\r\n`),
            ]);
          } else if (r.body && route.method !== "GET" && route.method !== "DELETE") {
            headers["content-type"] = "application/json";
            payload = "text" in r.body ? r.body.text : (JSON.stringify(r.body.json) ?? "null");
          }
          const res = await t.app.inject({ method: route.method as "GET", url: query ? `${path}?${query}` : path, headers, ...(payload !== undefined ? { payload } : {}) });
          sent += 1;
          statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
          if (res.statusCode >= 500) throw new Error(`${route.method} ${path}${query ? `?${query}` : ""} as ${r.who} answered ${res.statusCode}: ${res.body.slice(0, 300)}`);
        }),
        { seed: (seed + index) | 0, numRuns: runsPerRoute, endOnFailure: true },
      );
      // Junk that signs someone out (a logout with their token) must not leave the next routes facing only 401s.
      await renewEndedSessions();
    }

    console.log(`fuzz: ${sent} requests over ${routes.length} routes, answers ${JSON.stringify(Object.fromEntries([...statuses].sort(([a], [b]) => a - b)))}`);
    expect(sent).toBeGreaterThanOrEqual(MIN_REQUESTS);
    // The junk got past sign-in and into the routes' own checks, not just bounced at the door.
    expect(statuses.get(400) ?? 0).toBeGreaterThan(sent / 10);
  }, 900_000);
});
