import { actionCatalog } from '@soar/defender';
import { parsePlaybook } from '../parse-playbook';
import { PROBLEM_CODES } from '../problems';

const parse = (source: string | Uint8Array, maxBytes?: number) => parsePlaybook(source, { catalog: actionCatalog, maxBytes });
const codes = (source: string | Uint8Array, maxBytes?: number) => {
  const r = parse(source, maxBytes);
  return r.ok ? [] : r.problems.map((p) => `${p.code} ${p.line}:${p.column}`);
};
const timed = <T>(fn: () => T): [T, number] => {
  const start = Date.now();
  const value = fn();
  return [value, Date.now() - start];
};

const VALID = `name: ok
title: OK
steps:
  - id: a
    action: defender.alert.get
    with: { alert_id: x }
`;

describe('hostile input', () => {
  it('accepts the baseline document', () => {
    expect(parse(VALID).ok).toBe(true);
  });

  it('refuses files over the size limit (default 256 KiB) before parsing', () => {
    expect(codes(VALID + `# ${'x'.repeat(256 * 1024)}\n`)).toEqual([`${PROBLEM_CODES.tooLarge} 1:1`]);
    expect(codes(VALID, 50)).toEqual([`${PROBLEM_CODES.tooLarge} 1:1`]);
    // Multi-byte characters count as bytes, not characters.
    expect(codes(`${VALID}# ${'é'.repeat(100)}\n`, VALID.length + 150)).toEqual([`${PROBLEM_CODES.tooLarge} 1:1`]);
  });

  it('stops alias bombs', () => {
    const bomb = [
      'a: &a [x, x, x, x, x, x, x, x, x, x]',
      'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]',
      'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]',
      'd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]',
      'e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]',
      'f: [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]',
    ].join('\n');
    const [result, ms] = timed(() => codes(bomb));
    expect(result).toEqual([expect.stringMatching(/^too_many_nodes /)]);
    expect(ms).toBeLessThan(2000);
  });

  it('accepts a few aliases (reuse is legitimate)', () => {
    const reuse = `${VALID}  - id: b\n    action: defender.alert.get\n    with: &w { alert_id: y }\n  - id: c\n    action: defender.alert.get\n    with: *w\n`;
    expect(parse(reuse).ok).toBe(true);
  });

  it.each([
    ['flow sequences', '['.repeat(100_000) + ']'.repeat(100_000)],
    ['flow maps', '{a: '.repeat(20_000) + '1' + '}'.repeat(20_000)],
    ['compact block sequences', `${'- '.repeat(50_000)}x`],
    ['indented block maps', Array.from({ length: 300 }, (_, i) => `${' '.repeat(i)}k:`).join('\n') + ' x'],
  ])('refuses deep nesting of %s quickly', (_name, source) => {
    const [result, ms] = timed(() => codes(source));
    expect(result).toEqual([expect.stringMatching(/^too_deep /)]);
    expect(ms).toBeLessThan(3000);
  });

  it('accepts nesting up to the limit (64) and refuses one more level', () => {
    // root map, steps list, step map, with map, values map: 5 levels before the value.
    const doc = (lists: number) =>
      `${VALID}  - id: s\n    action: core.set\n    with: { values: { v: ${'['.repeat(lists)}1${']'.repeat(lists)} } }\n`;
    expect(parse(doc(59)).ok).toBe(true);
    expect(codes(doc(60))).toEqual([expect.stringMatching(/^too_deep 9:/)]);
  });

  it.each([
    ['invalid UTF-8 bytes', Uint8Array.from([...Buffer.from('name: a\ntitle: '), 0xc3, 0x28, 0x0a]), 'invalid_encoding 2:8'],
    ['overlong UTF-8', Uint8Array.from([...Buffer.from('name: '), 0xc0, 0xaf]), 'invalid_encoding 1:7'],
    ['UTF-8 encoded surrogate', Uint8Array.from([...Buffer.from('a: '), 0xed, 0xa0, 0x80]), 'invalid_encoding 1:4'],
    ['truncated sequence', Uint8Array.from([...Buffer.from('a: '), 0xe2, 0x82]), 'invalid_encoding 1:4'],
    ['UTF-16 BOM', Uint8Array.from([0xff, 0xfe, 0x6e, 0x00]), 'invalid_encoding 1:1'],
    ['replacement character in a string', 'name: a\ntitle: caf\ufffd\n', 'invalid_encoding 2:11'],
    ['lone surrogate in a string', 'name: a\ntitle: x\ud800y\n', 'invalid_encoding 2:9'],
    ['escaped lone surrogate', 'name: a\ntitle: "\\ud800"\n', 'invalid_encoding 2:8'],
  ])('refuses %s', (_name, source, expected) => {
    expect(codes(source)).toEqual([expected]);
  });

  it('accepts valid UTF-8 bytes with a BOM and multi-byte text', () => {
    const bytes = Uint8Array.from([0xef, 0xbb, 0xbf, ...Buffer.from(VALID.replace('title: OK', 'title: Café 🚀 隔离'), 'utf8')]);
    const result = parse(bytes);
    expect(result.ok && result.playbook.title).toBe('Café 🚀 隔离');
  });

  it.each([
    ['!!js/function', 'name: a\ntitle: !!js/function "function(){}"\n', 'unsupported_tag 2:8'],
    ['!!binary', 'name: a\ntitle: !!binary aGVsbG8=\n', 'unsupported_tag 2:8'],
    ['!!set', 'name: a\ntags: !!set { a, b }\n', 'unsupported_tag 2:7'],
    ['custom local tag', 'name: !foo a\n', 'unsupported_tag 1:7'],
    ['tag on a collection', 'steps: !!seq []\n', 'unsupported_tag 1:8'],
    ['%TAG directive shorthand', '%TAG !e! tag:example.com,2000:\n---\nname: !e!x a\n', 'unsupported_tag 3:7'],
  ])('refuses tag %s', (_name, source, expected) => {
    expect(codes(source)).toEqual([expected]);
  });

  it.each([
    ['duplicate keys', `${VALID}name: again\n`, 'duplicate_key 7:1'],
    ['keys equal once stringified', 'name: a\n1: x\n"1": y\n', 'duplicate_key 3:1'],
    ['merge keys (not supported)', `${VALID}<<: { x: 1 }\n`, 'yaml_syntax 7:1'],
    ['collection keys', '? [a]\n: 1\n', 'invalid_key 1:3'],
    ['infinite numbers', 'name: a\ntitle: .inf\n', 'invalid_number 2:8'],
    ['huge integers', 'name: a\ntitle: 123456789012345678901234567890\n', 'invalid_number 2:8'],
    ['several documents', `${VALID}---\n${VALID}`, 'multiple_documents 7:1'],
    ['empty file', '', 'wrong_type 1:1'],
    ['a scalar', 'just text', 'wrong_type 1:1'],
  ])('reports %s', (_name, source, expected) => {
    expect(codes(source)).toContain(expected);
  });

  it('keeps __proto__ as a plain (unknown) key', () => {
    const result = parse(`${VALID}__proto__: { polluted: true }\n`);
    expect(result.ok).toBe(false);
    expect(result.ok ? [] : result.problems.map((p) => p.code)).toEqual(['unknown_key']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
