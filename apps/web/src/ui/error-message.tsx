import { ApiError } from '../api/client';

/** A failed request shown where it happened, with the API's code so support can find it. */
export function ErrorMessage({ error, title = 'Something went wrong' }: { error: unknown; title?: string }) {
  if (!error) return null;
  const message = error instanceof Error ? error.message : String(error);
  return (
    <div className="error-box" role="alert">
      <strong>{title}:</strong> {message}
      {error instanceof ApiError && <span className="muted"> ({error.code})</span>}
    </div>
  );
}
