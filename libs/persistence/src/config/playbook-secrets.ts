import { readFileSync } from 'node:fs';
import { z } from 'zod';

const secretsFileSchema = z.record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]{0,63}$/, 'a secret name is an identifier'), z.string().min(1));

/**
 * Playbook secrets (`${{ secrets.NAME }}`) from a JSON file of name → value (a mounted secret, so
 * values never sit in the environment). The API only uses the names, to reject unknown ones when
 * a playbook is saved; the worker uses the values and masks them wherever they could be stored.
 */
export function loadPlaybookSecrets(file: string | undefined): Record<string, string> {
  if (!file) return {};
  const parsed = secretsFileSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) {
    // Name the bad entries, never the values.
    throw new Error(`PLAYBOOK_SECRETS_FILE ${file}: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(file)'}: ${i.message}`).join('; ')}`);
  }
  return parsed.data;
}
