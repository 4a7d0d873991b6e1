import { SEED } from '@soar/defender-sim';
import type { Page } from 'playwright-core';
import { http } from '../../api/e2e/http';
import { userToken } from '../../api/e2e/entra-tokens';
import { axeViolations, openPage, screenshot } from './browser';
import { ConsoleStack } from './console-stack';

/** The browser logs the 401 of a signed-out probe and the 403 a viewer may meet; the app logs nothing else. */
const appErrors = (errors: string[]) => errors.filter((e) => !/status of 40[13]/.test(e));

describe('console: with Entra ID configured, users sign in through the token service and see what their roles allow', () => {
  const t = new ConsoleStack();
  beforeAll(() => t.start(['isolate-alert-machine'], {}, { entra: true }), 120_000);
  afterAll(() => t.stop());

  /** Console → "Sign in with Microsoft" → the simulator's sign-in page → back, signed in. */
  async function signIn(page: Page, username: string, password: string) {
    await page.goto(`${t.origin}/`);
    await page.getByRole('heading', { name: 'Sign in to Defender SOAR' }).waitFor();
    await page.getByRole('button', { name: 'Sign in with Microsoft' }).click();
    await page.waitForURL((url) => url.href.startsWith(`${t.stack.sim.authority}/oauth2/v2.0/authorize`));
    await page.getByLabel('Email or username').fill(username);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByTestId('signed-in-as').waitFor();
  }

  it('an analyst signs in, starts a run and follows it live; signing out asks again', async () => {
    const { page, errors, close } = await openPage(t.browser, { ignoreHTTPSErrors: true });
    await page.goto(`${t.origin}/`);
    await page.getByRole('heading', { name: 'Sign in to Defender SOAR' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);

    // A wrong password stays on the sign-in page with its message.
    await page.getByRole('button', { name: 'Sign in with Microsoft' }).click();
    await page.getByLabel('Email or username').fill('ana@contoso.test');
    await page.getByLabel('Password').fill('not-her-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('Your account or password is incorrect.').waitFor();

    await signIn(page, 'ana@contoso.test', 'ana-pass');
    expect(await page.getByTestId('signed-in-as').textContent()).toBe('Signed in as ana@contoso.test (analyst)');
    await page.getByRole('link', { name: 'Isolate the machine of an alert', exact: true }).click();
    await page.getByLabel('Alert id').fill(SEED.alerts.highSeverityOnWindows);
    await page.getByRole('button', { name: 'Start run' }).click();
    await page.waitForURL(/\/runs\/[0-9a-f-]{36}$/);
    // The live stream sends the access token too (fetch, not EventSource).
    await page.locator('[data-run-status="succeeded"]').waitFor({ timeout: 60_000 });
    await page.getByText('ana@contoso.test').first().waitFor();
    await screenshot(page, 'entra-analyst-run');

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in to Defender SOAR' }).waitFor();
    expect(appErrors(errors)).toEqual([]);
    await close();
  }, 120_000);

  it('a viewer sees no start button, and the API refuses the start with 403', async () => {
    const { page, errors, close } = await openPage(t.browser, { ignoreHTTPSErrors: true });
    await signIn(page, 'vic@contoso.test', 'vic-pass');
    expect(await page.getByTestId('signed-in-as').textContent()).toBe('Signed in as vic@contoso.test (viewer)');
    await page.getByRole('link', { name: 'Isolate the machine of an alert', exact: true }).click();
    await page.getByText('Your roles do not allow starting runs').waitFor();
    expect(await page.getByRole('button', { name: 'Start run' }).count()).toBe(0);
    expect(await page.getByLabel('Alert id').count()).toBe(1); // the playbook is still readable
    await screenshot(page, 'entra-viewer-run-form');
    expect(appErrors(errors)).toEqual([]);
    await close();

    const vic = await userToken(t.stack.sim, 'vic@contoso.test', 'vic-pass');
    const started = await http('POST', `${t.stack.apiUrl}/playbooks/isolate-alert-machine/runs`, { inputs: { alert_id: SEED.alerts.highSeverityOnWindows } }, { authorization: `Bearer ${vic}` });
    expect(started.status).toBe(403);
    expect(await t.stack.db.run.count({ where: { startedBy: 'vic@contoso.test' } })).toBe(0);
  }, 90_000);
});
