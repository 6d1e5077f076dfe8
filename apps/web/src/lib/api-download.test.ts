// apiDownload (in api-client.ts): files fetched with the access token, as exports and receipts are.
import { describe, expect, it } from "vitest";
import { ApiError, apiDownload, filenameFromContentDisposition, setAccessToken } from "./api-client.ts";
import { authHeader, calls, resetApiClientAroundEachTest, serve } from "./fake-fetch.ts";

const csv = (body: string, disposition?: string) =>
  new Response(body, { status: 200, headers: { "Content-Type": "text/csv", ...(disposition ? { "Content-Disposition": disposition } : {}) } });
const problem = (status: number) =>
  new Response(JSON.stringify({ type: "/problems/x", title: "No", status, detail: "Not for you" }), {
    status,
    headers: { "Content-Type": "application/problem+json" },
  });

resetApiClientAroundEachTest();

describe("apiDownload", () => {
  it("sends the access token and returns the bytes with the server's file name", async () => {
    setAccessToken("token-1");
    serve(() => csv("a,b\r\n1,2\r\n", 'attachment; filename="green-tape-2026-03.csv"'));
    const file = await apiDownload("/api/exports/2026-03?format=csv");
    expect(authHeader(calls[0]!.init)).toBe("Bearer token-1");
    expect(file.filename).toBe("green-tape-2026-03.csv");
    expect(await file.blob.text()).toBe("a,b\r\n1,2\r\n");
  });

  it("refreshes once on a 401 and retries", async () => {
    setAccessToken("old");
    serve((url, init) => {
      if (url === "/api/auth/refresh") return new Response(JSON.stringify({ accessToken: "new" }), { status: 200, headers: { "Content-Type": "application/json" } });
      return authHeader(init) === "Bearer new" ? csv("ok") : problem(401);
    });
    const file = await apiDownload("/api/exports/2026-03");
    expect(await file.blob.text()).toBe("ok");
    expect(calls.map((c) => c.url)).toEqual(["/api/exports/2026-03", "/api/auth/refresh", "/api/exports/2026-03"]);
  });

  it("turns a refusal into an ApiError", async () => {
    serve(() => problem(403));
    const error = await apiDownload("/api/exports/2026-03").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(403);
    expect((error as ApiError).detail).toBe("Not for you");
  });
});

describe("filenameFromContentDisposition", () => {
  it("reads plain, quoted and RFC 5987 names, preferring filename*", () => {
    expect(filenameFromContentDisposition('attachment; filename="a b.csv"')).toBe("a b.csv");
    expect(filenameFromContentDisposition("attachment; filename=plain.csv")).toBe("plain.csv");
    expect(filenameFromContentDisposition("attachment; filename=\"x.csv\"; filename*=UTF-8''caf%C3%A9.csv")).toBe("café.csv");
    expect(filenameFromContentDisposition(null)).toBeNull();
    expect(filenameFromContentDisposition("attachment")).toBeNull();
  });

  it("never returns a path", () => {
    expect(filenameFromContentDisposition('attachment; filename="../../etc/passwd"')).toBe("passwd");
    expect(filenameFromContentDisposition('attachment; filename=".."')).toBeNull();
  });
});
