import { useSyncExternalStore } from "react";

// GOV.UK's desktop breakpoint: from here a case page puts the decision beside the case.
const DESKTOP_UP = "(min-width: 48.0625em)";

function subscribe(onChange: () => void): () => void {
  const query = window.matchMedia(DESKTOP_UP);
  query.addEventListener("change", onChange);
  return () => query.removeEventListener("change", onChange);
}

/** True on a laptop-sized screen, false on a phone or small tablet; follows resizing and rotation. */
export function useWideScreen(): boolean {
  return useSyncExternalStore(subscribe, () => window.matchMedia(DESKTOP_UP).matches);
}
