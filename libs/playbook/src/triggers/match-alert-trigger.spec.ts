import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { JsonValue } from '@soar/contracts';
import { actionCatalog } from '@soar/defender';
import { parsePlaybook } from '../parse-playbook';
import { globMatch, matchAlertTrigger } from './match-alert-trigger';

const parsed = parsePlaybook(readFileSync(path.join(__dirname, '../__fixtures__/valid/alert-triggers.yaml'), 'utf8'), {
  catalog: actionCatalog,
});
if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
const triggers = parsed.playbook.triggers;

const alert = {
  id: 'da637472900382838869_1364969609',
  severity: 'High',
  status: 'New',
  category: 'Ransomware',
  detectionSource: 'WindowsDefenderAv',
  title: 'Ransomware behavior detected',
  machineTags: ['servers'],
  evidence: [{ entityType: 'File' }, { entityType: 'User' }],
};

describe('matchAlertTrigger', () => {
  it.each<[string, number, Record<string, JsonValue>, boolean]>([
    ['manual triggers never match', 0, {}, false],
    ['an alert trigger without rules matches any alert', 1, {}, true],
    ['severity and status (AND)', 2, {}, true],
    ['severity is any of the list', 2, { severity: 'medium' }, true],
    ['severity outside the list', 2, { severity: 'Low' }, false],
    ['status outside the list', 2, { status: 'InProgress' }, false],
    ['missing field does not match', 2, { severity: null }, false],
    ['category and detection source', 3, {}, true],
    ['other detection source', 3, { detectionSource: 'WindowsDefenderAtp' }, false],
    ['title glob, case-insensitive', 4, {}, true],
    ['title glob with ?', 4, { title: 'Suspicious PowerShell command line' }, true],
    ['title glob anchors the whole title', 4, { title: 'A Suspicious PowerShell command' }, false],
    ['title not matching', 4, { title: 'Credential theft' }, false],
    ['machine tags and evidence types', 5, {}, true],
    ['tags from the machine entity', 5, { machineTags: null, machine: { machineTags: ['VIP'] } }, true],
    ['no matching tag', 5, { machineTags: ['Laptops'] }, false],
    ['no matching evidence type', 5, { evidence: [{ entityType: 'User' }] }, false],
  ])('%s', (_name, index, changes, expected) => {
    expect(matchAlertTrigger(triggers[index], { ...alert, ...changes })).toBe(expected);
  });

  it('does not match something that is not an alert', () => {
    expect(matchAlertTrigger(triggers[1], null)).toBe(false);
    expect(matchAlertTrigger(triggers[1], ['x'])).toBe(false);
  });
});

describe('globMatch', () => {
  it.each<[string, string, boolean]>([
    ['*', '', true],
    ['a*b*c', 'aXXbYYc', true],
    ['a*b*c', 'aXXbYY', false],
    ['?', 'ab', false],
    ['*a*a*a*a*a*a*a*b', 'a'.repeat(5000), false],
  ])('%s ~ %s -> %s', (pattern, text, expected) => {
    expect(globMatch(pattern, text)).toBe(expected);
  });
});
