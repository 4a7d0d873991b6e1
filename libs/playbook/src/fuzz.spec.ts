import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { JsonValue } from '@soar/contracts';
import { actionCatalog } from '@soar/defender';
import { stringify } from 'yaml';
import { ExpressionError, evaluateCondition, evaluateParams } from './expressions/evaluate';
import { validateRunInputs } from './inputs/validate-run-inputs';
import type { ExpressionScope } from './model';
import { parsePlaybook } from './parse-playbook';

/**
 * Seeded fuzzing of parsePlaybook: documents generated from the language's vocabulary and
 * fixtures mutated at the character level. It must never throw, never report an internal error,
 * stay fast on every input, and anything it accepts must be JSON and evaluate without crashing.
 *
 * Repeatable by default (fixed seed). Run longer with:
 *   FUZZ_SEED=12345 FUZZ_RUNS=200000 npx jest libs/playbook/src/fuzz.spec.ts
 */
const SEED = Number(process.env.FUZZ_SEED ?? 20261126);
const RUNS = Number(process.env.FUZZ_RUNS ?? 3000);
/** CPU time per document; wall time is only capped loosely because CI machines are shared. */
const MAX_CPU_MS_PER_DOC = 1000;
const MAX_WALL_MS_PER_DOC = 5000;

