import { ROLES } from '@soar/contracts';
import { SoarApiClient } from '../api-client';
import { resolveApiTarget } from '../api-target';
import type { CliContext } from '../cli-context';
import { UsageError } from '../cli-error';
import { EXIT_CODES, type ExitCode } from '../exit-codes';
import { parseCommandArgs } from '../parse-command-args';
import { HELP } from './help';

const API = { api: { type: 'string' }, token: { type: 'string' } } as const;

/** `soar keys create|list|revoke`: API keys for automation (admin). */
export async function keysCommand(args: string[], ctx: CliContext): Promise<ExitCode> {
  const [sub, ...rest] = args;
  if (sub === undefined || sub === '-h' || sub === '--help') {
    ctx.out(HELP.keys);
    return sub === undefined ? EXIT_CODES.error : EXIT_CODES.ok;
  }
  if (sub === 'create') return create(rest, ctx);
  if (sub === 'list') return list(rest, ctx);
  if (sub === 'revoke') return revoke(rest, ctx);
  throw new UsageError('keys', `unknown keys command ${sub}; use create, list or revoke`);
}

async function create(args: string[], ctx: CliContext): Promise<ExitCode> {
  const { values, positionals } = parseCommandArgs('keys', args, { ...API, name: { type: 'string' }, roles: { type: 'string' }, expires: { type: 'string' } });
  if (values.help) {
    ctx.out(HELP.keys);
    return EXIT_CODES.ok;
  }
  if (positionals.length) throw new UsageError('keys', `unexpected ${positionals[0]}; give the name with --name`);
  if (!values.name) throw new UsageError('keys', 'give the key a name with --name, e.g. --name nightly-report');
  if (!values.roles) throw new UsageError('keys', `give its roles with --roles, comma separated (${ROLES.join(', ')})`);
  const roles = values.roles.split(',').map((r) => r.trim()).filter(Boolean);
  const unknown = roles.filter((r) => !(ROLES as readonly string[]).includes(r));
  if (unknown.length) throw new UsageError('keys', `unknown role ${unknown.join(', ')}; roles are ${ROLES.join(', ')}`);
  const client = new SoarApiClient(resolveApiTarget('keys', values, ctx.env));
  const result = await client.createApiKey({ name: values.name, roles: roles as (typeof ROLES)[number][], ...(values.expires ? { expiresAt: values.expires } : {}) });
  if (!result.ok) {
    ctx.err(`soar keys create: ${result.error.message} [${result.error.code}]`);
    for (const p of result.error.problems ?? []) ctx.err(`  ${p.path}: ${p.message}`);
    return EXIT_CODES.error;
  }
  const k = result.value;
  ctx.err(`key ${k.name} (${k.id}) created with roles ${k.roles.join(', ')}${k.expiresAt ? `, expires ${k.expiresAt}` : ', never expires'}.`);
  ctx.err('It is shown this once and stored only as a hash; keep it now:');
  // The key alone on stdout, so `soar keys create ... > key.txt` or `$(...)` captures only it.
  ctx.out(k.key);
  return EXIT_CODES.ok;
}

async function list(args: string[], ctx: CliContext): Promise<ExitCode> {
  const { values, positionals } = parseCommandArgs('keys', args, API);
  if (values.help) {
    ctx.out(HELP.keys);
    return EXIT_CODES.ok;
  }
  if (positionals.length) throw new UsageError('keys', `unexpected ${positionals[0]}; soar keys list takes no arguments`);
  const { items } = await new SoarApiClient(resolveApiTarget('keys', values, ctx.env)).listApiKeys();
  for (const k of items) {
    const state = k.revokedAt ? `revoked ${k.revokedAt}` : k.expiresAt && Date.parse(k.expiresAt) <= Date.now() ? `expired ${k.expiresAt}` : k.expiresAt ? `expires ${k.expiresAt}` : 'never expires';
    ctx.out(`${k.id}  ${k.name}  ${k.roles.join('+')}  ${state}  last used ${k.lastUsedAt ?? 'never'}  created by ${k.createdBy} ${k.createdAt}`);
  }
  if (items.length === 0) ctx.err('no stored API keys (keys from API_KEYS are not listed)');
  return EXIT_CODES.ok;
}

async function revoke(args: string[], ctx: CliContext): Promise<ExitCode> {
  const { values, positionals } = parseCommandArgs('keys', args, API);
  if (values.help) {
    ctx.out(HELP.keys);
    return EXIT_CODES.ok;
  }
  if (positionals.length !== 1) throw new UsageError('keys', 'name exactly one key id (see soar keys list)');
  const result = await new SoarApiClient(resolveApiTarget('keys', values, ctx.env)).revokeApiKey(positionals[0]!);
  if (!result.ok) {
    ctx.err(`soar keys revoke: ${result.error.message} [${result.error.code}]`);
    return EXIT_CODES.error;
  }
  ctx.out(`key ${result.value.name} (${result.value.id}) revoked ${result.value.revokedAt}`);
  return EXIT_CODES.ok;
}
