import { useMemo } from 'react';
import { Link, useSearchParams } from 'react-router';
import { usePlaybooks } from '../../api/queries';
import type { PlaybookSummary } from '../../api/types';
import { ErrorMessage } from '../../ui/error-message';
import { StatusBadge } from '../../ui/status-badge';
import { usePermissions } from '../auth/permissions-context';

const matches = (p: PlaybookSummary, words: string[]) => {
  const text = [p.name, p.title, p.description ?? '', ...(p.tags ?? [])].join(' ').toLowerCase();
  return words.every((w) => text.includes(w));
};

/** Every playbook with its title, description, tags and state; each opens its run form. */
export function PlaybooksPage() {
  const { runPlaybooks, editPlaybooks } = usePermissions();
  const [params, setParams] = useSearchParams();
  const search = params.get('q') ?? '';
  const { data, error, isPending } = usePlaybooks();
  const shown = useMemo(() => {
    const words = search.toLowerCase().split(/\s+/).filter(Boolean);
    return (data?.items ?? []).filter((p) => matches(p, words));
  }, [data, search]);

  return (
    <section aria-labelledby="playbooks-heading">
      <div className="page-head">
        <h1 id="playbooks-heading">Playbooks</h1>
        {editPlaybooks && (
          <Link className="button secondary" to="/editor">
            New playbook
          </Link>
        )}
      </div>
      <label className="field inline">
        <span>Search playbooks</span>
        <input
          type="search"
          value={search}
          placeholder="name, title, tag…"
          onChange={(e) => setParams(e.target.value ? { q: e.target.value } : {}, { replace: true })}
        />
      </label>
      <ErrorMessage error={error} title="Could not load the playbooks" />
      {isPending && <p className="muted">Loading playbooks…</p>}
      {data && shown.length === 0 && <p className="empty">{search ? `No playbook matches “${search}”.` : 'No playbooks yet. Write one in the editor.'}</p>}
      <ul className="cards">
        {shown.map((p) => (
          <li key={p.name} className="card">
            <h2>
              <Link to={`/playbooks/${p.name}`}>{p.title}</Link>
            </h2>
            <p className="muted mono">
              {p.name} · v{p.version}
            </p>
            {p.description && <p>{p.description}</p>}
            <p className="tags">
              <StatusBadge status={p.enabled ? 'enabled' : 'disabled'} />
              {(p.tags ?? []).map((t) => (
                <span key={t} className="tag">
                  {t}
                </span>
              ))}
            </p>
            <p className="actions">
              {runPlaybooks && (
                <Link className="button" to={`/playbooks/${p.name}`} aria-label={`Run ${p.title}`}>
                  Run
                </Link>
              )}
              {editPlaybooks && (
                <Link className="button secondary" to={`/editor/${p.name}`} aria-label={`Edit ${p.title}`}>
                  Edit
                </Link>
              )}
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
}
