import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { JsonValue } from '@soar/contracts';
import { actionCatalog } from '@soar/defender';
import type { PlaybookDefinition } from '../model';
import { parsePlaybook } from '../parse-playbook';
import { validateRunInputs } from './validate-run-inputs';

const parsed = parsePlaybook(readFileSync(path.join(__dirname, '../__fixtures__/inputs/all-types.yaml'), 'utf8'), {
  catalog: actionCatalog,
});
if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
const playbook: PlaybookDefinition = parsed.playbook;
const ALERT = 'da637472900382838869_1364969609';

describe('validateRunInputs', () => {
  it('keeps declaration order and form fields', () => {
    expect(playbook.inputs.map((i) => [i.name, i.order, i.label])).toEqual([
      ['alert_id', 0, 'Alert id'],
      ['machine', 1, 'Machine'],
      ['code', 2, 'Code'],
      ['count', 3, 'Count'],
      ['dry_run', 4, 'Dry run'],
      ['level', 5, 'Level'],
      ['hashes', 6, 'Hashes'],
      ['ips', 7, 'Ips'],
      ['site', 8, 'Site'],
      ['domain', 9, 'Domain'],
      ['host', 10, 'Host'],
      ['sha1', 11, 'Sha1'],
      ['md5', 12, 'Md5'],
    ]);
    expect(playbook.inputs[1].help).toBe('40 hex characters');
  });

  const notGiven = { machine: null, code: null, hashes: null, ips: null, site: null, domain: null, host: null, sha1: null, md5: null };

  it('applies defaults and sets optional inputs without default to null (so coalesce() and `!= null` can read them)', () => {
    expect(validateRunInputs(playbook, { alert_id: ALERT })).toEqual({
      ok: true,
      values: { alert_id: ALERT, count: 3, dry_run: true, level: 'Full', ...notGiven },
    });
  });

  it('treats null and empty text as not given', () => {
    expect(validateRunInputs(playbook, { alert_id: ALERT, count: null, machine: '' })).toEqual({
      ok: true,
      values: { alert_id: ALERT, count: 3, dry_run: true, level: 'Full', ...notGiven },
    });
  });

  it('accepts well-formed values of every type and format', () => {
    const given: Record<string, JsonValue> = {
      alert_id: ALERT,
      machine: 'a'.repeat(40),
      code: 'ABC-123',
      count: 10,
      dry_run: false,
      level: 'Selective',
      hashes: ['b'.repeat(64)],
      ips: ['10.0.0.1', '2001:db8::1', '::ffff:10.0.0.1'],
      site: 'https://contoso.com/a?b=c',
      domain: 'contoso.co.uk',
      host: 'desktop-01',
      sha1: 'c'.repeat(40),
      md5: 'd'.repeat(32),
    };
    expect(validateRunInputs(playbook, given)).toEqual({ ok: true, values: given });
  });

  it.each<[string, Record<string, JsonValue>, string, string]>([
    ['required input missing', {}, 'inputs.alert_id', 'Alert id is required'],
    ['unknown input', { alert_id: ALERT, alertid: 'x' }, 'inputs.alertid', 'did you mean `alert_id`'],
    ['bad machine id', { alert_id: ALERT, machine: 'xyz' }, 'inputs.machine', '40 hexadecimal'],
    ['bad alert id', { alert_id: 'a b' }, 'inputs.alert_id', 'alert id'],
    ['pattern is matched in full', { alert_id: ALERT, code: 'xABC-1' }, 'inputs.code', 'pattern'],
    ['number expected', { alert_id: ALERT, count: '3' }, 'inputs.count', 'expected a number'],
    ['number below min', { alert_id: ALERT, count: 0 }, 'inputs.count', 'at least 1'],
    ['number above max', { alert_id: ALERT, count: 11 }, 'inputs.count', 'at most 10'],
    ['boolean expected', { alert_id: ALERT, dry_run: 'yes' }, 'inputs.dry_run', 'true or false'],
    ['enum value', { alert_id: ALERT, level: 'Partial' }, 'inputs.level', 'Full, Selective'],
    ['list expected', { alert_id: ALERT, hashes: 'b' }, 'inputs.hashes', 'expected a list'],
    ['list item format', { alert_id: ALERT, hashes: ['b'.repeat(64), 'b'.repeat(40)] }, 'inputs.hashes', 'item 2'],
    ['ip', { alert_id: ALERT, ips: ['256.0.0.1'] }, 'inputs.ips', 'IPv4 or IPv6'],
    ['ipv6 with two ::', { alert_id: ALERT, ips: ['1::2::3'] }, 'inputs.ips', 'IPv4 or IPv6'],
    ['url needs http(s)', { alert_id: ALERT, site: 'javascript:alert(1)' }, 'inputs.site', 'URL'],
    ['domain needs a dot', { alert_id: ALERT, domain: 'localhost' }, 'inputs.domain', 'domain'],
    ['hostname characters', { alert_id: ALERT, host: 'bad_host!' }, 'inputs.host', 'host name'],
    ['sha1 length', { alert_id: ALERT, sha1: 'c'.repeat(39) }, 'inputs.sha1', 'SHA-1'],
    ['md5 hex', { alert_id: ALERT, md5: 'g'.repeat(32) }, 'inputs.md5', 'MD5'],
  ])('%s', (_name, given, problemPath, text) => {
    const result = validateRunInputs(playbook, given);
    expect(result.ok).toBe(false);
    const problems = result.ok ? [] : result.problems;
    expect(problems).toEqual([expect.objectContaining({ path: problemPath, message: expect.stringContaining(text) })]);
  });

  it('reports every problem at once', () => {
    const result = validateRunInputs(playbook, { count: 'x', level: 'y', nope: 1 });
    expect(result.ok ? [] : result.problems.map((p) => p.path).sort()).toEqual(
      ['inputs.alert_id', 'inputs.count', 'inputs.level', 'inputs.nope'].sort(),
    );
  });

  it('rejects inputs that are not a map', () => {
    expect(validateRunInputs(playbook, ['x'])).toEqual({ ok: false, problems: [expect.objectContaining({ path: 'inputs' })] });
  });
});

