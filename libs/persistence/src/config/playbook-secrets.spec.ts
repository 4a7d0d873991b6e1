import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadPlaybookSecrets } from './playbook-secrets';

const fileWith = (text: string): string => {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'soar-secrets-')), 'secrets.json');
  writeFileSync(file, text);
  return file;
};
const failure = (text: string): string => {
  try {
    loadPlaybookSecrets(fileWith(text));
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected the secrets file to be refused');
};

describe('loadPlaybookSecrets (issue 12, items 4 and 5)', () => {
  it('loads names and values of 8 characters or more', () => {
    expect(loadPlaybookSecrets(fileWith(JSON.stringify({ SOC_TOKEN: 'abcdefgh', OTHER: 'x'.repeat(40) })))).toEqual({ SOC_TOKEN: 'abcdefgh', OTHER: 'x'.repeat(40) });
  });

  it('refuses a secret shorter than 8 characters, naming the secret and not its value', () => {
    const message = failure(JSON.stringify({ SOC_TOKEN: 'long-enough-value', SHORT_ONE: 'q7' }));
    expect(message).toContain('SHORT_ONE');
    expect(message).toContain('shorter than 8 characters');
    expect(message).not.toContain('q7');
    expect(message).not.toContain('long-enough-value');
  });

  it('reports a malformed file without printing any part of a secret', () => {
    const secret = 'zq-9183-Vk2u-WQ7x';
    const message = failure(`{"A": "fine-value-1",\n "B": ${secret}}`);
    expect(message).toContain('is not valid JSON');
    for (let i = 0; i + 4 <= secret.length; i++) expect(message).not.toContain(secret.slice(i, i + 4));
    expect(message).not.toContain('fine-value-1');
  });

  it('names neither values nor malformed names (a value pasted as a key)', () => {
    const message = failure(JSON.stringify({ 'sk-live-8812aa:value': 'whatever-value', N: 42 }));
    expect(message).toContain('entry #1');
    expect(message).toContain('N: the value must be a string');
    expect(message).not.toContain('sk-live');
    expect(message).not.toContain('whatever');
    expect(message).not.toContain('42');
  });
});
