import { signIntakeBody } from '@soar/intake';
import { createPrng, type Prng } from '../chaos/prng';
import type { FuzzCase } from './fuzz-harness';

/** What the running API needs to be reached past its guards: a key, the intake secret, a stored playbook. */
export interface RequestFuzzTarget {
  apiKey: string;
  intakeSecret: string;
  playbook: string;
}

/** A JSON value written verbatim (numbers JSON.stringify cannot produce, such as `1e999`). */
class Raw {
  constructor(readonly text: string) {}
}
type Json = null | boolean | number | string | Raw | Json[] | { [key: string]: Json };

function toJson(value: Json): string {
  if (value instanceof Raw) return value.text;
  if (Array.isArray(value)) return `[${value.map(toJson).join(',')}]`;
  if (value !== null && typeof value === 'object') return `{${Object.entries(value).map(([k, v]) => `${JSON.stringify(k)}:${toJson(v)}`).join(',')}}`;
  // JSON.stringify escapes NUL as \u0000 and a lone surrogate as \ud800: JSON.parse restores them.
  return JSON.stringify(value);
}

/** Strings a hostile client sends: NUL, lone surrogates, control and bidi characters, huge and odd text. */
const HOSTILE_STRINGS = [
  '\0', 'a\0b', '\ud800', '\udfff', 'x\ud83d', '\ud800\0', '', ' ', '\u202e', '\u2028', '\ufeff', '🚀', 'é', '\x7f', '\x1b[31m',
  '../../etc/passwd', '%00', "'; drop table runs; --", '${{ secrets.X }}', '__proto__', 'constructor', 'null', 'NaN',
  '0000-00-00', '+275760-09-13T00:00:00.000Z', '2026-13-45T99:99:99Z', '00000000-0000-0000-0000-00000000000g', 'a'.repeat(5000),
  'da638712004817339522_-1183920117', 'approve', 'reject', 'commercial', 'https://evil.example', 'http://127.0.0.1:1/',
];
const HUGE_NUMBERS = ['1e999', '-1e999', '123456789012345678901234567890', '9007199254740993', '-0', '1e-999', '0.0000000000000000000000001', '2147483648'];

function deep(r: Prng): Raw {
  const depth = r.int(50, 5000);
  return r.chance(0.5) ? new Raw(`${'['.repeat(depth)}1${']'.repeat(depth)}`) : new Raw(`${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`);
}

/** Any value of the wrong shape, type or size. */
function hostileValue(r: Prng, depth = 0): Json {
  switch (r.int(0, 9)) {
    case 0:
    case 1:
      return r.pick(HOSTILE_STRINGS);
    case 2:
      return new Raw(r.pick(HUGE_NUMBERS));
    case 3:
      return r.pick([null, true, false, 0, -1, 1.5, Number.MAX_SAFE_INTEGER]);
    case 4:
      return depth < 3 ? Array.from({ length: r.int(0, 4) }, () => hostileValue(r, depth + 1)) : [];
    case 5:
      return depth < 3 ? { [r.pick(['__proto__', 'constructor', 'a', '\0', '\ud800', ''])]: hostileValue(r, depth + 1) } : {};
    case 6:
      return deep(r);
    case 7:
      return Array.from({ length: r.int(1000, 20_000) }, (_, i) => i);
    default:
      return r.pick(HOSTILE_STRINGS).repeat(r.int(1, 50));
  }
}

type JsonObject = { [key: string]: Json };
/** Structural mutations of a valid body: a field replaced, removed, added, or the body replaced by something else. */
function mutateBody(body: JsonObject, r: Prng): Json {
  const keys = Object.keys(body);
  switch (r.int(0, 6)) {
    case 0: {
      const k = r.pick(keys);
      return { ...body, [k]: hostileValue(r) };
    }
    case 1: {
      const copy = { ...body };
      delete copy[r.pick(keys)];
      return copy;
    }
    case 2:
      return { ...body, [r.pick(['extra', '__proto__', 'constructor', '\0', '\ud800', 'x'.repeat(300)])]: hostileValue(r) };
    case 3: {
      // Inside a nested object (inputs, an alert's fields).
      const k = r.pick(keys);
      const inner = body[k];
      if (inner !== null && typeof inner === 'object' && !Array.isArray(inner) && !(inner instanceof Raw)) return { ...body, [k]: mutateBody(inner, r) };
      return { ...body, [k]: hostileValue(r) };
    }
    case 4:
      return hostileValue(r);
    case 5:
      return [body, body];
    default:
      return body;
  }
}

