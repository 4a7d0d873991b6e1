import { readFileSync } from 'node:fs';
import { MIN_SECRET_LENGTH } from '@soar/playbook';

const SECRET_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

/** Thrown when the secrets file is unusable; its message names entries, never values. */
export class PlaybookSecretsFileError extends Error {
  constructor(file: string, problems: string[]) {
    super(`PLAYBOOK_SECRETS_FILE ${file}: ${problems.join('; ')}`);
    this.name = 'PlaybookSecretsFileError';
  }
}

/**
 * Playbook secrets (`${{ secrets.NAME }}`) from a JSON file of name → value (a mounted secret, so
 * values never sit in the environment). The API only uses the names, to reject unknown ones when
 * a playbook is saved; the worker uses the values and masks them wherever they could be stored.
 *
 * Every problem names the secret (or the position in the file), never any part of a value: the
 * message ends up in start-up logs. Values shorter than `MIN_SECRET_LENGTH` are refused, since
 * masking replaces substrings and a short value would be "found" inside unrelated text.
 */
export function loadPlaybookSecrets(file: string | undefined): Record<string, string> {
  if (!file) return {};
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new PlaybookSecretsFileError(file, [`cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`]);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    // JSON.parse quotes the text around the error, i.e. part of a secret: report the position only.
    throw new PlaybookSecretsFileError(file, [`is not valid JSON${positionOf(error, text)}; expected {"NAME": "value", ...}`]);
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw new PlaybookSecretsFileError(file, ['must be a JSON object of {"NAME": "value", ...}']);
  }
  const problems: string[] = [];
  const secrets: Record<string, string> = {};
  for (const [index, [name, value]] of Object.entries(data as Record<string, unknown>).entries()) {
    // A malformed name may be a value pasted in the wrong place: count it, do not print it.
    const label = SECRET_NAME.test(name) ? name : `entry #${index + 1}`;
    if (!SECRET_NAME.test(name)) problems.push(`${label}: a secret name is an identifier (letters, digits, _)`);
    else if (typeof value !== 'string') problems.push(`${label}: the value must be a string`);
    else if (value.length < MIN_SECRET_LENGTH) problems.push(`${label}: the value is shorter than ${MIN_SECRET_LENGTH} characters`);
    else secrets[name] = value;
  }
  if (problems.length) throw new PlaybookSecretsFileError(file, problems);
  return secrets;
}

function positionOf(error: unknown, text: string): string {
  const match = /position (\d+)/.exec((error as Error).message ?? '');
  if (!match) return '';
  const offset = Number(match[1]);
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  return ` at line ${line}, column ${column}`;
}
