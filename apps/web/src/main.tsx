import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./app/app.tsx";
import { routes } from "./app/router.tsx";
import { startServiceWorker } from "./app/service-worker.ts";
import { loadCouncilSettings } from "./lib/council-settings.ts";
import { preloadPage } from "./lib/router.tsx";
import "./styles/main.scss";

// What govuk-frontend's inline snippet would do; the CSP forbids inline scripts.
document.body.classList.add("js-enabled", "govuk-frontend-supported");

const root = document.getElementById("root");
if (!root) throw new Error("index.html has no #root element");

// Dates on every screen are in the council's calendar, so the settings come before the first
// render; the page's own code comes meanwhile.
preloadPage(routes, window.location.pathname);
await loadCouncilSettings();

createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);

startServiceWorker();
