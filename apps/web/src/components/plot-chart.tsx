import { useEffect, useRef, useState } from "react";
import * as Plot from "@observablehq/plot";
import "./plot-chart.scss";

interface PlotChartProps {
  /** What the chart shows, read out as the picture's name; the table beside it gives the figures. */
  label: string;
  /** The chart for a given width in CSS pixels (Plot draws to a fixed width, so it is redrawn on resize). */
  options: (width: number) => Plot.PlotOptions;
  testId?: string;
}

// The charts use the page's type and GOV.UK's text colour rather than Plot's 10px system font.
const STYLE = { fontSize: "14px", fontFamily: "inherit", color: "#0b0c0c", background: "transparent", overflow: "visible" };

/**
 * An Observable Plot chart (SVG) that fills its column and redraws when the column's width
 * changes, from a phone to a desk. Screen readers meet it as one picture with a name; the plain
 * table that every chart in this area sits beside carries the figures themselves.
 */
export function PlotChart({ label, options, testId }: PlotChartProps) {
  const holder = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(0);

  useEffect(() => {
    const element = holder.current;
    if (!element) return;
    const observer = new ResizeObserver(([entry]) => setWidth(Math.floor(entry?.contentRect.width ?? 0)));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  useEffect(() => {
    const element = holder.current;
    if (!element || width === 0) return;
    const chart = Plot.plot({ ...options(width), width, style: STYLE });
    // The holder is the one picture, named by `label`; what Plot draws inside it (marks it names
    // for itself, a legend) stays out of the accessibility tree, where the table says it all.
    chart.setAttribute("aria-hidden", "true");
    element.replaceChildren(chart);
    return () => chart.remove();
  }, [options, width]);

  return <div className="gt-chart" ref={holder} role="img" aria-label={label} data-testid={testId} />;
}
