import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./app/app.tsx";
import { startServiceWorker } from "./app/service-worker.ts";
import "./styles/main.scss";

// What govuk-frontend's inline snippet would do; the CSP forbids inline scripts.
document.body.classList.add("js-enabled", "govuk-frontend-supported");

const root = document.getElementById("root");
if (!root) throw new Error("index.html has no #root element");

createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);

startServiceWorker();