describe('input_rules at run start', () => {
  const source = `
name: rules
title: Rules
inputs:
  hashes: { type: list, default: [] }
  ips: { type: list }
  machine: { type: string }
  hostname: { type: string, label: Host name }
  user: { type: string }
  password_reset: { type: boolean }
input_rules:
  - at_least_one_of: [hashes, ips]
    message: Give a hash or an IP.
  - only_one_of: [machine, hostname]
  - all_or_none_of: [user, password_reset]
steps:
  - id: a
    action: core.set
    with: { values: { x: 1 } }
`;
  const parsed = parsePlaybook(source, { catalog: actionCatalog });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  const problems = (inputs: Record<string, JsonValue>) => {
    const r = validateRunInputs(parsed.playbook, inputs);
    return r.ok ? [] : r.problems.map((p) => `${p.path}: ${p.message} [${p.code}]`);
  };

  it.each<[string, Record<string, JsonValue>, string[]]>([
    ['all rules kept', { ips: ['10.0.0.1'], machine: 'm' }, []],
    ['an empty list and null are not given', { hashes: [], ips: null }, ['inputs.hashes: Give a hash or an IP. [input_rule]', 'inputs.ips: Give a hash or an IP. [input_rule]']],
    [
      'two of only_one_of',
      { hashes: ['a'], machine: 'm', hostname: 'h' },
      ['inputs.machine: give only one of Machine (`machine`), Host name (`hostname`) [input_rule]', 'inputs.hostname: give only one of Machine (`machine`), Host name (`hostname`) [input_rule]'],
    ],
    [
      'half of all_or_none_of',
      { hashes: ['a'], user: 'bob' },
      ['inputs.user: give all or none of User (`user`), Password reset (`password_reset`) [input_rule]', 'inputs.password_reset: give all or none of User (`user`), Password reset (`password_reset`) [input_rule]'],
    ],
    ['all of all_or_none_of', { hashes: ['a'], user: 'bob', password_reset: false }, []],
  ])('%s', (_, inputs, expected) => {
    expect(problems(inputs)).toEqual(expected);
  });

  it('is part of the stored definition', () => {
    expect(parsed.playbook.input_rules).toEqual([
      { kind: 'at_least_one_of', inputs: ['hashes', 'ips'], message: 'Give a hash or an IP.' },
      { kind: 'only_one_of', inputs: ['machine', 'hostname'] },
      { kind: 'all_or_none_of', inputs: ['user', 'password_reset'] },
    ]);
  });

  it('lint: unknown inputs, duplicates and rules with none or two kinds are problems at their place', () => {
    const bad = parsePlaybook(
      source.replace('  - only_one_of: [machine, hostname]', '  - only_one_of: [machine, hostnme, machine]\n  - { at_least_one_of: [ips, user], only_one_of: [ips, user] }\n  - message: nothing'),
      { catalog: actionCatalog },
    );
    expect(bad.ok).toBe(false);
    const found = bad.ok ? [] : bad.problems.map((p) => `${p.path} ${p.line}:${p.column} ${p.code}: ${p.message}`);
    expect(found).toEqual([
      'input_rules[1].only_one_of[1] 14:28 unknown_input: there is no input `hostnme`; did you mean `hostname`?',
      'input_rules[1].only_one_of[2] 14:37 invalid_value: `machine` is listed twice',
      'input_rules[2] 15:5 invalid_value: a rule has exactly one of at_least_one_of, only_one_of, all_or_none_of',
      'input_rules[3] 16:5 invalid_value: a rule has exactly one of at_least_one_of, only_one_of, all_or_none_of',
    ]);
  });
});
