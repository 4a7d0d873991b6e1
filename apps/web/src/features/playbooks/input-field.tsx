import type { InputDeclaration } from '../../api/types';
import type { FieldValue } from './input-values';

interface Props {
  decl: InputDeclaration;
  value: FieldValue;
  error?: string;
  onChange(value: FieldValue): void;
  onBlur(): void;
}

/** One run-form field generated from an input declaration: label, help, required mark, inline error. */
export function InputField({ decl, value, error, onChange, onBlur }: Props) {
  const id = `input-${decl.name}`;
  const helpId = decl.help ? `${id}-help` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [helpId, errorId].filter(Boolean).join(' ') || undefined;
  const common = { id, name: decl.name, onBlur, 'aria-invalid': error ? true : undefined, 'aria-describedby': describedBy } as const;

  const label = (
    <label htmlFor={id}>
      {decl.label}
      {decl.required && (
        <span aria-hidden="true" className="required">
          {' '}
          *
        </span>
      )}
      {decl.required && <span className="visually-hidden"> (required)</span>}
    </label>
  );
  let control;
  switch (decl.type) {
    case 'boolean':
      return (
        <div className={`field checkbox ${error ? 'invalid' : ''}`}>
          <input {...common} type="checkbox" checked={value === true} onChange={(e) => onChange(e.target.checked)} />
          {label}
          {decl.help && (
            <p id={helpId} className="help">
              {decl.help}
            </p>
          )}
          {error && (
            <p id={errorId} className="field-error">
              {error}
            </p>
          )}
        </div>
      );
    case 'enum':
      control = (
        <select {...common} required={decl.required} value={String(value)} onChange={(e) => onChange(e.target.value)}>
          {(!decl.required || decl.default === undefined) && <option value="">— choose —</option>}
          {(decl.values ?? []).map((v) => (
            <option key={v} value={v}>
              {v}
            </option>
          ))}
        </select>
      );
      break;
    case 'list':
      control = <textarea {...common} rows={4} value={String(value)} onChange={(e) => onChange(e.target.value)} placeholder="one per line" />;
      break;
    case 'number':
      control = <input {...common} type="text" inputMode="decimal" value={String(value)} onChange={(e) => onChange(e.target.value)} />;
      break;
    default:
      control = <input {...common} type="text" spellCheck={false} autoComplete="off" value={String(value)} onChange={(e) => onChange(e.target.value)} />;
  }
  return (
    <div className={`field ${error ? 'invalid' : ''}`}>
      {label}
      {control}
      {decl.help && (
        <p id={helpId} className="help">
          {decl.help}
          {decl.type === 'list' ? ' One value per line.' : ''}
        </p>
      )}
      {error && (
        <p id={errorId} className="field-error">
          {error}
        </p>
      )}
    </div>
  );
}
