interface LoadingProps {
  label?: string;
  /**
   * Stands in for a page taller than the screen, such as a form: it holds a screen's height, so the
   * footer below does not jump down when the page arrives.
   */
  holdsPage?: boolean;
}

/** A small, quiet "working on it" line, announced politely to screen readers. */
export function Loading({ label = "Loading", holdsPage = false }: LoadingProps) {
  return (
    <div className={holdsPage ? "gt-loading gt-loading--holds-page" : "gt-loading"} role="status">
      <span className="gt-loading__spinner" aria-hidden="true" />
      <span>{label}</span>
    </div>
  );
}
