interface LoadingProps {
  label?: string;
}

/** A small, quiet "working on it" line, announced politely to screen readers. */
export function Loading({ label = "Loading" }: LoadingProps) {
  return (
    <div className="gt-loading" role="status">
      <span className="gt-loading__spinner" aria-hidden="true" />
      <span>{label}</span>
    </div>
  );
}
