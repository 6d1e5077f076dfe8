import { createContext, createElement, useContext, useEffect, useMemo, useState, useSyncExternalStore } from "react";
import type { ComponentType, ReactNode } from "react";
import { Router as WouterRouter } from "wouter";
import type { AroundNavHandler } from "wouter";
import { navigate as historyNavigate } from "wouter/use-browser-location";

/**
 * The app's one door to routing: wouter (its links and its history events, some 3 kB) under the
 * few pieces of react-router's API the pages use, which alone was 30 kB of a phone's first load
 * (issue 18). Like react-router's data router, a page whose code is still loading keeps the page
 * before it on screen, and every page sees the location it was rendered for.
 */
export { Link } from "wouter";

/** A page, or a frame around pages (its `element` renders an `<Outlet />`), as react-router's were written. */
export interface RouteObject {
  path?: string;
  index?: boolean;
  element?: ReactNode;
  /** The page's code, loaded on the first visit. */
  lazy?: () => Promise<ComponentType>;
  children?: RouteObject[];
}

type NavigationType = "POP" | "PUSH" | "REPLACE";

interface AppLocation {
  pathname: string;
  search: string;
  hash: string;
  state: unknown;
  navigationType: NavigationType;
}

function readLocation(navigationType: NavigationType): AppLocation {
  const { pathname, search, hash } = window.location;
  return { pathname, search, hash, state: (window.history.state as unknown) ?? null, navigationType };
}

// wouter makes pushState and replaceState announce themselves as events, as the browser does popstate.
let live = readLocation("POP");
const subscribers = new Set<() => void>();
for (const [event, navigationType] of [["popstate", "POP"], ["pushState", "PUSH"], ["replaceState", "REPLACE"]] as const) {
  window.addEventListener(event, () => {
    live = readLocation(navigationType);
    subscribers.forEach((notify) => notify());
  });
}
function subscribe(notify: () => void) {
  subscribers.add(notify);
  return () => subscribers.delete(notify);
}

interface NavigateOptions {
  replace?: boolean;
  state?: unknown;
}

/** As react-router does, going to the address already shown replaces it instead of adding a step to go back through. */
function navigateTo(to: string | number, options: NavigateOptions = {}): void {
  if (typeof to === "number") {
    window.history.go(to);
    return;
  }
  const target = to === "." ? `${window.location.pathname}${window.location.search}` : to;
  const { pathname, search, hash } = new URL(target, window.location.href);
  const here = `${window.location.pathname}${window.location.search}${window.location.hash}`;
  historyNavigate(target, { replace: options.replace === true || here === `${pathname}${search}${hash}`, state: options.state ?? null });
}

const linkNavigation: AroundNavHandler = (_navigate, to, options) => navigateTo(to, options);

interface Branch {
  routes: RouteObject[];
  segments: string[];
  score: number;
}

/** react-router's ranking, so the most specific pattern wins whatever the order: `spends/new` over `spends/:id` over `*`. */
function score(path: string, index: boolean): number {
  const segments = path.split("/");
  let total = segments.length + (segments.includes("*") ? -2 : 0) + (index ? 2 : 0);
  for (const segment of segments) if (segment !== "*") total += segment.startsWith(":") ? 3 : segment === "" ? 1 : 10;
  return total;
}

function flatten(routes: RouteObject[], parents: RouteObject[] = [], parentPath = ""): Branch[] {
  return routes.flatMap((route) => {
    const path = route.path === undefined ? parentPath : `${parentPath}/${route.path}`.replace(/\/+/g, "/");
    const chain = [...parents, route];
    if (route.children) return flatten(route.children, chain, path);
    if (route.path === undefined && route.index !== true) return [];
    const full = path === "" ? "/" : path;
    return [{ routes: chain, segments: full.split("/").filter(Boolean), score: score(full, route.index === true) }];
  });
}

interface Match {
  routes: RouteObject[];
  params: Record<string, string | undefined>;
}

function matchBranch(branch: Branch, parts: string[]): Match | null {
  const params: Record<string, string | undefined> = {};
  for (const [i, segment] of branch.segments.entries()) {
    if (segment === "*") {
      params["*"] = parts.slice(i).join("/");
      return { routes: branch.routes, params };
    }
    const part = parts[i];
    if (part === undefined) return null;
    if (segment.startsWith(":")) params[segment.slice(1)] = decodeURIComponent(part);
    else if (segment.toLowerCase() !== part.toLowerCase()) return null;
  }
  return parts.length === branch.segments.length ? { routes: branch.routes, params } : null;
}

const loadedPages = new Map<RouteObject, ComponentType>();
/** The address at which a page's code last failed to load: it shows a message there, and the next visit tries again. */
const failedAt = new Map<RouteObject, AppLocation>();
const loadingPages = new Map<RouteObject, Promise<ComponentType>>();

/** Fetches a page's code, once however many ask for it meanwhile. */
function loadPage(route: RouteObject): Promise<ComponentType> {
  let loading = loadingPages.get(route);
  if (!loading) {
    loading = route
      .lazy!()
      .then((Page) => {
        loadedPages.set(route, Page);
        return Page;
      })
      .finally(() => loadingPages.delete(route));
    loadingPages.set(route, loading);
  }
  return loading;
}

