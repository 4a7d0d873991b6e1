import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { diffLines } from 'diff';
import { api } from '../../api/client';
import { useVersions } from '../../api/queries';
import type { PlaybookDetail } from '../../api/types';
import { ErrorMessage } from '../../ui/error-message';
import { formatTime } from '../../ui/time';

/** Saved versions, newest first; any one can be compared with what is in the editor now. */
export function VersionHistory({ name, current }: { name: string; current: string }) {
  const { data, error } = useVersions(name);
  const [shown, setShown] = useState<number | null>(null);
  const version = useQuery({
    queryKey: ['playbooks', name, 'versions', shown],
    queryFn: () => api<PlaybookDetail>(`/playbooks/${encodeURIComponent(name)}/versions/${shown}`),
    enabled: shown !== null,
  });
  const items = [...(data?.items ?? [])].sort((a, b) => b.version - a.version);
  return (
    <section aria-labelledby="history-heading" className="history">
      <h2 id="history-heading">Version history</h2>
      <ErrorMessage error={error} title="Could not load the versions" />
      <ol className="versions" reversed>
        {items.map((v) => (
          <li key={v.version}>
            <button type="button" className="link" aria-pressed={shown === v.version} onClick={() => setShown(shown === v.version ? null : v.version)}>
              v{v.version}
            </button>{' '}
            saved by {v.savedBy} · {formatTime(v.savedAt)}
          </li>
        ))}
      </ol>
      {shown !== null && version.data && (
        <div>
          <h3>Changes from v{shown} to the editor</h3>
          <pre className="diff" tabIndex={0} aria-label={`Differences between version ${shown} and the editor`}>
            {diffLines(version.data.source, current).map((part, i) => (
              <span key={i} className={part.added ? 'added' : part.removed ? 'removed' : 'same'}>
                {part.value
                  .replace(/\n$/, '')
                  .split('\n')
                  .map((line) => `${part.added ? '+ ' : part.removed ? '- ' : '  '}${line}\n`)
                  .join('')}
              </span>
            ))}
          </pre>
        </div>
      )}
    </section>
  );
}