/** Text-level damage after serialising: truncation, a stray byte, a NUL outside a string. */
function damageText(text: string, r: Prng): string {
  if (!r.chance(0.25)) return text;
  const i = r.int(0, text.length);
  switch (r.int(0, 3)) {
    case 0:
      return text.slice(0, i);
    case 1:
      return text.slice(0, i) + r.pick(['\0', '\ud800', '}', ',', '"', '\\', '\\u00', '\\ud800', 'NaN', '\x01']) + text.slice(i);
    case 2:
      return `\ufeff${text}`;
    default:
      return `${text}${text}`;
  }
}

/** Values for path segments: mostly valid, else hostile (percent-encoded so the request line stays legal). */
function pathSegment(valid: string, r: Prng): string {
  if (r.chance(0.7)) return valid;
  return r.pick(['%00', '%ED%A0%80', '%FF', '..', '%2e%2e', 'a'.repeat(2000), encodeURIComponent('x\0'), uuidLike(r), '%F0%9F%9A%80', 'Name', '-']);
}
/** A seeded v4-shaped UUID, so the same seed sends the same requests. */
function seededUuid(r: Prng): string {
  const hex = Array.from({ length: 32 }, () => r.int(0, 15).toString(16)).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20)}`;
}
function uuidLike(r: Prng): string {
  return r.pick(['00000000-0000-0000-0000-000000000000', 'ffffffff-ffff-ffff-ffff-ffffffffffff', '12345678-1234-1234-1234-12345678901z', '{00000000-0000-0000-0000-000000000000}', seededUuid(r).toUpperCase()]);
}

/** Query values for GET /api/runs, already encoded: hostile UTF-8 bytes, odd cursors, arrays and objects via qs syntax. */
function queryValue(name: string, r: Prng): string {
  const randomUUID = () => seededUuid(r);
  const cursor = (text: string) => Buffer.from(text).toString('base64url');
  const byName: Record<string, string[]> = {
    limit: ['1', '200', '201', '0', '-1', '1e3', '1e999', '9007199254740993', 'NaN', 'Infinity', '0x10', '1.5', ' 5', ''],
    cursor: [
      cursor(`2026-01-01T00:00:00.000Z|${randomUUID()}`),
      cursor(`+275760-09-13T00:00:00.000Z|${randomUUID()}`),
      cursor('2026-01-01T00:00:00.000Z|00000000-0000-0000-0000-00000000000g'),
      cursor('2026-01-01T00:00:00.000Z|\0'),
      cursor('|'),
      cursor('a|b|c'),
      '!!!',
      'a'.repeat(201),
      '',
    ],
    status: ['queued', 'running', 'succeeded', 'RUNNING', ''],
    outcome: ['success', 'failure', 'x', ''],
    playbook: ['enrich-alert', 'Enrich', 'a'.repeat(300), ''],
  };
  const hostile = ['%00', '%ED%A0%80', '%C0%80', '%FF', '%', '%zz', '%2500', encodeURIComponent('\u202e'), encodeURIComponent('🚀')];
  return r.chance(0.6) ? encodeURIComponent(r.pick(byName[name] ?? [''])) : r.pick(hostile);
}
function runsQuery(r: Prng): string {
  const names = ['limit', 'cursor', 'status', 'outcome', 'playbook'];
  const parts: string[] = [];
  for (let k = r.int(0, 4); k > 0; k--) {
    const name = r.chance(0.9) ? r.pick(names) : r.pick(['unknown', '__proto__', 'constructor[prototype]', '%00', '']);
    const shape = r.int(0, 9);
    // qs turns `a[]=` into an array and `a[b]=` into an object: wrong types through the query string.
    const key = shape === 0 ? `${name}[]` : shape === 1 ? `${name}[x]` : name;
    parts.push(`${key}=${queryValue(name, r)}`);
    if (r.chance(0.1)) parts.push(`${key}=${queryValue(name, r)}`);
  }
  return parts.length ? `?${parts.join('&')}` : r.pick(['', '?', '?&&', '?=', '?a']);
}

/** Header values as bytes can carry them (latin-1, no CR, LF or NUL, which clients refuse to send). */
const CONTENT_TYPES = [
  'application/json',
  'application/json; charset=utf-8',
  'application/json; charset=utf-16',
  'application/json; charset=latin1',
  'application/json; charset=bogus',
  'text/plain',
  'application/yaml',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/vnd.api+json',
  'application/json, text/plain',
  '*/*',
  '',
  ';;;',
  'application/json; ' + 'a=b; '.repeat(200),
];
function authorization(apiKey: string, r: Prng): string | undefined {
  return r.weighted<string | undefined>([
    [`Bearer ${apiKey}`, 70],
    [undefined, 5],
    ['Bearer ', 3],
    ['Bearer', 2],
    [`bearer ${apiKey}`, 2],
    [`Bearer ${apiKey} ${apiKey}`, 2],
    [`Basic ${Buffer.from(`a:${apiKey}`).toString('base64')}`, 2],
    [`Bearer ${apiKey.slice(0, -1)}`, 3],
    [`Bearer ${'k'.repeat(r.int(100, 8000))}`, 3],
    ['Bearer \xff\xfe\x80', 3],
    [`Bearer ${apiKey}\t`, 2],
  ]);
}

type Route = 'startRun' | 'saveConnection' | 'decideApproval' | 'intake' | 'listRuns';
const ROUTES: readonly (readonly [Route, number])[] = [
  ['startRun', 3],
  ['saveConnection', 2],
  ['decideApproval', 2],
  ['intake', 3],
  ['listRuns', 3],
];

function seedBody(route: Route, r: Prng): Json {
  const randomUUID = () => seededUuid(r);
  switch (route) {
    case 'startRun':
      return { inputs: { alert_id: 'da638712004817339522_-1183920117', lookback_hours: 24 } };
    case 'saveConnection':
      return { tenantId: randomUUID(), clientId: randomUUID(), clientSecret: 'fuzz-secret-value-123', cloud: 'commercial' };
    case 'decideApproval':
      return { decision: r.pick(['approve', 'reject']), comment: 'checked' };
    default: {
      const alert: JsonObject = { id: `da${r.int(1, 1e9)}_-1`, lastUpdateTime: '2026-12-01T08:00:00Z', severity: 'High', machineId: 'a'.repeat(40) };
      return r.pick<Json>([alert, [alert, alert], { value: [alert] }, { id: alert.id!, lastUpdateDateTime: '2026-12-01T08:00:00Z', providerAlertId: 'p1', serviceSource: 'microsoftDefenderForEndpoint' }]);
    }
  }
}

/**
 * `count` seeded requests against the JSON routes an attacker with an API key reaches: mutated
 * bodies (NUL, lone surrogates, huge numbers, deep nesting, wrong types), query strings of
 * GET /api/runs, and the headers the edge reads (Content-Type, Authorization, X-Soar-Signature).
 */
export function* mutatedRequestCases(seed: string | number, count: number, target: RequestFuzzTarget): Generator<FuzzCase> {
  const r = createPrng(`requests:${seed}`);
  for (let n = 0; n < count; n++) {
    const route = r.weighted(ROUTES);
    const headers: Record<string, string> = {};
    const auth = authorization(target.apiKey, r);
    if (auth !== undefined) headers.authorization = auth;
    if (r.chance(0.05)) headers['content-encoding'] = r.pick(['gzip', 'deflate', 'br', 'identity', 'x-unknown']);
    if (r.chance(0.05)) headers.accept = r.pick(['text/event-stream', 'application/xml', '*/*;q=bogus', '\xff']);
    if (route === 'listRuns') {
      yield { label: `request#${n} GET /api/runs`, method: 'GET', path: `/api/runs${runsQuery(r)}`, headers };
      continue;
    }
    const valid = seedBody(route, r);
    const mutated = r.chance(0.85) ? mutateBody(valid as JsonObject, r) : valid;
    let body = damageText(toJson(mutated), r);
    headers['content-type'] = r.chance(0.75) ? 'application/json' : r.pick(CONTENT_TYPES);
    if (r.chance(0.05)) body = '';
    let path: string;
    let method = 'POST';
    switch (route) {
      case 'startRun':
        path = `/api/playbooks/${pathSegment(target.playbook, r)}/runs`;
        break;
      case 'saveConnection':
        method = 'PUT';
        path = `/api/connections/${pathSegment(`fuzz-${r.int(0, 20)}`, r)}`;
        break;
      case 'decideApproval':
        path = `/api/approvals/${pathSegment(seededUuid(r), r)}/decision`;
        break;
      default: {
        path = `/api/intake/alerts${r.chance(0.8) ? '' : `?connection=${queryValue('playbook', r)}`}`;
        // Signed deliveries: a valid signature most of the time (so the body reaches validation), else a damaged one.
        if (r.chance(0.6)) {
          delete headers.authorization;
          const timestamp = r.weighted<string>([
            [String(Math.floor(Date.now() / 1000)), 8],
            ['0', 1],
            ['-1', 1],
            ['99999999999999999999', 1],
            ['1e10', 1],
            ['', 1],
            ['\xff', 1],
          ]);
          const signature = signIntakeBody(target.intakeSecret, timestamp, body);
          headers['x-soar-timestamp'] = timestamp;
          headers['x-soar-signature'] = r.weighted<string>([
            [signature, 8],
            [signature.toUpperCase(), 1],
            [signature.slice(0, -2), 1],
            ['sha256=', 1],
            ['', 1],
            ['\xff'.repeat(64), 1],
            ['a'.repeat(r.int(100, 6000)), 1],
          ]);
        }
      }
    }
    yield { label: `request#${n} ${method} ${route}`, method, path, headers, body };
  }
}
