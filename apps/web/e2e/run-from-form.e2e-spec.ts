import { SEED } from '@soar/defender-sim';
import { axeViolations, openPage, screenshot } from './browser';
import { ConsoleStack } from './console-stack';

const ALERT = SEED.alerts.highSeverityOnWindows;

describe('console: an analyst starts a playbook from its form and watches the run live', () => {
  const t = new ConsoleStack();
  beforeAll(() => t.start(['isolate-alert-machine']), 120_000);
  afterAll(() => t.stop());

  it('chooses the playbook, fills "Alert id", presses "Start run" and sees the run page reach succeeded without a reload', async () => {
    const { page, errors, close } = await openPage(t.browser);
    await page.goto(`${t.origin}/`);
    await page.getByText('Local mode: this API has no authentication').waitFor();
    await page.getByRole('link', { name: 'Isolate the machine of an alert', exact: true }).click();
    await page.getByLabel('Alert id').fill(ALERT);
    expect(await page.getByLabel('Comment').inputValue()).toBe('Isolated by SOAR playbook'); // the declared default
    await screenshot(page, 'run-form');
    let reloads = 0;
    page.on('load', () => reloads++);
    await page.getByRole('button', { name: 'Start run' }).click();

    await page.waitForURL(/\/runs\/[0-9a-f-]{36}$/);
    const runId = page.url().split('/').pop()!;
    await page.locator('[data-run-status="succeeded"]').waitFor({ timeout: 60_000 });
    expect(reloads).toBe(0); // followed over server-sent events, not by reloading
    for (const step of ['get_alert', 'isolate', 'report']) {
      await page.locator(`[data-step="${step}"][data-step-status="succeeded"]`).waitFor();
    }
    // The machine was isolated, so the failing step is skipped and the run's outcome is shown.
    await page.locator('[data-step="fail_unless_isolated"][data-step-status="skipped"]').waitFor();
    await page.locator('[data-run-outcome="succeeded"]').waitFor();
    await page.getByText('local-admin', { exact: false }).first().waitFor();
    // The events that moved the page are listed as they arrived.
    await page.getByText(/^Event log/).click();
    await page.locator('.event-log li', { hasText: 'run.queued' }).waitFor();
    await page.locator('.event-log li', { hasText: 'report' }).first().waitFor();
    await screenshot(page, 'run-succeeded');

    // The run is the one the API knows, started with exactly these inputs.
    const run = (await (await fetch(`${t.stack.apiUrl}/runs/${runId}`)).json()) as { status: string; inputs: unknown; startedBy: string };
    expect(run).toMatchObject({ status: 'succeeded', startedBy: 'local-admin', inputs: { alert_id: ALERT, comment: 'Isolated by SOAR playbook' } });
    expect(errors).toEqual([]);
    await close();
  });

  it('shows what is wrong at the field, with the server rules, and starts nothing', async () => {
    const { page, errors, close } = await openPage(t.browser);
    await page.goto(`${t.origin}/playbooks/isolate-alert-machine`);
    const alertId = page.getByLabel('Alert id');
    await page.getByRole('button', { name: 'Start run' }).click();
    await page.getByText('Alert id is required').waitFor();
    expect(await alertId.getAttribute('aria-invalid')).toBe('true');
    expect(await page.evaluate('document.activeElement && document.activeElement.id')).toBe('input-alert_id');

    await alertId.fill('not an alert id!');
    await alertId.blur();
    await page.getByText('Alert id: must be a Defender alert id such as').waitFor();
    await screenshot(page, 'run-form-errors');
    await page.getByRole('button', { name: 'Start run' }).click();
    expect(page.url()).toBe(`${t.origin}/playbooks/isolate-alert-machine`);
    const runs = (await (await fetch(`${t.stack.apiUrl}/runs?playbook=isolate-alert-machine`)).json()) as { items: unknown[] };
    expect(runs.items).toHaveLength(1); // only the run of the first test

    // Fixing the value clears the message.
    await alertId.fill(ALERT);
    await alertId.blur();
    expect(await page.getByText('must be a Defender alert id').count()).toBe(0);
    expect(errors).toEqual([]);
    await close();
  });

  it('serves the console at / with a fallback for its routes, and leaves /api to the API', async () => {
    const page = await fetch(`${t.origin}/runs/some-run?status=failed`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await page.text()).toContain('<div id="root"></div>');
    const unknownApi = await fetch(`${t.origin}/api/no-such-route`);
    expect(unknownApi.status).toBe(404);
    expect(((await unknownApi.json()) as { error: { code: string } }).error.code).toBe('NOT_FOUND');
    expect((await fetch(`${t.origin}/assets/no-such-file.js`)).status).toBe(404);
  });

  it("is usable by keyboard alone and shows times in the analyst's time zone", async () => {
    const { page, errors, close } = await openPage(t.browser, { timezoneId: 'Asia/Kolkata' });
    await page.goto(`${t.origin}/playbooks/isolate-alert-machine`);
    await page.getByLabel('Alert id').waitFor();
    // From the top of the page: Tab reaches the field through the links; Enter submits the form.
    for (let i = 0; i < 30 && (await page.evaluate('document.activeElement && document.activeElement.id')) !== 'input-alert_id'; i++) {
      await page.keyboard.press('Tab');
    }
    await page.keyboard.type(ALERT);
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/runs\/[0-9a-f-]{36}$/);
    await page.locator('[data-run-status="succeeded"]').waitFor({ timeout: 60_000 });
    // India's offset is +5:30 all year: the created time is printed in it, with the zone named.
    const created = await page.locator('dt:has-text("Created") + dd').textContent();
    expect(created).toMatch(/GMT\+5:30/);
    expect(errors).toEqual([]);
    await close();
  });

  it('lists runs with the filters kept in the URL', async () => {
    const { page, errors, close } = await openPage(t.browser);
    await page.goto(`${t.origin}/runs`);
    await page.getByRole('row').nth(1).waitFor();
    await page.getByLabel('Status').selectOption('failed');
    await page.waitForURL(/\?status=failed$/);
    await page.getByText('No runs match these filters').waitFor();
    await page.reload();
    expect(await page.getByLabel('Status').inputValue()).toBe('failed');
    await page.goto(`${t.origin}/runs?status=succeeded&playbook=isolate-alert-machine`);
    await page
      .getByRole('link', { name: /^[0-9a-f]{8}$/ })
      .first()
      .waitFor();
    expect(await page.getByRole('row').count()).toBe(3); // header + the two runs started from the form
    await screenshot(page, 'runs');
    expect(errors).toEqual([]);
    await close();
  });

  it.each([
    ['playbooks', '/', 'Playbooks'],
    ['run form', '/playbooks/isolate-alert-machine', 'Isolate the machine of an alert'],
    ['runs', '/runs', 'Runs'],
    ['approvals', '/approvals', 'Approvals'],
    ['editor', '/editor/isolate-alert-machine', 'Edit isolate-alert-machine'],
  ])('%s page has no axe violations, light and dark', async (_name, route, heading) => {
    for (const colorScheme of ['light', 'dark'] as const) {
      const { page, errors, close } = await openPage(t.browser, { colorScheme });
      await page.goto(`${t.origin}${route}`);
      await page.getByRole('heading', { level: 1, name: heading }).waitFor();
      await page.waitForLoadState('networkidle');
      expect(await axeViolations(page)).toEqual([]);
      expect(errors).toEqual([]);
      await close();
    }
  });

  it('run page has no axe violations', async () => {
    const { page, errors, close } = await openPage(t.browser, { colorScheme: 'dark' });
    const runs = (await (await fetch(`${t.stack.apiUrl}/runs`)).json()) as { items: { id: string }[] };
    await page.goto(`${t.origin}/runs/${runs.items[0]!.id}`);
    await page.locator('[data-run-status="succeeded"]').waitFor();
    // The step graph of the version the run ran: one node per step, in its final state.
    await page.getByRole('figure', { name: 'Step graph' }).getByLabel('Step report, succeeded').waitFor();
    expect(await page.locator('.react-flow__node').count()).toBe(4);
    expect(await page.locator('.react-flow__edge').count()).toBe(3); // steps run in order: each needs the one before
    await screenshot(page, 'run-dark');
    expect(await axeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await close();
  });
});
