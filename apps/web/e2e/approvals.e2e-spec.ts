import { SEED } from '@soar/defender-sim';
import { axeViolations, openPage, screenshot } from './browser';
import { ConsoleStack } from './console-stack';

describe('console: an approver decides from the inbox and the run resumes', () => {
  const t = new ConsoleStack();
  beforeAll(() => t.start(['contain-alert-machine']), 120_000);
  afterAll(() => t.stop());

  it('a Medium alert waits for approval; approving it in the inbox isolates the machine and the run succeeds live', async () => {
    const { page, errors, close } = await openPage(t.browser);
    await page.goto(`${t.origin}/playbooks/contain-alert-machine`);
    await page.getByLabel('Alert id').fill(SEED.alerts.linuxShellOnWebServer);
    // The list input shows its default, one value per line.
    expect(await page.getByLabel('Approvers').inputValue()).toBe('role:admin');
    await page.getByRole('button', { name: 'Start run' }).click();
    await page.waitForURL(/\/runs\/[0-9a-f-]{36}$/);
    const runUrl = page.url();
    await page.locator('[data-run-status="waiting"]').waitFor({ timeout: 30_000 });
    await page.getByText('Waiting for an approval').waitFor();
    await screenshot(page, 'run-waiting-for-approval');

    // The header badge counts the pending decision.
    await page.getByRole('link', { name: /Approvals\s*1/ }).waitFor({ timeout: 10_000 });
    await page.getByRole('link', { name: /Approvals/ }).click();
    await page.getByRole('heading', { name: /Isolate lnx-web-03\.contoso\.local from the network\?/ }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'approvals');
    await page.getByLabel('Comment (optional)').fill('web server owner agrees');
    await page.getByRole('button', { name: 'Approve' }).click();
    await page.getByText('Approved by local-admin').waitFor();
    await page.getByText('No decision is waiting for you.').waitFor();

    await page.getByRole('link', { name: 'follow the run' }).click();
    expect(page.url()).toBe(runUrl);
    await page.locator('[data-run-status="succeeded"]').waitFor({ timeout: 60_000 });
    await page.locator('[data-step="approve"][data-step-status="succeeded"]').waitFor();
    await page.locator('[data-step="isolate"][data-step-status="succeeded"]').waitFor();

    const runId = runUrl.split('/').pop()!;
    const run = (await (await fetch(`${t.stack.apiUrl}/runs/${runId}`)).json()) as { steps: { id: string; output: unknown }[] };
    expect(run.steps.find((s) => s.id === 'approve')!.output).toMatchObject({
      decision: 'approve',
      decided_by: 'local-admin',
      comment: 'web server owner agrees',
    });
    const state = (await (await fetch(`${t.stack.sim.controlUrl}/state`)).json()) as { machines: { id: string; isolated: boolean }[] };
    expect(state.machines.find((m) => m.id === SEED.machines.linuxWebServer.id)!.isolated).toBe(true);
    expect(errors).toEqual([]);
    await close();
  }, 120_000);

  it('cancels a waiting run from its page; the page shows it cancelled and the inbox no longer asks', async () => {
    const { page, errors, close } = await openPage(t.browser);
    await page.goto(`${t.origin}/playbooks/contain-alert-machine`);
    await page.getByLabel('Alert id').fill(SEED.alerts.registryPersistenceOnSales);
    await page.getByRole('button', { name: 'Start run' }).click();
    await page.locator('[data-run-status="waiting"]').waitFor({ timeout: 30_000 });
    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByRole('button', { name: 'Cancel run' }).click();
    await page.locator('[data-run-status="cancelled"]').waitFor({ timeout: 30_000 });
    await page.getByText('cancelled by local-admin').waitFor();
    // The outcome and its reason, as the API reports them.
    await page.locator('[data-run-outcome="cancelled"]').waitFor();
    expect(await page.locator('dt:has-text("Reason") + dd').textContent()).toMatch(/cancelled by local-admin/);
    expect(await page.getByRole('button', { name: 'Cancel run' }).count()).toBe(0);
    await page.getByRole('link', { name: 'Approvals', exact: true }).click();
    await page.getByText('No decision is waiting for you.').waitFor();
    expect(errors).toEqual([]);
    await close();
  }, 90_000);
});