function matchPath(branches: Branch[], pathname: string): Match | null {
  const parts = pathname.split("/").filter(Boolean);
  for (const branch of branches) {
    const found = matchBranch(branch, parts);
    if (found) return found;
  }
  return null;
}

function rankedBranches(routes: RouteObject[]): Branch[] {
  return flatten(routes).sort((a, b) => b.score - a.score);
}

/**
 * Starts fetching the code of the page at this address before the app first renders, so it comes
 * alongside whatever the app waits for first instead of after it.
 */
export function preloadPage(routes: RouteObject[], pathname: string): void {
  for (const route of matchPath(rankedBranches(routes), pathname)?.routes ?? []) {
    if (route.lazy) loadPage(route).catch(() => undefined);
  }
}

function PageFailedToLoad() {
  return <p className="govuk-body">This page could not be loaded. Check your connection, then try again.</p>;
}

interface Shown {
  location: AppLocation;
  params: Record<string, string | undefined>;
}

const ShownContext = createContext<Shown | null>(null);
const OutletContext = createContext<ReactNode>(null);

function useShown(): Shown {
  const shown = useContext(ShownContext);
  if (!shown) throw new Error("Routing hooks are for pages inside <AppRouter>");
  return shown;
}

/**
 * Shows the page for the address. Until a page's code has loaded the page before stays on screen
 * (on the first page of a visit, `fallback` shows instead), so a page never sees an address it
 * was not rendered for.
 */
export function AppRouter({ routes, fallback }: { routes: RouteObject[]; fallback: ReactNode }) {
  const branches = useMemo(() => rankedBranches(routes), [routes]);
  const location = useSyncExternalStore(subscribe, () => live);
  const match = useMemo(() => matchPath(branches, location.pathname), [branches, location]);
  const waiting = match?.routes.filter((route) => route.lazy && !loadedPages.has(route) && failedAt.get(route) !== location) ?? [];
  const [shown, setShown] = useState<{ location: AppLocation; match: Match | null } | null>(null);
  const [, setLoaded] = useState(0);
  if (waiting.length === 0 && shown?.location !== location) setShown({ location, match });

  useEffect(() => {
    if (waiting.length === 0) return;
    void Promise.all(
      waiting.map(async (route) => {
        try {
          await loadPage(route);
        } catch {
          failedAt.set(route, location);
        }
      }),
    ).then(() => setLoaded((count) => count + 1));
    // `waiting` is derived from `match`.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [match]);

  // The same elements while the next page loads, so the page on screen does not render again meanwhile.
  const page = useMemo(() => {
    if (!shown) return null;
    let outlet: ReactNode = null;
    for (const route of [...(shown.match?.routes ?? [])].reverse()) {
      const Page = loadedPages.get(route) ?? (failedAt.get(route) === shown.location ? PageFailedToLoad : undefined);
      // A page's component is looked up, not made, here: the same route keeps the same component.
      outlet = <OutletContext.Provider value={outlet}>{Page ? createElement(Page) : (route.element ?? <Outlet />)}</OutletContext.Provider>;
    }
    return (
      <WouterRouter aroundNav={linkNavigation}>
        <ShownContext.Provider value={{ location: shown.location, params: shown.match?.params ?? {} }}>{outlet}</ShownContext.Provider>
      </WouterRouter>
    );
  }, [shown]);
  return page ?? fallback;
}

/** Where a frame (layout or guard) shows the page inside it. */
export function Outlet() {
  return useContext(OutletContext);
}

export function useLocation(): AppLocation {
  return useShown().location;
}

export function useNavigationType(): NavigationType {
  return useShown().location.navigationType;
}

export function useParams(): Readonly<Record<string, string | undefined>> {
  return useShown().params;
}

export function useNavigate(): typeof navigateTo {
  return navigateTo;
}

type SearchParamsInit = ConstructorParameters<typeof URLSearchParams>[0];

export function useSearchParams(): [URLSearchParams, (next: SearchParamsInit, options?: NavigateOptions) => void] {
  const { search, pathname } = useShown().location;
  const params = useMemo(() => new URLSearchParams(search), [search]);
  const setParams = (next: SearchParamsInit, options?: NavigateOptions) => {
    const query = new URLSearchParams(next).toString();
    navigateTo(`${pathname}${query ? `?${query}` : ""}`, options);
  };
  return [params, setParams];
}

/** Goes to `to` once rendered, as react-router's `<Navigate>` does; a new `state` object alone does not go again. */
export function Navigate({ to, replace, state }: { to: string; replace?: boolean; state?: unknown }) {
  const stateKey = JSON.stringify(state ?? null);
  // eslint-disable-next-line react-hooks/exhaustive-deps -- `state` is compared by its content (stateKey).
  useEffect(() => navigateTo(to, { replace, state }), [to, replace, stateKey]);
  return null;
}
