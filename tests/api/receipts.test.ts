import { readFileSync } from "node:fs";
import path from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { councilIds, postSpend, spendBody } from "../support/factories.ts";
import { expectProblem } from "../support/problem.ts";
import { startTestApp, type TestApp } from "../support/test-app.ts";

const fixture = (name: string) => readFileSync(path.resolve(import.meta.dirname, "../fixtures", name));

describe("receipts", () => {
  let t: TestApp;
  let worker: string;
  let spendId: string;
  beforeAll(async () => {
    t = await startTestApp({ env: { DATA_DIR: (await import("node:fs")).mkdtempSync(path.join((await import("node:os")).tmpdir(), "gt-receipts-")) } });
    const ids = await councilIds(t);
    worker = await t.tokenFor("worker");
    spendId = (await postSpend(t, worker, spendBody({ schemeId: ids.schemeId, clientId: ids.clients.north[0] as string }))).body.id;
  });
  afterAll(() => t.close());

  const upload = (token: string, bytes: Buffer, filename: string, contentType = "application/octet-stream") =>
    t.http.post(`/api/spends/${spendId}/receipts`).set("Authorization", `Bearer ${token}`).attach("file", bytes, { filename, contentType });

  const download = (token: string, receiptId: string) =>
    t.http
      .get(`/api/spends/${spendId}/receipts/${receiptId}`)
      .set("Authorization", `Bearer ${token}`)
      .buffer(true)
      .parse((res, callback) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => callback(null, Buffer.concat(chunks)));
      });

  it("lists each spend with how many receipts it has, or that its receipt was declared lost", async () => {
    const ids = await councilIds(t);
    const other = (await postSpend(t, worker, spendBody({ schemeId: ids.schemeId, clientId: ids.clients.north[1] as string }))).body.id as string;
    const listed = async () => {
      const res = await t.http.get("/api/spends?limit=200").set("Authorization", `Bearer ${worker}`);
      expect(res.status).toBe(200);
      return new Map((res.body.items as { id: string; receiptCount: number; receiptLost: boolean }[]).map((s) => [s.id, s]));
    };
    expect((await listed()).get(other)).toMatchObject({ receiptCount: 0, receiptLost: false });
    for (const background of ["#eeeeee", "#dddddd"]) {
      const png = await sharp({ create: { width: 20, height: 20, channels: 3, background } }).png().toBuffer();
      const res = await t.http.post(`/api/spends/${other}/receipts`).set("Authorization", `Bearer ${worker}`).attach("file", png, { filename: "r.png", contentType: "image/png" });
      expect(res.status).toBe(201);
    }
    const third = (await postSpend(t, worker, spendBody({ schemeId: ids.schemeId, clientId: ids.clients.north[2] as string }))).body.id as string;
    const lost = await t.http.post(`/api/spends/${third}/receipt-lost`).set("Authorization", `Bearer ${worker}`).send({ description: "Bus tickets", reason: "The driver gave no ticket" });
    expect(lost.status).toBe(201);
    const after = await listed();
    expect(after.get(other)).toMatchObject({ receiptCount: 2, receiptLost: false });
    expect(after.get(third)).toMatchObject({ receiptCount: 0, receiptLost: true });
  });

  it("accepts a PNG and serves it back to those who may see the spend", async () => {
    const png = await sharp({ create: { width: 40, height: 30, channels: 3, background: "#ffffff" } }).png().toBuffer();
    const res = await upload(worker, png, "receipt.png", "image/png");
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ contentType: "image/png", sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    for (const account of ["worker", "supervisor", "auditor", "finance", "admin"] as const) {
      const got = await download(await t.tokenFor(account), res.body.id);
      expect(got.status).toBe(200);
      expect(got.headers["content-type"]).toBe("image/png");
    }
    const detail = await t.http.get(`/api/spends/${spendId}`).set("Authorization", `Bearer ${worker}`);
    expect(detail.body.receipts.map((r: { id: string }) => r.id)).toContain(res.body.id);
  });

  it("serves a PDF carrying JavaScript only as a sandboxed download, never inline, and never cached", async () => {
    const pdf = Buffer.from(
      "%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R /OpenAction 3 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n3 0 obj << /S /JavaScript /JS (app.alert('hello')) >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n",
    );
    const res = await upload(worker, pdf, "statement.pdf", "application/pdf");
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const got = await download(worker, res.body.id);
    expect(got.status).toBe(200);
    expect(got.headers["content-type"]).toBe("application/pdf");
    expect(got.headers["content-disposition"]).toBe(`attachment; filename="receipt-${res.body.id}.pdf"`);
    expect(got.headers["content-security-policy"]).toBe("sandbox");
    expect(got.headers["x-content-type-options"]).toBe("nosniff");
    expect(got.headers["cache-control"]).toMatch(/no-store/);
    expect((got.body as Buffer).equals(pdf)).toBe(true);
  });

  it("a file name holding NUL or another control character is 400 naming the file, never stored", async () => {
    const png = await sharp({ create: { width: 8, height: 8, channels: 3, background: "#ffffff" } }).png().toBuffer();
    for (const filename of ["receipt\u0000.png", "receipt\u001b[31m.png"]) {
      const res = await upload(worker, png, filename, "image/png");
      expectProblem(res, 400, { field: "file" });
    }
  });

  it("takes the same file sent again (an outbox's retry after a lost answer) as the same receipt", async () => {
    const ids = await councilIds(t);
    const spend = (await postSpend(t, worker, spendBody({ schemeId: ids.schemeId, clientId: ids.clients.north[3] as string }))).body.id as string;
    const jpeg = fixture("receipt-with-gps.jpg");
    const send = () => t.http.post(`/api/spends/${spend}/receipts`).set("Authorization", `Bearer ${worker}`).attach("file", jpeg, { filename: "r.jpg", contentType: "image/jpeg" });
    const first = await send();
    const again = await send();
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.body.id).toBe(first.body.id);
    const detail = await t.http.get(`/api/spends/${spend}`).set("Authorization", `Bearer ${worker}`);
    expect(detail.body.receipts).toHaveLength(1);
  });

  it("takes the same lost-receipt declaration sent again as the same one, and refuses a different one", async () => {
    const ids = await councilIds(t);
    const spend = (await postSpend(t, worker, spendBody({ schemeId: ids.schemeId, clientId: ids.clients.north[3] as string }))).body.id as string;
    const declare = (reason: string) => t.http.post(`/api/spends/${spend}/receipt-lost`).set("Authorization", `Bearer ${worker}`).send({ description: "Bus tickets", reason });
    const first = await declare("The driver gave no ticket");
    const again = await declare("The driver gave no ticket");
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.body.id).toBe(first.body.id);
    expectProblem(await declare("Something else entirely"), 409);
    const detail = await t.http.get(`/api/spends/${spend}`).set("Authorization", `Bearer ${worker}`);
    expect(detail.body.receiptLost).toMatchObject({ reason: "The driver gave no ticket" });
    expect(detail.body.timeline.filter((e: { type: string }) => e.type === "receipt.declared_lost")).toHaveLength(1);
  });

  it("accepts a JPEG carrying GPS and stores a copy with no EXIF at all", async () => {
    const original = fixture("receipt-with-gps.jpg");
    expect((await sharp(original).metadata()).exif).toBeDefined();
    const res = await upload(worker, original, "IMG_0001.HEIC.jpg", "image/jpeg");
    expect(res.status).toBe(201);
    const stored = await download(worker, res.body.id);
    expect(stored.status).toBe(200);
    const body = stored.body as Buffer;
    const meta = await sharp(body).metadata();
    expect(meta.format).toBe("jpeg");
    expect(meta.exif).toBeUndefined();
    expect(body.includes(Buffer.from("GreenTapeTest"))).toBe(false);
    expect(body.includes(Buffer.from("GPS"))).toBe(false);
  });

  it("refuses a script renamed .png, judged by content", async () => {
    const res = await upload(worker, Buffer.from("#!/bin/sh\nrm -rf /\n"), "receipt.png", "image/png");
    expectProblem(res, 400, { field: "file" });
  });

  it("refuses a file over 10 MB", async () => {
    const big = Buffer.alloc(10 * 1024 * 1024 + 10, 0);
    big.write("%PDF-1.4\n");
    const res = await upload(worker, big, "big.pdf", "application/pdf");
    expect([400, 413]).toContain(res.status);
    expect(res.headers["content-type"]).toMatch(/problem\+json/);
  });

  it("keeps receipts from a worker of another team and a colleague", async () => {
    const png = await sharp({ create: { width: 4, height: 4, channels: 3, background: "#000" } }).png().toBuffer();
    const mine = await upload(worker, png, "r.png", "image/png");
    for (const account of ["worker3", "worker2", "supervisor2"] as const) {
      const res = await t.http.get(`/api/spends/${spendId}/receipts/${mine.body.id}`).set("Authorization", `Bearer ${await t.tokenFor(account)}`);
      expectProblem(res, 404);
    }
    expectProblem(await upload(await t.tokenFor("worker2"), png, "r.png", "image/png"), 404);
  });
});
