import { Writable } from 'node:stream';
import { withCorrelation } from './correlation';
import { createLogger } from './logger';

/** A logger writing its JSON lines into memory. */
function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return { logger: createLogger('test', 'debug', stream), text: () => lines.join('') };
}

const JWT = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhYmMiLCJ0aWQiOiJ4In0.c2lnbmF0dXJlLWJ5dGVz';

describe('logger redaction by serializer (issue 12, item 5)', () => {
  it('redacts credentials at any depth, whatever the field is called around them', () => {
    const { logger, text } = capture();
    logger.info(
      {
        connection: { name: 'contoso', credential: { clientSecret: 'cs-0a1b2c3d4e', certificate: { privateKeyPem: '-----BEGIN PRIVATE KEY-----abc' } } },
        request: { headers: { Authorization: `Bearer ${JWT}`, 'x-api-key': 'ak-778899aabb' }, body: `client_id=x&client_assertion=${JWT}&client_secret=cs-55667788` },
        deep: { a: { b: { c: { d: { tokens: ['t1-abcdefgh'], playbookSecret: 'ps-9988776655' } } } } },
        note: `called with ${JWT}`,
        machineId: 'a'.repeat(40),
      },
      'calling Defender',
    );
    const out = text();
    for (const leaked of ['cs-0a1b2c3d4e', 'BEGIN PRIVATE KEY', JWT, 'ak-778899aabb', 'cs-55667788', 't1-abcdefgh', 'ps-9988776655']) expect(out).not.toContain(leaked);
    expect(JSON.parse(out)).toMatchObject({ machineId: 'a'.repeat(40), msg: 'calling Defender', request: { body: expect.stringContaining('client_id=x') } });
  });

  it('redacts tokens in errors and in the message text', () => {
    const { logger, text } = capture();
    const error = Object.assign(new Error(`token endpoint said: Bearer ${JWT} invalid`), { accessToken: 'at-1234567890' });
    logger.error({ err: error }, `failed with Authorization: Bearer ${JWT}`);
    const out = text();
    expect(out).not.toContain(JWT);
    expect(out).not.toContain('at-1234567890');
    expect(out).toContain('token endpoint said');
  });
});

describe('logger correlation', () => {
  it('adds the correlation context of the code running to every line', async () => {
    const { logger, text } = capture();
    await withCorrelation({ correlationId: 'c-1', runId: 'r-1' }, async () => {
      await new Promise((r) => setTimeout(r, 1));
      withCorrelation({ stepId: 'isolate', attempt: 2 }, () => logger.info({}, 'inside'));
    });
    logger.info({}, 'outside');
    const lines = text().trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines[0]).toMatchObject({ correlationId: 'c-1', runId: 'r-1', stepId: 'isolate', attempt: 2, msg: 'inside' });
    expect(lines[1]).not.toHaveProperty('correlationId');
  });
});
