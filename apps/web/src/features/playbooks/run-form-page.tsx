import { useMemo, useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { validateRunInputs, type InputDeclaration as LanguageInput } from '@soar/playbook/browser';
import { ApiError } from '../../api/client';
import { usePlaybook, useStartRun } from '../../api/queries';
import type { InputDeclaration, Problem } from '../../api/types';
import { ErrorMessage } from '../../ui/error-message';
import { usePermissions } from '../auth/permissions-context';
import { StatusBadge } from '../../ui/status-badge';
import { InputField } from './input-field';
import { initialFieldValue, toInputValue, type FieldValue } from './input-values';

/** Problems keyed by input name (`inputs.alert_id` → `alert_id`); the rest stay general. */
function byField(problems: Problem[]): { fields: Record<string, string>; general: Problem[] } {
  const fields: Record<string, string> = {};
  const general: Problem[] = [];
  for (const p of problems) {
    const name = /^inputs\.([A-Za-z0-9_]+)$/.exec(p.path)?.[1];
    if (name && !fields[name]) fields[name] = p.message;
    else general.push(p);
  }
  return { fields, general };
}

export function RunFormPage() {
  const { name = '' } = useParams();
  const { data: playbook, error, isPending } = usePlaybook(name);
  if (isPending) return <p className="muted">Loading the playbook…</p>;
  if (error || !playbook) return <ErrorMessage error={error} title="Could not load the playbook" />;
  return (
    <RunForm
      key={`${playbook.name}.${playbook.version}`}
      name={playbook.name}
      title={playbook.title}
      description={playbook.description}
      enabled={playbook.enabled}
      inputs={playbook.inputs}
    />
  );
}

interface RunFormProps {
  name: string;
  title: string;
  description?: string;
  enabled: boolean;
  inputs: InputDeclaration[];
}

/**
 * The form generated from the playbook's typed inputs. Values are checked as they are left and on
 * submit with the server's own rules (libs/playbook); what the server still rejects is shown at
 * its field. Starting the run opens its page.
 */
function RunForm({ name, title, description, enabled, inputs }: RunFormProps) {
  const navigate = useNavigate();
  const start = useStartRun(name);
  const { runPlaybooks } = usePermissions();
  const decls = useMemo(() => [...inputs].sort((a, b) => a.order - b.order), [inputs]);
  const [values, setValues] = useState<Record<string, FieldValue>>(() => Object.fromEntries(decls.map((d) => [d.name, initialFieldValue(d)])));
  const [touched, setTouched] = useState<Record<string, boolean>>({});
  const [serverProblems, setServerProblems] = useState<Problem[]>([]);

  const payload = () => {
    const out: Record<string, unknown> = {};
    for (const d of decls) {
      const v = toInputValue(d, values[d.name]);
      if (v !== undefined) out[d.name] = v;
    }
    return out;
  };
  const local = (() => {
    // The contract types an input's `default` as any JSON (unknown); the language's own type says JsonValue.
    const result = validateRunInputs({ inputs: decls as LanguageInput[] }, payload());
    return result.ok ? [] : result.problems;
  })();
  const localFields = byField(local).fields;
  const server = byField(serverProblems);
  const fieldError = (n: string) => (touched[n] ? localFields[n] : undefined) ?? server.fields[n];

  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    setTouched(Object.fromEntries(decls.map((d) => [d.name, true])));
    setServerProblems([]);
    if (local.length > 0) {
      const first = decls.find((d) => localFields[d.name]);
      if (first) document.getElementById(`input-${first.name}`)?.focus();
      return;
    }
    try {
      const started = await start.mutateAsync(payload());
      navigate(`/runs/${started.runId}`);
    } catch (err) {
      if (err instanceof ApiError && err.problems.length > 0) setServerProblems(err.problems);
    }
  };

  return (
    <section aria-labelledby="run-form-heading">
      <p className="crumbs">
        <Link to="/">Playbooks</Link> / {name}
      </p>
      <div className="page-head">
        <h1 id="run-form-heading">{title}</h1>
        <StatusBadge status={enabled ? 'enabled' : 'disabled'} />
      </div>
      {description && <p>{description}</p>}
      {!enabled && <p className="notice">This playbook is disabled: it starts no runs until it is enabled in the editor.</p>}
      <form className="run-form" noValidate onSubmit={submit} aria-label={`Run ${title}`}>
        {decls.length === 0 && <p className="muted">This playbook takes no inputs.</p>}
        {decls.map((d) => (
          <InputField
            key={d.name}
            decl={d}
            value={values[d.name]}
            error={fieldError(d.name)}
            onChange={(v) => {
              setValues((prev) => ({ ...prev, [d.name]: v }));
              setServerProblems((prev) => prev.filter((p) => p.path !== `inputs.${d.name}`));
            }}
            onBlur={() => setTouched((prev) => ({ ...prev, [d.name]: true }))}
          />
        ))}
        {server.general.map((p) => (
          <p key={p.path + p.message} className="field-error" role="alert">
            {p.path}: {p.message}
          </p>
        ))}
        {start.error && !(start.error instanceof ApiError && start.error.problems.length > 0) && (
          <ErrorMessage error={start.error} title="The run did not start" />
        )}
        {runPlaybooks ? (
          <div className="actions">
            <button type="submit" disabled={start.isPending || !enabled}>
              {start.isPending ? 'Starting…' : 'Start run'}
            </button>
          </div>
        ) : (
          <p className="notice">Your roles do not allow starting runs (an analyst or admin may).</p>
        )}
      </form>
    </section>
  );
}
