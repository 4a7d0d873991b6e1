/**
 * `npm run bench:console`: the web console's bundle size and the time to first render of the run
 * page (and of the runs list) with 1,000 runs in the database, in Debian's Chromium. Prints
 * one Markdown table (stdout); progress goes to stderr. The figures are in docs/console.md.
 *
 * "First render" = from navigation start to the run's status (or the first row of the list)
 * being in the DOM: HTML, JS and CSS loaded, the auth probe and the API call answered, React
 * rendered. Median and worst of 7 cold page loads (new browser context each, so nothing cached).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { ensureSimulatorCertificate } from '@soar/defender-sim';
import { ensureConsoleBuilt } from '../build-console';
import { startBenchStack } from './bench-stack';
import { ALERT_IDS, ISOLATION_PLAYBOOK, isolationYaml } from './e2e-throughput.bench';
import { waitForRuns } from './run-timings';
import { mapLimit, percentile } from './stats';

const RUNS = 1000;
const LOADS = 7;
const repo = path.resolve(__dirname, '../..');
const progress = (m: string) => console.error(`[bench:console] ${m}`);

function bundleRows(): string[] {
  const assets = path.join(repo, 'apps/web/dist/assets');
  const files = readdirSync(assets).filter((f) => /\.(js|css)$/.test(f));
  const entry = readFileSync(path.join(repo, 'apps/web/dist/index.html'), 'utf8');
  const kib = (n: number) => `${(n / 1024).toFixed(1)} KiB`;
  let initialRaw = 0;
  let initialGz = 0;
  const rows = files.map((f) => {
    const data = readFileSync(path.join(assets, f));
    const gz = gzipSync(data, { level: 9 }).length;
    const initial = entry.includes(f);
    if (initial) {
      initialRaw += data.length;
      initialGz += gz;
    }
    return { f, raw: statSync(path.join(assets, f)).size, gz, initial };
  });
  return [
    `| Loaded on first visit (JS + CSS) | ${kib(initialRaw)} | ${kib(initialGz)} gzip |`,
    ...rows.sort((a, b) => b.raw - a.raw).map((r) => `| \`${r.f.replace(/-[A-Za-z0-9_-]{8}\./, '.')}\`${r.initial ? ' (initial)' : ' (on demand)'} | ${kib(r.raw)} | ${kib(r.gz)} gzip |`),
  ];
}

async function main(): Promise<void> {
  await ensureSimulatorCertificate(path.join(repo, '.sim-state'));
  await ensureConsoleBuilt((m) => progress(m));
  const stack = await startBenchStack({ workerConcurrency: 20 });
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  try {
    await stack.savePlaybook(isolationYaml);
    // One run executes completely (the page measured); then 999 more are stored with no worker
    // running, so the list holds 1,000 runs and the timings are the console's, not the workers'.
    stack.spawnWorker();
    await stack.waitForWorkers(1);
    const measured = await stack.starter.start({ playbook: ISOLATION_PLAYBOOK, inputs: { alert_id: ALERT_IDS[0] }, startedBy: 'bench:console' });
    await waitForRuns(stack.db, { ids: [measured.runId] }, 1, 60_000, 200);
    await stack.stopWorkers();
    progress(`storing ${RUNS - 1} more runs`);
    await mapLimit(Array.from({ length: RUNS - 1 }, (_, i) => i), 20, (i) =>
      stack.starter.start({ playbook: ISOLATION_PLAYBOOK, inputs: { alert_id: ALERT_IDS[i % ALERT_IDS.length] }, startedBy: 'bench:console' }),
    );

    const origin = stack.apiUrl.replace(/\/api$/, '');
    const measure = async (route: string, selector: string) => {
      const times: number[] = [];
      for (let i = 0; i < LOADS; i++) {
        const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
        const page = await context.newPage();
        await page.goto(`${origin}${route}`);
        await page.waitForSelector(selector);
        times.push(Number(await page.evaluate('performance.now()')));
        await context.close();
      }
      return times;
    };
    const runPage = await measure(`/runs/${measured.runId}`, '[data-run-status]');
    const runsPage = await measure('/runs', 'table.runs tbody tr');
    const ms = (t: number[]) => `${percentile(t, 50).toFixed(0)} ms (worst ${Math.max(...t).toFixed(0)} ms)`;

    console.log(`| Figure | Value | |\n| --- | --- | --- |`);
    for (const row of bundleRows()) console.log(row);
    console.log(`| Run page, first render (${RUNS} runs stored) | ${ms(runPage)} | median of ${LOADS} cold loads |`);
    console.log(`| Runs list, first render (${RUNS} runs stored, 50 per page) | ${ms(runsPage)} | median of ${LOADS} cold loads |`);
  } finally {
    await browser.close();
    await stack.close();
  }
}

main().then(
  () => process.exit(0),
  (error: Error) => {
    console.error(error);
    process.exit(1);
  },
);
