import { describe, expect, it, vi } from "vitest";
import {
  ApiError,
  NetworkError,
  apiGet,
  apiPost,
  onSessionEnded,
  refreshAccessToken,
  setAccessToken,
} from "./api-client.ts";
import { authHeader, calls, resetApiClientAroundEachTest, serve } from "./fake-fetch.ts";

const json = (status: number, body: unknown, type = "application/json") =>
  new Response(JSON.stringify(body), { status, headers: { "Content-Type": type } });
const problem = (status: number, title: string, extra: Record<string, unknown> = {}) =>
  json(status, { type: `https://greentape.example/problems/${title}`, title, status, ...extra }, "application/problem+json");

resetApiClientAroundEachTest();

describe("api client", () => {
  it("sends the access token from memory, same-origin, and parses JSON", async () => {
    setAccessToken("token-1");
    serve(() => json(200, { amount: 1250 }));
    await expect(apiGet("/api/me")).resolves.toEqual({ amount: 1250 });
    expect(authHeader(calls[0]!.init)).toBe("Bearer token-1");
    expect(calls[0]!.init.credentials).toBe("same-origin");
  });

  it("sends JSON bodies and reads 204 as undefined", async () => {
    serve(() => new Response(null, { status: 204 }));
    await expect(apiPost("/api/things", { amount: 1250 })).resolves.toBeUndefined();
    expect(calls[0]!.init.body).toBe('{"amount":1250}');
    expect((calls[0]!.init.headers as Record<string, string>)["Content-Type"]).toBe("application/json");
  });

  it("turns problem+json into an ApiError with field messages", async () => {
    serve(() =>
      problem(400, "validation", {
        detail: "The request is not valid",
        errors: [
          { path: "amount", message: "Enter an amount" },
          { path: "/payee", message: "Enter a payee" },
        ],
      }),
    );
    const error = await apiPost("/api/spends", {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    const apiError = error as ApiError;
    expect(apiError.status).toBe(400);
    expect(apiError.detail).toBe("The request is not valid");
    expect(apiError.fieldMessage("amount")).toBe("Enter an amount");
    expect(apiError.fieldMessage("payee")).toBe("Enter a payee");
    expect(apiError.isType("validation")).toBe(true);
  });

  it("reports an unreachable server as a NetworkError", async () => {
    vi.stubGlobal("fetch", vi.fn(async () => Promise.reject(new TypeError("Failed to fetch"))));
    await expect(apiGet("/api/me")).rejects.toBeInstanceOf(NetworkError);
  });

  it("refreshes once for concurrent 401s, then retries each request", async () => {
    setAccessToken("old");
    let refreshes = 0;
    serve(async (url, init) => {
      if (url === "/api/auth/refresh") {
        refreshes += 1;
        await new Promise((resolve) => setTimeout(resolve, 20));
        return json(200, { accessToken: "new" });
      }
      return authHeader(init) === "Bearer new" ? json(200, { url }) : problem(401, "unauthorized");
    });

    const answers = await Promise.all([apiGet("/api/a"), apiGet("/api/b"), apiGet("/api/c")]);
    expect(answers).toEqual([{ url: "/api/a" }, { url: "/api/b" }, { url: "/api/c" }]);
    expect(refreshes).toBe(1);
    // The refresh itself carries no access token (the cookie does the work).
    const refreshCall = calls.find((c) => c.url === "/api/auth/refresh")!;
    expect(authHeader(refreshCall.init)).toBeUndefined();
  });

  it("ends the session when the refresh is refused", async () => {
    setAccessToken("old");
    const ended = vi.fn();
    onSessionEnded(ended);
    serve((url) => (url === "/api/auth/refresh" ? problem(401, "unauthorized") : problem(401, "unauthorized")));
    await expect(apiGet("/api/me")).rejects.toMatchObject({ status: 401 });
    expect(ended).toHaveBeenCalledTimes(1);
  });

  it("does not end the session when the refresh cannot reach the server", async () => {
    setAccessToken("old");
    const ended = vi.fn();
    onSessionEnded(ended);
    serve((url) => {
      if (url === "/api/auth/refresh") throw new TypeError("Failed to fetch");
      return problem(401, "unauthorized");
    });
    await expect(apiGet("/api/me")).rejects.toBeInstanceOf(NetworkError);
    expect(ended).not.toHaveBeenCalled();
  });

  it("shares one refresh between callers that arrive together", async () => {
    let refreshes = 0;
    serve(async () => {
      refreshes += 1;
      await new Promise((resolve) => setTimeout(resolve, 10));
      return json(200, { accessToken: "t" });
    });
    await expect(Promise.all([refreshAccessToken(), refreshAccessToken()])).resolves.toEqual([true, true]);
    expect(refreshes).toBe(1);
  });

  it("does not retry login failures through a refresh", async () => {
    serve(() => problem(401, "invalid-credentials"));
    await expect(apiPost("/api/auth/login", { email: "a@b.c", password: "x" }, { auth: false })).rejects.toMatchObject({
      status: 401,
    });
    expect(calls.map((c) => c.url)).toEqual(["/api/auth/login"]);
  });
});
