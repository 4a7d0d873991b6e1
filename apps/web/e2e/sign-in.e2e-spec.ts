import { SEED } from '@soar/defender-sim';
import { axeViolations, openPage, screenshot } from './browser';
import { ConsoleStack } from './console-stack';

const KEYS = 'alice:admin=alice-console-key-0123456789,bob:admin=bob-console-key-9876543210';
/** The browser itself logs every 401 answer (the sign-in probe, a wrong key); the app logs nothing else. */
const appErrors = (errors: string[]) => errors.filter((e) => !e.includes('status of 401'));

describe('console: with API keys configured the analyst signs in with a key kept for the browser session', () => {
  const t = new ConsoleStack();
  beforeAll(() => t.start(['isolate-alert-machine'], { API_KEYS: KEYS }), 120_000);
  afterAll(() => t.stop());

  it('asks for a key, refuses a wrong one, then runs a playbook live as that user', async () => {
    const { page, errors, close } = await openPage(t.browser);
    await page.goto(`${t.origin}/`);
    await page.getByRole('heading', { name: 'Sign in to Defender SOAR' }).waitFor();
    expect(await page.getByText('Local mode').count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);

    await page.getByLabel('API key').fill('not-a-key');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('The API did not accept this key.').waitFor();
    await screenshot(page, 'sign-in-rejected');

    await page.getByLabel('API key').fill('alice-console-key-0123456789');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('link', { name: 'Isolate the machine of an alert', exact: true }).click();
    await page.getByLabel('Alert id').fill(SEED.alerts.highSeverityOnWindows);
    await page.getByRole('button', { name: 'Start run' }).click();
    await page.waitForURL(/\/runs\/[0-9a-f-]{36}$/);
    // The live stream authenticates with the key too (EventSource could not).
    await page.locator('[data-run-status="succeeded"]').waitFor({ timeout: 60_000 });
    await page.getByText('alice').first().waitFor();

    // Kept for this tab's session: a reload stays signed in; signing out forgets the key.
    await page.reload();
    await page.locator('[data-run-status="succeeded"]').waitFor();
    expect(await page.evaluate('sessionStorage.getItem("soar.apiKey")')).toBe('alice-console-key-0123456789');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in to Defender SOAR' }).waitFor();
    expect(await page.evaluate('sessionStorage.getItem("soar.apiKey")')).toBeNull();
    expect(appErrors(errors)).toEqual([]);
    await close();

    // Another browser session starts signed out.
    const other = await openPage(t.browser);
    await other.page.goto(`${t.origin}/runs`);
    await other.page.getByRole('heading', { name: 'Sign in to Defender SOAR' }).waitFor();
    await other.close();
  }, 90_000);
});
