import { useEffect } from "react";
import type { RefObject } from "react";
import { useLocation, useNavigationType } from "../lib/router.tsx";

let lastPathname: string | null = null;

/**
 * After someone moves to another page in the app, focus goes to <main>, so keyboard and
 * screen reader users start at the new page's content as they would after a full page load.
 * The first page of a visit, and redirects (replace navigations), leave focus where the
 * browser put it, so the skip link stays the first stop.
 */
export function useFocusMainOnNavigate(main: RefObject<HTMLElement | null>): void {
  const { pathname } = useLocation();
  const navigationType = useNavigationType();
  useEffect(() => {
    const moved = lastPathname !== null && lastPathname !== pathname;
    lastPathname = pathname;
    if (moved && navigationType !== "REPLACE") main.current?.focus();
  }, [pathname, navigationType, main]);
}
