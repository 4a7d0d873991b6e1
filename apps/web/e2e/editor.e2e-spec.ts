import type { Page } from 'playwright-core';
import { axeViolations, openPage, screenshot } from './browser';
import { ConsoleStack } from './console-stack';

const playbook = (action: string, title: string) => `name: web-note
title: ${title}
inputs:
  alert_id: { type: string, format: alert_id, required: true }
steps:
  - id: get_alert
    action: ${action}
    with:
      alert_id: \${{ inputs.alert_id }}
`;
/** Line of the action in the document above (1-based). */
const ACTION_LINE = 7;

/** Replaces the whole document the way an author pasting into the editor would. */
async function replaceDocument(page: Page, text: string): Promise<void> {
  await page.locator('.cm-content').click();
  await page.keyboard.press('Control+A');
  await page.keyboard.insertText(text);
}

describe('console: an author edits a playbook, sees the server problems at their line, fixes and saves', () => {
  const t = new ConsoleStack();
  beforeAll(async () => {
    await t.start([]);
    await t.save(playbook('defender.alert.get', 'Note an alert'));
  }, 120_000);
  afterAll(() => t.stop());

  const versions = async () =>
    ((await (await fetch(`${t.stack.apiUrl}/playbooks/web-note/versions`)).json()) as { items: { version: number }[] }).items.map((v) => v.version);

  it('marks an unknown action at its line, refuses to save it, and saves the fixed document as version 2', async () => {
    const { page, errors, close } = await openPage(t.browser);
    await page.goto(`${t.origin}/editor/web-note`);
    await page.getByText('No problems: the server would accept this playbook.').waitFor();

    await replaceDocument(page, playbook('defender.alert.nope', 'Note an alert'));
    const problem = page.getByRole('button', { name: `Line ${ACTION_LINE}, column 13` });
    await problem.waitFor();
    await page.getByText('defender.alert.nope', { exact: false }).first().waitFor();
    // The marker sits on the action in the editor itself.
    expect(await page.locator('.cm-lintRange-error').first().textContent()).toBe('defender.alert.nope');
    await screenshot(page, 'editor-problem');
    expect(await axeViolations(page)).toEqual([]);

    // The server would refuse it: saving waits for the fix, and nothing was stored.
    expect(await page.getByRole('button', { name: 'Save new version' }).isDisabled()).toBe(true);
    await page.getByText('Fix the problems above to save.').waitFor();
    expect(await versions()).toEqual([1]);

    // The problem button moves the cursor to the line.
    await problem.click();
    expect(await page.locator('.cm-activeLine').textContent()).toBe('    action: defender.alert.nope');

    await replaceDocument(page, playbook('defender.alert.get', 'Note an alert, edited in the console'));
    await page.getByText('No problems: the server would accept this playbook.').waitFor();
    await page.getByRole('button', { name: 'Save new version' }).click();
    await page.getByText('Saved version 2 of web-note.').waitFor();
    expect(await versions()).toEqual([2, 1]);
    const latest = (await (await fetch(`${t.stack.apiUrl}/playbooks/web-note`)).json()) as { title: string; savedBy: string };
    expect(latest).toMatchObject({ title: 'Note an alert, edited in the console', savedBy: 'local-admin' });

    // History lists both versions and shows what changed since version 1.
    await page.getByRole('button', { name: 'v1' }).click();
    await page.getByText('- title: Note an alert').waitFor();
    await page.getByText('+ title: Note an alert, edited in the console').waitFor();
    await screenshot(page, 'editor-saved');
    expect(errors).toEqual([]);
    await close();
  }, 90_000);

  it('POST /api/playbooks/validate answers the save-time problems with their line and stores nothing', async () => {
    const check = async (yaml: string) => {
      const res = await fetch(`${t.stack.apiUrl}/playbooks/validate`, { method: 'POST', headers: { 'content-type': 'application/yaml' }, body: yaml });
      return { status: res.status, body: (await res.json()) as { valid: boolean; problems: { path: string; line?: number; column?: number }[] } };
    };
    const before = await versions();
    expect(await check(playbook('defender.alert.nope', 'x'))).toEqual({
      status: 200,
      body: { valid: false, problems: [expect.objectContaining({ path: 'steps[0].action', line: ACTION_LINE, column: 13 })] },
    });
    expect(await check(playbook('defender.alert.get', 'A different title'))).toMatchObject({ status: 200, body: { valid: true, problems: [] } });
    expect(await versions()).toEqual(before);
    const notYaml = await fetch(`${t.stack.apiUrl}/playbooks/validate`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(notYaml.status).toBe(415);
  });

  it('disables and enables the playbook', async () => {
    const { page, errors, close } = await openPage(t.browser);
    await page.goto(`${t.origin}/editor/web-note`);
    await page.getByRole('button', { name: 'Disable' }).click();
    await page.getByRole('button', { name: 'Enable' }).waitFor();
    expect(((await (await fetch(`${t.stack.apiUrl}/playbooks/web-note`)).json()) as { enabled: boolean }).enabled).toBe(false);
    await page.goto(`${t.origin}/playbooks/web-note`);
    await page.getByText('This playbook is disabled').waitFor();
    expect(await page.getByRole('button', { name: 'Start run' }).isDisabled()).toBe(true);
    await page.goto(`${t.origin}/editor/web-note`);
    await page.getByRole('button', { name: 'Enable' }).click();
    await page.getByRole('button', { name: 'Disable' }).waitFor();
    expect(errors).toEqual([]);
    await close();
  });
});
