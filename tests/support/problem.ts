import type { Response } from "supertest";
import { expect } from "vitest";

/** Asserts an RFC 9457 problem answer with this status (and, if given, a field path it names). */
export function expectProblem(res: Response, status: number, options: { typeEndsWith?: string; field?: string } = {}) {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  expect(res.headers["content-type"]).toMatch(/^application\/problem\+json/);
  expect(res.body).toMatchObject({ status, title: expect.any(String) });
  expect(typeof res.body.type).toBe("string");
  if (options.typeEndsWith) expect(res.body.type).toMatch(new RegExp(`/${options.typeEndsWith}$`));
  if (options.field) {
    const paths = ((res.body.errors ?? []) as { path: string }[]).map((e) => e.path);
    expect(paths, JSON.stringify(res.body)).toContain(options.field);
  }
}
