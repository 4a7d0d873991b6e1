import { waitFor } from '@soar/testing';
import { RunEventsService } from '../src/runs/run-events.service';
import { startE2eStack, type E2eStack } from './e2e-stack';
import { http } from './http';

const KEY_A = 'stream-key-a-0123456789';
const KEY_B = 'stream-key-b-0123456789';
const TWO_SETS = `
name: two-sets
title: Two values
steps:
  - { id: a, action: core.set, with: { values: { v: 1 } } }
  - { id: b, action: core.set, with: { values: { w: 2 } } }
`;

/** An open event stream: its answer, and everything it sent until it ended. */
async function openStream(apiUrl: string, runId: string, key: string) {
  const abort = new AbortController();
  const res = await fetch(`${apiUrl}/runs/${runId}/events`, { headers: { authorization: `Bearer ${key}` }, signal: abort.signal });
  const text = res.ok ? res.text().catch(() => '') : Promise.resolve(await res.text());
  return { res, text, close: () => abort.abort() };
}
const ids = (text: string) => [...text.matchAll(/^id: (.+)$/gm)].map((m) => m[1]);

/**
 * Issue 12, item 12: event streams are capped per identity and in total (429 with Retry-After),
 * and every stream on one run shares one poll loop instead of one Postgres poll per stream.
 */
describe('run event streams: caps and one shared feed', () => {
  let stack: E2eStack;
  beforeAll(async () => {
    stack = await startE2eStack({ workers: 0, env: { API_KEYS: `alice:author+analyst=${KEY_A},bob:viewer=${KEY_B}`, SSE_MAX_STREAMS: '5', SSE_MAX_STREAMS_PER_ACTOR: '3' } });
    expect((await http('POST', `${stack.apiUrl}/playbooks`, TWO_SETS, { authorization: `Bearer ${KEY_A}` })).status).toBe(201);
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('refuses streams over the caps with 429 and Retry-After, shares one poll loop per run, and delivers every event to every stream', async () => {
    // No worker yet: the run stays queued while the streams are opened.
    const started = await http('POST', `${stack.apiUrl}/playbooks/two-sets/runs`, {}, { authorization: `Bearer ${KEY_A}` });
    expect(started.status).toBe(202);
    const runId = started.body.runId as string;
    const feeds = stack.api.get(RunEventsService).feeds;
    const loopsBefore = feeds.loopsStarted;

    const alice = [await openStream(stack.apiUrl, runId, KEY_A), await openStream(stack.apiUrl, runId, KEY_A), await openStream(stack.apiUrl, runId, KEY_A)];
    expect(alice.map((s) => s.res.status)).toEqual([200, 200, 200]);
    const aliceOver = await openStream(stack.apiUrl, runId, KEY_A);
    expect(aliceOver.res.status).toBe(429);
    expect(Number(aliceOver.res.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(JSON.parse(await aliceOver.text).error).toMatchObject({ code: 'TOO_MANY_REQUESTS', message: expect.stringContaining('SSE_MAX_STREAMS_PER_ACTOR') });

    const bob = [await openStream(stack.apiUrl, runId, KEY_B), await openStream(stack.apiUrl, runId, KEY_B)];
    expect(bob.map((s) => s.res.status)).toEqual([200, 200]);
    const overall = await openStream(stack.apiUrl, runId, KEY_B);
    expect(overall.res.status).toBe(429);
    expect(overall.res.headers.get('retry-after')).toBeTruthy();
    expect(JSON.parse(await overall.text).error.message).toContain('SSE_MAX_STREAMS');

    // Five streams on one run: one poll loop, which keeps polling while the run waits.
    expect(feeds.loopsStarted - loopsBefore).toBe(1);
    expect(feeds.activeLoops).toBe(1);
    const queries = feeds.loopQueries;
    await waitFor(async () => (feeds.loopQueries >= queries + 10 ? true : undefined), { what: 'the shared loop to keep polling' });
    expect(feeds.loopsStarted - loopsBefore).toBe(1);

    // Closing a stream frees its slot.
    alice[0]!.close();
    const again = await waitFor(async () => {
      const s = await openStream(stack.apiUrl, runId, KEY_A);
      return s.res.status === 200 ? s : undefined;
    }, { what: 'a freed slot' });
    expect(feeds.loopsStarted - loopsBefore).toBe(1);

    // The run executes: every open stream gets the same events, in order, and ends with the run.
    stack.addWorker();
    const texts = await Promise.all([alice[1]!, alice[2]!, ...bob, again].map((s) => s.text));
    const first = ids(texts[0]!);
    expect(first.length).toBeGreaterThan(3);
    for (const text of texts) expect(ids(text)).toEqual(first);
    expect([...texts[0]!.matchAll(/^event: (.+)$/gm)].map((m) => m[1]).at(-1)).toBe('run.succeeded');
    await waitFor(async () => (feeds.activeLoops === 0 ? true : undefined), { what: 'the loop to stop with its last stream' });

    // Streams ended, slots free: a stream on the finished run replays its events and ends.
    const replay = await openStream(stack.apiUrl, runId, KEY_B);
    expect(replay.res.status).toBe(200);
    expect(ids(await replay.text)).toEqual(first);
  }, 120_000);
});
