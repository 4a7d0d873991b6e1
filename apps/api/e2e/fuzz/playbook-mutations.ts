import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createPrng, type Prng } from '../chaos/prng';
import type { FuzzCase } from './fuzz-harness';

const repo = path.resolve(__dirname, '../../../..');

/** Seeds: the built-in playbooks and the language's valid fixtures (realistic, deep structure). */
export function seedPlaybooks(): string[] {
  const dirs = [path.join(repo, 'workflows'), path.join(repo, 'libs/playbook/src/__fixtures__/valid')];
  return dirs.flatMap((dir) => readdirSync(dir).filter((f) => f.endsWith('.yaml')).map((f) => readFileSync(path.join(dir, f), 'utf8')));
}

/**
 * Fragments an attacker with an API key would try: YAML syntax and tags, anchors and merge keys,
 * expressions (costly macros, secrets, unknown names), odd numbers and Unicode, prototype keys.
 * NUL and lone surrogates included: the API answers 400 naming where they are (issue 12, item 9).
 */
const TOKENS = [
  '${{', '}}', '${{ steps.a.output }}', '${{ inputs.alert_id }}', '${{ 1 + }}', '$${{', '${{ secrets.X }}', '${{ secrets.TOKEN.upper() }}',
  "${{ [1,2,3].map(x, [1,2,3].map(y, [1,2,3].map(z, z))) }}", '${{ inputs.l.filter(x, inputs.l.exists(y, y == -1)) }}',
  ':', ': ', '- ', '[', ']', '{', '}', ',', '&a ', '*a', '<<: *a', '!!str ', '!!binary ', '!!python/object ', '!foo ', '? ', '|', '>',
  '#', '%YAML 1.1\n', '---\n', '...\n', '"', "'", '\t', '\n', '\r\n', '  ', '    ', '\ufffd', '\0', '\ud800', 'é', '🚀', '\u202e', '\u2028', 'null', '~',
  'true', '.inf', '-.nan', '0x1F', '0o17', '1e309', '-0', '123456789012345678901234567890', '9007199254740993', 'id', 'needs', 'goto',
  'on_error', 'foreach', 'items', 'with', 'if', 'always()', '__proto__', 'constructor', 'prototype', 'core.set', 'core.webhook',
  'core.playbook', 'defender.alert.get', 'a'.repeat(500), 'timeout_seconds: 0', 'timeout_seconds: 99999999', 'retry: { attempts: 1000 }',
];

type Mutation = (doc: string, r: Prng) => string;

const at = (doc: string, r: Prng) => r.int(0, doc.length);
const MUTATIONS: Record<string, Mutation> = {
  'insert-token': (d, r) => {
    const i = at(d, r);
    return d.slice(0, i) + r.pick(TOKENS) + d.slice(i);
  },
  'delete-range': (d, r) => {
    const i = at(d, r);
    return d.slice(0, i) + d.slice(i + r.int(1, 40));
  },
  'flip-char': (d, r) => {
    const i = at(d, r);
    return d.slice(0, i) + String.fromCharCode(r.int(1, 0x7e)) + d.slice(i + 1);
  },
  'duplicate-line': (d, r) => {
    const lines = d.split('\n');
    const i = r.int(0, lines.length - 1);
    lines.splice(i, 0, lines[i]!);
    return lines.join('\n');
  },
  'swap-lines': (d, r) => {
    const lines = d.split('\n');
    const [i, j] = [r.int(0, lines.length - 1), r.int(0, lines.length - 1)];
    [lines[i], lines[j]] = [lines[j]!, lines[i]!];
    return lines.join('\n');
  },
  'reindent-line': (d, r) => {
    const lines = d.split('\n');
    const i = r.int(0, lines.length - 1);
    lines[i] = ' '.repeat(r.int(0, 12)) + lines[i]!.trimStart();
    return lines.join('\n');
  },
  'replace-value': (d, r) => {
    const lines = d.split('\n');
    const i = r.int(0, lines.length - 1);
    lines[i] = lines[i]!.replace(/:\s.*$/, `: ${r.pick(TOKENS)}`);
    return lines.join('\n');
  },
  'deep-nesting': (d, r) => {
    const depth = r.int(10, 400);
    return `${d}\nextra: ${'['.repeat(depth)}1${']'.repeat(depth)}\n`;
  },
  'alias-bomb': (d) => `${d}\nx0: &a0 [1,1,1,1,1,1,1,1,1]\nx1: &a1 [*a0,*a0,*a0,*a0,*a0,*a0,*a0,*a0,*a0]\nx2: &a2 [*a1,*a1,*a1,*a1,*a1,*a1,*a1,*a1,*a1]\nx3: [*a2,*a2,*a2,*a2,*a2,*a2,*a2,*a2,*a2]\n`,
  'many-steps': (d, r) => `${d}\n${Array.from({ length: r.int(50, 400) }, (_, k) => `  - { id: s${k}, action: core.set, with: { values: { v: "\${{ steps.s${Math.max(0, k - 1)}.output }}" } } }`).join('\n')}\n`,
  'truncate': (d, r) => d.slice(0, at(d, r)),
};

/** A unique name per case, so valid documents create new playbooks instead of colliding. */
const renamed = (doc: string, n: number) => doc.replace(/^name:.*$/m, `name: fuzz-${n}`);

/** `count` seeded cases: each a seed playbook with 1–4 mutations, POSTed as YAML. */
export function* mutatedPlaybookCases(seed: string | number, count: number): Generator<FuzzCase> {
  const r = createPrng(`playbooks:${seed}`);
  const seeds = seedPlaybooks();
  const names = Object.keys(MUTATIONS);
  for (let n = 0; n < count; n++) {
    let doc = renamed(r.pick(seeds), n);
    const applied: string[] = [];
    for (let k = r.int(1, 4); k > 0; k--) {
      const name = r.pick(names);
      applied.push(name);
      doc = MUTATIONS[name]!(doc, r);
    }
    yield { label: `playbook#${n} ${applied.join('+')}`, method: 'POST', path: '/api/playbooks', headers: { 'content-type': 'application/yaml' }, body: doc };
  }
}
