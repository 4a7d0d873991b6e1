import type { InputDeclaration, JsonValue } from '../../api/types';

/** What a form field holds: text for text-like inputs, a flag for booleans. */
export type FieldValue = string | boolean;

/** The field's starting value from the declared default. */
export function initialFieldValue(decl: InputDeclaration): FieldValue {
  const d = decl.default;
  if (decl.type === 'boolean') return d === true;
  if (d === undefined || d === null) return '';
  if (decl.type === 'list' && Array.isArray(d)) return d.map((v) => String(v)).join('\n');
  return String(d);
}

/**
 * The JSON the API expects from the field's value. Empty text means "not given" (the server then
 * applies the default or reports the input as required); text that is not a number is sent as
 * text so the shared rules say "expected a number" rather than the form guessing.
 */
export function toInputValue(decl: InputDeclaration, value: FieldValue): JsonValue | undefined {
  if (typeof value === 'boolean') return value;
  if (decl.type === 'list') {
    const items = value
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean);
    if (items.length === 0) return undefined;
    return items.map((item) => (decl.items?.type === 'number' ? asNumber(item) : decl.items?.type === 'boolean' ? asBoolean(item) : item));
  }
  const text = decl.type === 'string' ? value : value.trim();
  if (text === '') return undefined;
  return decl.type === 'number' ? asNumber(text) : text;
}

const asNumber = (text: string): JsonValue => (text.trim() !== '' && Number.isFinite(Number(text)) ? Number(text) : text);
const asBoolean = (text: string): JsonValue => (text === 'true' ? true : text === 'false' ? false : text);
