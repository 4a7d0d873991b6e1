/** A run or step state as text with a colour; the text carries the meaning, the colour only helps. */
export function StatusBadge({ status, label }: { status: string; label?: string }) {
  return (
    <span className={`badge badge-${status}`} data-status={status}>
      {label ?? status.replace(/_/g, ' ')}
    </span>
  );
}
