import { afterEach, describe, expect, it, vi } from "vitest";
import {
  ApiError,
  NetworkError,
  apiGet,
  apiPost,
  endSession,
  onSessionEnded,
  refreshAccessToken,
  sendPendingSignOut,
  setAccessToken,
  signOutPending,
} from "./api-client.ts";
import { authHeader, calls, resetApiClientAroundEachTest, serve } from "./fake-fetch.ts";

const json = (status: number, body: unknown, type = "application/json") =>
  new Response(JSON.stringify(body), { status, headers: { "Content-Type": type } });
const problem = (status: number, title: string, extra: Record<string, unknown> = {}, headers: Record<string, string> = {}) => {
  const answer = json(status, { type: `https://greentape.example/problems/${title}`, title, status, ...extra }, "application/problem+json");
  for (const [name, value] of Object.entries(headers)) answer.headers.set(name, value);
  return answer;
};

afterEach(() => {
  vi.useRealTimers();
});

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

  it("does not end the session when the refresh cannot reach the server, after trying again", async () => {
    vi.useFakeTimers();
    setAccessToken("old");
    const ended = vi.fn();
    onSessionEnded(ended);
    serve((url) => {
      if (url === "/api/auth/refresh") throw new TypeError("Failed to fetch");
      return problem(401, "unauthorized");
    });
    const answer = apiGet("/api/me").catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(await answer).toBeInstanceOf(NetworkError);
    expect(calls.filter((c) => c.url === "/api/auth/refresh")).toHaveLength(4);
    expect(ended).not.toHaveBeenCalled();
  });

  it("does not end the session when the server is away (503), and waits as long as Retry-After asks", async () => {
    vi.useFakeTimers();
    setAccessToken("old");
    const ended = vi.fn();
    onSessionEnded(ended);
    serve((url) => (url === "/api/auth/refresh" ? problem(503, "database-unavailable", {}, { "Retry-After": "2" }) : problem(401, "unauthorized")));
    const answer = apiGet("/api/me").catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(1_999);
    expect(calls.filter((c) => c.url === "/api/auth/refresh")).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(calls.filter((c) => c.url === "/api/auth/refresh")).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(await answer).toMatchObject({ status: 503, retryAfterSeconds: 2 });
    expect(ended).not.toHaveBeenCalled();
  });

  it("tries a refresh whose reply was lost again, and carries on with the answer", async () => {
    vi.useFakeTimers();
    setAccessToken("old");
    const ended = vi.fn();
    onSessionEnded(ended);
    let refreshes = 0;
    serve((url, init) => {
      if (url === "/api/auth/refresh") {
        refreshes += 1;
        if (refreshes === 1) throw new TypeError("Failed to fetch");
        return json(200, { accessToken: "successor" });
      }
      return authHeader(init) === "Bearer successor" ? json(200, { name: "Worker" }) : problem(401, "unauthorized");
    });
    const answer = apiGet("/api/me");
    await vi.advanceTimersByTimeAsync(500);
    await expect(answer).resolves.toEqual({ name: "Worker" });
    expect(refreshes).toBe(2);
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

describe("signing out with no signal", () => {
  /** Web Storage as the browser keeps it: the unit tests run in Node, which has none. */
  function useLocalStorage(): Map<string, string> {
    const kept = new Map<string, string>();
    vi.stubGlobal("localStorage", {
      getItem: (key: string) => kept.get(key) ?? null,
      setItem: (key: string, value: string) => void kept.set(key, value),
      removeItem: (key: string) => void kept.delete(key),
    });
    return kept;
  }

  it("remembers a sign-out the server could not hear, makes no refresh with the old cookie, and sends it first when it can", async () => {
    useLocalStorage();
    setAccessToken("token-1");
    serve(() => Promise.reject(new TypeError("Failed to fetch")));
    await expect(endSession()).resolves.toBe(false);
    expect(signOutPending()).toBe(true);
    expect(calls.map((c) => c.url)).toEqual(["/api/auth/logout"]);
    // Sent with the access token it had, so the server ends the session it names too.
    expect(authHeader(calls[0]!.init)).toBe("Bearer token-1");

    serve((url) => (url === "/api/auth/logout" ? new Response(null, { status: 204 }) : json(200, { accessToken: "new" })));
    await expect(refreshAccessToken()).resolves.toBe(false);
    expect(calls).toEqual([]);

    // The server is busy: still owed.
    serve(() => problem(503, "database-unavailable", {}, { "Retry-After": "5" }));
    await expect(sendPendingSignOut()).rejects.toMatchObject({ status: 503, retryAfterSeconds: 5 });
    expect(signOutPending()).toBe(true);

    serve((url) => (url === "/api/auth/logout" ? new Response(null, { status: 204 }) : json(200, { accessToken: "new" })));
    await sendPendingSignOut();
    expect(signOutPending()).toBe(false);
    expect(calls.map((c) => c.url)).toEqual(["/api/auth/logout"]);
    expect(authHeader(calls[0]!.init)).toBeUndefined();
    await expect(refreshAccessToken()).resolves.toBe(true);
  });

  it("forgets the sign-out once the server has it", async () => {
    const kept = useLocalStorage();
    serve(() => new Response(null, { status: 204 }));
    await expect(endSession()).resolves.toBe(true);
    expect(signOutPending()).toBe(false);
    expect([...kept.keys()]).toEqual([]);
  });
});