/** mulberry32: small, fast, good enough to explore inputs; same seed, same documents. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const fixturesDir = path.join(__dirname, '__fixtures__');
const fixtures = readdirSync(fixturesDir, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .flatMap((d) =>
    readdirSync(path.join(fixturesDir, d.name))
      .filter((f) => f.endsWith('.yaml'))
      .map((f) => readFileSync(path.join(fixturesDir, d.name, f), 'utf8')),
  );

const TOKENS = [
  '${{', '}}', '${{ steps.a.output }}', '${{ inputs.x }}', '${{ 1 + }}', '$${{', ':', ': ', '- ', '-', '[', ']', '{', '}',
  ',', '&a ', '*a', '!!str ', '!!binary ', '!foo ', '<<: ', '? ', '|', '>', '#', '%YAML 1.1\n', '---\n', '...\n', '"', "'",
  '\t', '\n', '\r\n', '  ', '    ', '\0', '\ufffd', '\ud800', '\udc00', 'é', '🚀', '\u202e', 'null', '~', 'true', '.inf', '.nan',
  '0x1F', '1e309', '123456789012345678901', 'id', 'needs', 'goto', 'on_error', 'foreach', 'items', 'with', 'if', 'always()',
  'steps', 'inputs', 'alert', 'secrets', 'run', '__proto__', 'constructor', 'core.set', 'defender.alert.get', 'a'.repeat(300),
];
const KEYS = [
  'name', 'title', 'description', 'tags', 'connection', 'inputs', 'triggers', 'steps', 'on_failure', 'outputs', 'id', 'action',
  'with', 'if', 'needs', 'foreach', 'retry', 'timeout_seconds', 'on_error', 'type', 'match', 'label', 'help', 'required',
  'default', 'pattern', 'format', 'values', 'items', 'goto', 'attempts', 'backoff', 'severity', 'title', 'as', 'concurrency',
];
const EXPRESSIONS = [
  'inputs.x', 'steps.a.output', 'steps.b.output.id', 'steps.a.status', 'alert.title', 'run.id', 'secrets.TOKEN', 'item',
  '1 / 0', "hash_type('ab')", '[1, 2].map(x, x * 2)', 'always()', 'now() + hours(1)', 'size(inputs.l)', "{'a': 1}.a", '(((1)))',
  'unknown_fn(1)', 'inputs', 'steps[inputs.x]', "'}}'", 'x.y.z', '1 +', '', '[1].map(a, [1].map(b, [1].map(c, c)))',
];

function generate(r: () => number): string {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
  const actions = [...actionCatalog.keys(), 'defender.nope', 'core.set'];
  const ids = ['a', 'b', 'c', 'd', 'handler'];
  const scalar = (): JsonValue => {
    const k = r();
    if (k < 0.35) return `${pick(['', 'x ', 'Isolate '])}\${{ ${pick(EXPRESSIONS)} }}${pick(['', ' y'])}`;
    if (k < 0.5) return pick(TOKENS);
    if (k < 0.6) return Math.floor(r() * 1000) - 10;
    if (k < 0.7) return r() < 0.5;
    if (k < 0.75) return null;
    return pick(ids);
  };
  const value = (depth: number): JsonValue => {
    if (depth > 3 || r() < 0.5) return scalar();
    if (r() < 0.5) return Array.from({ length: Math.floor(r() * 4) }, () => value(depth + 1));
    return Object.fromEntries(Array.from({ length: Math.floor(r() * 4) }, () => [pick(KEYS), value(depth + 1)]));
  };
  const step = (i: number): JsonValue => {
    const s: Record<string, JsonValue> = { id: r() < 0.9 ? ids[i % ids.length] : pick(TOKENS), action: pick(actions) };
    if (r() < 0.7) s.with = r() < 0.8 ? { alert_id: scalar(), machine_id: scalar(), comment: scalar(), values: value(1) } : value(1);
    if (r() < 0.3) s.needs = Array.from({ length: Math.floor(r() * 3) }, () => pick(ids));
    if (r() < 0.2) s.if = pick(EXPRESSIONS);
    if (r() < 0.2) s.on_error = pick<JsonValue>(['fail', 'continue', { goto: [pick(ids)] }, 'retry']);
    if (r() < 0.15) s.foreach = { items: pick(EXPRESSIONS), concurrency: Math.floor(r() * 60), as: pick(['m', 'item', 'in']) };
    if (r() < 0.15) s.retry = { attempts: Math.floor(r() * 12), backoff: pick(['fixed', 'exponential', 'x']) };
    if (r() < 0.1) s[pick(KEYS)] = value(2);
    return s;
  };
  const doc: Record<string, JsonValue> = {
    name: r() < 0.9 ? 'fuzz' : pick(TOKENS),
    title: r() < 0.9 ? 'Fuzz' : value(2),
    steps: Array.from({ length: 1 + Math.floor(r() * 5) }, (_, i) => step(i)),
  };
  if (r() < 0.4) {
    doc.inputs = {
      x: { type: pick(['string', 'number', 'list', 'enum', 'boolean', 'bad']), default: scalar(), pattern: pick(['a+', '(', '.*']) },
    };
  }
  if (r() < 0.3) doc.triggers = [{ type: 'alert', match: { severity: [pick(['High', 'Bad'])], title: [pick(TOKENS)] } }];
  if (r() < 0.2) doc.on_failure = [step(9)];
  if (r() < 0.2) doc.outputs = { o: String(scalar()) };
  if (r() < 0.1) doc[pick(KEYS)] = value(1);
  return stringify(doc);
}

function mutate(r: () => number, text: string): string {
  let out = text;
  const edits = 1 + Math.floor(r() * 6);
  for (let e = 0; e < edits; e++) {
    const at = Math.floor(r() * (out.length + 1));
    const k = r();
    if (k < 0.3) out = out.slice(0, at) + TOKENS[Math.floor(r() * TOKENS.length)] + out.slice(at);
    else if (k < 0.5) out = out.slice(0, at) + out.slice(at + 1 + Math.floor(r() * 20));
    else if (k < 0.65) out = out.slice(0, at) + String.fromCharCode(Math.floor(r() * 0x10000)) + out.slice(at + 1);
    else if (k < 0.8) {
      const from = Math.floor(r() * out.length);
      out = out.slice(0, at) + out.slice(from, from + Math.floor(r() * 80)) + out.slice(at);
    } else if (k < 0.9) {
      // Re-indent a line: YAML's structure lives in whitespace.
      const lines = out.split('\n');
      const i = Math.floor(r() * lines.length);
      lines[i] = ' '.repeat(Math.floor(r() * 8)) + lines[i].trimStart();
      out = lines.join('\n');
    } else {
      out = out.slice(0, at) + out.slice(at).replace(/\n/, '\n' + ' '.repeat(Math.floor(r() * 6)));
    }
  }
  return out;
}

const scope: ExpressionScope = {
  inputs: { x: 'v', l: [1, 2] },
  steps: Object.fromEntries(['a', 'b', 'c', 'd', 'handler'].map((id) => [id, { output: { id }, status: 'succeeded' }])),
  alert: { title: 't' },
  run: { id: 'r', playbook: 'fuzz', version: 1, started_by: 'fuzz' },
  secrets: { TOKEN: 'secret' },
  item: 1,
  now: 0,
};

function check(source: string | Uint8Array, label: string): void {
  const start = Date.now();
  const cpu = process.cpuUsage();
  let result: ReturnType<typeof parsePlaybook>;
  try {
    result = parsePlaybook(source, { catalog: actionCatalog });
  } catch (error) {
    throw new Error(`${label}: parsePlaybook threw ${String(error)}\n---\n${String(source)}`);
  }
  const used = process.cpuUsage(cpu);
  const cpuMs = (used.user + used.system) / 1000;
  const wallMs = Date.now() - start;
  if (cpuMs > MAX_CPU_MS_PER_DOC || wallMs > MAX_WALL_MS_PER_DOC) {
    throw new Error(`${label}: took ${cpuMs} ms CPU, ${wallMs} ms\n---\n${String(source).slice(0, 2000)}`);
  }
  if (!result.ok) {
    if (result.problems.length === 0) throw new Error(`${label}: failed without problems`);
    for (const p of result.problems) {
      if (p.code === 'internal_error') throw new Error(`${label}: ${p.message}\n---\n${String(source)}`);
      if (typeof p.message !== 'string' || typeof p.path !== 'string') throw new Error(`${label}: malformed problem`);
    }
    return;
  }
  const { playbook } = result;
  expect(JSON.parse(JSON.stringify(playbook))).toEqual(playbook);
  validateRunInputs(playbook, { x: 'v' });
  for (const step of [...playbook.steps, ...playbook.on_failure]) {
    try {
      evaluateParams(step.with, scope);
      if (step.if) evaluateCondition(step.if, scope);
    } catch (error) {
      if (!(error instanceof ExpressionError)) throw new Error(`${label}: evaluation threw ${String(error)}`);
    }
  }
}

describe(`parsePlaybook fuzz (seed ${SEED}, ${RUNS} runs)`, () => {
  it('never throws, never hangs, never reports an internal error', () => {
    const r = rng(SEED);
    for (let i = 0; i < RUNS; i++) {
      const kind = r();
      let source: string | Uint8Array;
      if (kind < 0.35) source = generate(r);
      else if (kind < 0.8) source = mutate(r, fixtures[Math.floor(r() * fixtures.length)]);
      else if (kind < 0.95) source = mutate(r, generate(r));
      else {
        // Raw bytes, possibly invalid UTF-8.
        const base = Buffer.from(mutate(r, fixtures[Math.floor(r() * fixtures.length)]), 'utf8');
        const bytes = Uint8Array.from(base);
        for (let k = 0; k < 3; k++) bytes[Math.floor(r() * bytes.length)] = Math.floor(r() * 256);
        source = bytes;
      }
      check(source, `run ${i} (seed ${SEED})`);
    }
  }, Math.max(60_000, RUNS * 50));
});
