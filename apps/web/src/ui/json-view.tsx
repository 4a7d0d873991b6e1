/** Parameters and outputs as indented JSON (the API has already masked secrets). */
export function JsonView({ value, label, open = false }: { value: unknown; label: string; open?: boolean }) {
  if (value === null || value === undefined) return null;
  return (
    <details className="json" open={open}>
      <summary>{label}</summary>
      <pre tabIndex={0} aria-label={label}>
        {JSON.stringify(value, null, 2)}
      </pre>
    </details>
  );
}
