import type { RunEvent } from '../../api/types';
import { formatTime } from '../../ui/time';

/** The run's state changes as they arrived over the stream (retries, waits, decisions…), oldest first. */
export function EventLog({ events }: { events: RunEvent[] }) {
  if (events.length === 0) return null;
  return (
    <details className="json">
      <summary>Event log ({events.length})</summary>
      <ol className="event-log">
        {events.map((e) => {
          const data = e.data && typeof e.data === 'object' && !Array.isArray(e.data) ? (e.data as Record<string, unknown>) : {};
          const message = data.error && typeof data.error === 'object' ? (data.error as { message?: string }).message : undefined;
          return (
            <li key={e.id}>
              <span className="muted">{formatTime(e.at)}</span> <span className="mono">{e.type}</span>
              {typeof data.step === 'string' && <span className="mono"> {data.step}</span>}
              {typeof data.attempt === 'number' && <> (attempt {data.attempt})</>}
              {message && <> — {message}</>}
            </li>
          );
        })}
      </ol>
    </details>
  );
}
