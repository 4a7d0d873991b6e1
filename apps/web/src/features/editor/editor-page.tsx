import { useCallback, useRef, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import type { EditorView } from 'codemirror';
import type { JSONSchema7 } from 'json-schema';
import { api, ApiError } from '../../api/client';
import { usePlaybook, useSavePlaybook, useSetEnabled } from '../../api/queries';
import type { Problem, ValidatePlaybookResponse } from '../../api/types';
import { ErrorMessage } from '../../ui/error-message';
import { StatusBadge } from '../../ui/status-badge';
import { usePermissions } from '../auth/permissions-context';
import { VersionHistory } from './version-history';
import { YamlEditor } from './yaml-editor';

const TEMPLATE = `name: my-playbook
title: My playbook
description: What it does and when to run it.
inputs:
  alert_id:
    type: string
    format: alert_id
    label: Alert id
    required: true
steps:
  - id: get_alert
    action: defender.alert.get
    with:
      alert_id: \${{ inputs.alert_id }}
`;

/** Problems of a document as the server sees them: [] when it would save. */
async function checkOnServer(doc: string): Promise<Problem[]> {
  try {
    return (await api<ValidatePlaybookResponse>('/playbooks/validate', { yaml: doc })).problems;
  } catch (error) {
    // Too large, unreadable…: shown like a problem of the whole document.
    if (error instanceof ApiError) return error.problems.length > 0 ? error.problems : [{ path: '', message: error.message }];
    throw error;
  }
}

export function EditorPage() {
  const { name } = useParams();
  const playbook = usePlaybook(name ?? '');
  const schema = useQuery({ queryKey: ['playbook-schema'], queryFn: () => api<JSONSchema7>('/schemas/playbook.schema.json'), staleTime: Infinity });
  if (name && playbook.isPending) return <p className="muted">Loading the playbook…</p>;
  if (name && playbook.error) return <ErrorMessage error={playbook.error} title="Could not load the playbook" />;
  if (schema.isPending) return <p className="muted">Loading the playbook schema…</p>;
  return (
    <Editor
      key={name ?? 'new'}
      name={name}
      source={playbook.data?.source ?? TEMPLATE}
      enabled={playbook.data?.enabled}
      version={playbook.data?.version}
      schema={schema.data}
    />
  );
}

interface EditorProps {
  name?: string;
  source: string;
  enabled?: boolean;
  version?: number;
  schema?: JSONSchema7;
}

/** YAML with schema completion, the server's problems at their line before saving, save, history. */
function Editor({ name, source, enabled, version, schema }: EditorProps) {
  const navigate = useNavigate();
  const viewRef = useRef<EditorView | null>(null);
  const [doc, setDoc] = useState(source);
  const [problems, setProblems] = useState<Problem[] | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const save = useSavePlaybook();
  const { editPlaybooks } = usePermissions();
  const setEnabled = useSetEnabled(name ?? '');

  const check = useCallback(async (text: string) => {
    const found = await checkOnServer(text);
    setProblems(found);
    return found;
  }, []);
  const onChange = useCallback((text: string) => {
    setDoc(text);
    setSaved(null);
  }, []);

  const jumpTo = (p: Problem) => {
    const view = viewRef.current;
    if (!view) return;
    const line = view.state.doc.line(Math.min(Math.max(p.line ?? 1, 1), view.state.doc.lines));
    const pos = Math.min(line.from + Math.max((p.column ?? 1) - 1, 0), line.to);
    view.dispatch({ selection: { anchor: pos }, scrollIntoView: true });
    view.focus();
  };

  const onSave = async () => {
    setSaved(null);
    try {
      const result = await save.mutateAsync(doc);
      setProblems([]);
      setSaved(result.created ? `Saved version ${result.version} of ${result.name}.` : `No change: version ${result.version} is already this document.`);
      if (result.name !== name) navigate(`/editor/${result.name}`, { replace: true });
    } catch (error) {
      if (error instanceof ApiError && error.problems.length > 0) setProblems(error.problems);
    }
  };

  return (
    <section aria-labelledby="editor-heading" className="editor-page">
      <p className="crumbs">
        <Link to="/">Playbooks</Link> / {name ?? 'new playbook'}
      </p>
      <div className="page-head">
        <h1 id="editor-heading">{name ? `Edit ${name}` : 'New playbook'}</h1>
        {name && enabled !== undefined && (
          <span className="actions">
            <StatusBadge status={enabled ? 'enabled' : 'disabled'} />
            {version !== undefined && <span className="muted">latest v{version}</span>}
            {editPlaybooks && (
              <button type="button" className="secondary" disabled={setEnabled.isPending} onClick={() => setEnabled.mutate(!enabled)}>
                {enabled ? 'Disable' : 'Enable'}
              </button>
            )}
          </span>
        )}
      </div>
      <ErrorMessage error={setEnabled.error} title="Could not change the state" />
      <p className="muted">Ctrl-Space completes keys from the playbook schema; problems are checked by the server as you type.</p>
      <YamlEditor initialDoc={source} schema={schema} check={check} onChange={onChange} viewRef={viewRef} />
      <div className="problems" aria-live="polite">
        {problems === null ? (
          <p className="muted">Checking…</p>
        ) : problems.length === 0 ? (
          <p className="ok">No problems: the server would accept this playbook.</p>
        ) : (
          <>
            <h2>
              {problems.length} problem{problems.length === 1 ? '' : 's'}
            </h2>
            <ul>
              {problems.map((p, i) => (
                <li key={i}>
                  <button type="button" className="link" onClick={() => jumpTo(p)}>
                    {p.line ? `Line ${p.line}, column ${p.column ?? 1}` : 'Document'}
                  </button>
                  : {p.path && <span className="mono">{p.path}</span>} {p.message}
                </li>
              ))}
            </ul>
          </>
        )}
      </div>
      <div className="actions">
        {/* The server has said it would refuse this document: saving waits for the fix. */}
        {editPlaybooks ? (
          <>
            <button type="button" onClick={onSave} disabled={save.isPending || (problems?.length ?? 0) > 0} aria-describedby="save-help">
              {save.isPending ? 'Saving…' : 'Save new version'}
            </button>
            <span id="save-help" className="muted">
              {(problems?.length ?? 0) > 0 ? 'Fix the problems above to save.' : 'Saving stores a new version; earlier versions are kept.'}
            </span>
          </>
        ) : (
          <span className="muted">Your roles do not allow saving playbooks (an author or admin may).</span>
        )}
        {name && (
          <Link className="button secondary" to={`/playbooks/${name}`}>
            Open run form
          </Link>
        )}
      </div>
      {saved && (
        <p className="ok" role="status">
          {saved}
        </p>
      )}
      {save.error && !(save.error instanceof ApiError && save.error.problems.length > 0) && <ErrorMessage error={save.error} title="Not saved" />}
      {name && <VersionHistory name={name} current={doc} />}
    </section>
  );
}
