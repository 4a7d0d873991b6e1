import { Link, useSearchParams } from 'react-router';
import { usePlaybooks, useRuns } from '../../api/queries';
import { RUN_OUTCOMES, RUN_STATUSES } from '../../api/types';
import { ErrorMessage } from '../../ui/error-message';
import { StatusBadge } from '../../ui/status-badge';
import { formatDuration, formatTime } from '../../ui/time';

const FILTERS = ['status', 'outcome', 'playbook'] as const;
const PAGE_SIZE = 50;

/** Runs newest first; filters and the page live in the URL so a view can be shared or bookmarked. */
export function RunsPage() {
  const [params, setParams] = useSearchParams();
  const filters = Object.fromEntries(FILTERS.map((f) => [f, params.get(f) ?? undefined]));
  const cursor = params.get('cursor') ?? undefined;
  const { data, error, isPending, isFetching } = useRuns({ ...filters, cursor, limit: PAGE_SIZE });
  const playbooks = usePlaybooks();

  const setFilter = (name: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    next.delete('cursor'); // a new filter starts from the newest run
    setParams(next);
  };
  const select = (name: (typeof FILTERS)[number], label: string, options: readonly string[]) => (
    <label className="field inline">
      <span>{label}</span>
      <select value={filters[name] ?? ''} onChange={(e) => setFilter(name, e.target.value)}>
        <option value="">any</option>
        {options.map((o) => (
          <option key={o} value={o}>
            {o.replace(/_/g, ' ')}
          </option>
        ))}
      </select>
    </label>
  );

  return (
    <section aria-labelledby="runs-heading">
      <div className="page-head">
        <h1 id="runs-heading">Runs</h1>
        <span className="muted" aria-live="polite">
          {isFetching ? 'updating…' : ''}
        </span>
      </div>
      <form className="filters" aria-label="Filter runs" onSubmit={(e) => e.preventDefault()}>
        {select('status', 'Status', RUN_STATUSES)}
        {select('outcome', 'Outcome', RUN_OUTCOMES)}
        {select(
          'playbook',
          'Playbook',
          (playbooks.data?.items ?? []).map((p) => p.name),
        )}
      </form>
      <ErrorMessage error={error} title="Could not load the runs" />
      {isPending && <p className="muted">Loading runs…</p>}
      {data && data.items.length === 0 && <p className="empty">No runs{params.toString() ? ' match these filters' : ' yet: start one from a playbook'}.</p>}
      {data && data.items.length > 0 && (
        <table className="runs">
          <caption className="visually-hidden">Runs, newest first</caption>
          <thead>
            <tr>
              <th scope="col">Run</th>
              <th scope="col">Playbook</th>
              <th scope="col">Status</th>
              <th scope="col">Outcome</th>
              <th scope="col">Started by</th>
              <th scope="col">Created</th>
              <th scope="col">Duration</th>
            </tr>
          </thead>
          <tbody>
            {data.items.map((r) => (
              <tr key={r.id}>
                <td>
                  <Link className="mono" to={`/runs/${r.id}`}>
                    {r.id.slice(0, 8)}
                  </Link>
                </td>
                <td>
                  {r.playbook} <span className="muted">v{r.version}</span>
                </td>
                <td>
                  <StatusBadge status={r.status} />
                </td>
                <td>{r.outcome ? <StatusBadge status={r.outcome} /> : <span className="muted">—</span>}</td>
                <td>{r.startedBy}</td>
                <td>{formatTime(r.createdAt)}</td>
                <td>{formatDuration(r.startedAt ?? r.createdAt, r.endedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <nav className="actions" aria-label="Pages">
        {cursor && (
          <button type="button" className="secondary" onClick={() => setFilter('cursor', '')}>
            Newest runs
          </button>
        )}
        {data?.nextCursor && (
          <button
            type="button"
            className="secondary"
            onClick={() => setParams((p) => new URLSearchParams({ ...Object.fromEntries(p), cursor: data.nextCursor ?? '' }))}
          >
            Older runs
          </button>
        )}
      </nav>
    </section>
  );
}
