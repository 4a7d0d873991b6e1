interface ErrorShape {
  code?: string;
  message?: string;
  status?: number;
  details?: { defenderCode?: string; defenderMessage?: string; target?: string; operation?: string };
}

/** A step's or run's error: our code and message, and Defender's own code and message when it answered. */
export function StepError({ error }: { error: unknown }) {
  if (!error || typeof error !== 'object' || Array.isArray(error)) return null;
  const e = error as ErrorShape;
  const d = e.details && typeof e.details === 'object' ? e.details : {};
  return (
    <div className="error-box">
      <p>
        <strong className="mono">{e.code ?? 'ERROR'}</strong> {e.message}
      </p>
      {(d.defenderCode || d.defenderMessage) && (
        <p>
          Defender{e.status ? ` (HTTP ${e.status})` : ''}: <strong className="mono">{d.defenderCode}</strong> {d.defenderMessage}
        </p>
      )}
      {d.operation && (
        <p className="muted mono">
          {d.operation}
          {d.target ? ` · request ${d.target}` : ''}
        </p>
      )}
    </div>
  );
}
