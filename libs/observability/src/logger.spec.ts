import { Writable } from 'node:stream';
import { withCorrelation } from './correlation';
import { createLogger } from './logger';

/** The logger createLogger builds, writing to memory instead of stdout. */
function memoryLogger() {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      lines.push(JSON.parse(chunk.toString()));
      done();
    },
  });
  const logger = createLogger('test', 'info', sink);
  return { logger, lines };
}

describe('logger', () => {
  it('censors credentials by key at any of the first three levels, including whole credential objects and request headers', () => {
    const { logger, lines } = memoryLogger();
    logger.info({
      clientSecret: 's1',
      connection: { name: 'contoso', credential: { kind: 'secret', clientSecret: 's2' }, token: 't1' },
      req: { headers: { authorization: 'Bearer t2', cookie: 'c=1', accept: 'application/json' } },
      deep: { config: { privateKeyPem: '-----BEGIN' } },
    }, 'x');
    const text = JSON.stringify(lines[0]);
    for (const secret of ['s1', 's2', 't1', 'Bearer t2', 'c=1', '-----BEGIN']) expect(text).not.toContain(secret);
    expect(lines[0]).toMatchObject({ connection: { name: 'contoso', credential: '[redacted]' }, req: { headers: { accept: 'application/json' } } });
  });

  it('adds the correlation context of the code running to every line', async () => {
    const { logger, lines } = memoryLogger();
    await withCorrelation({ correlationId: 'c-1', runId: 'r-1' }, async () => {
      await new Promise((r) => setTimeout(r, 1));
      withCorrelation({ stepId: 'isolate', attempt: 2 }, () => logger.info({}, 'inside'));
    });
    logger.info({}, 'outside');
    expect(lines[0]).toMatchObject({ correlationId: 'c-1', runId: 'r-1', stepId: 'isolate', attempt: 2, msg: 'inside' });
    expect(lines[1]).not.toHaveProperty('correlationId');
  });
});
