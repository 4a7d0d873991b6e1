import { ApiUnreachableError, SoarApiClient } from './api-client';
import { CliError } from './cli-error';

const json = (status: number, body: unknown) => async () => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const client = (fetch: () => Promise<Response>, token?: string) =>
  new SoarApiClient({ baseUrl: 'http://soar.test/api', ...(token ? { token } : {}) }, { fetch: fetch as typeof globalThis.fetch, timeoutMs: 50 });
const yaml = new TextEncoder().encode('name: x\n');

async function caught(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a rejection');
}

describe('SoarApiClient', () => {
  it('sends YAML bytes unchanged with a Bearer key', async () => {
    const fetch = jest.fn(json(201, { name: 'x', version: 1, created: true, sha256: 'ab' }));
    expect(await client(fetch, 's3cret').savePlaybook(yaml)).toEqual({ ok: true, status: 201, value: { name: 'x', version: 1, created: true } });
    const [url, init] = fetch.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('http://soar.test/api/playbooks');
    expect(init.body).toBe(yaml);
    expect(init.headers).toMatchObject({ 'content-type': 'application/yaml', authorization: 'Bearer s3cret' });
  });

  it('returns expected errors with their problems', async () => {
    const problems = [{ path: 'steps[0].action', message: 'unknown action', line: 5, column: 13, code: 'unknown_action' }];
    const res = await client(json(400, { error: { code: 'INVALID_PLAYBOOK', message: 'invalid', correlationId: 'c', problems } })).savePlaybook(yaml);
    expect(res).toEqual({ ok: false, status: 400, error: { code: 'INVALID_PLAYBOOK', message: 'invalid', correlationId: 'c', problems } });
  });

  it('names the URL it could not reach', async () => {
    const refused = async () => {
      throw Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } });
    };
    const error = await caught(client(refused).getRun('r1'));
    expect(error).toBeInstanceOf(ApiUnreachableError);
    expect(error.message).toBe('cannot reach the SOAR API at http://soar.test/api/runs/r1?view=summary (ECONNREFUSED); is it running? Set --api or SOAR_API_URL to its URL.');
  });

  it('gives up on a silent API after the timeout', async () => {
    const silent = (_url: string, init: RequestInit) =>
      new Promise<Response>((_resolve, reject) => init.signal!.addEventListener('abort', () => reject(init.signal!.reason)));
    const error = await caught(client(silent as never).getRun('r1'));
    expect(error).toBeInstanceOf(ApiUnreachableError);
    expect(error.message).toContain('(no answer within 50 ms)');
  });

  it('explains a refused key without printing it', async () => {
    const error = await caught(client(json(401, { error: { code: 'UNAUTHORIZED', message: 'send a valid API key', correlationId: 'c' } }), 'sup3r-s3cret').getRun('r1'));
    expect(error).toBeInstanceOf(CliError);
    expect(error.message).toBe(
      'HTTP 401 from http://soar.test/api/runs/r1?view=summary: send a valid API key [UNAUTHORIZED]; the API key was not accepted: set SOAR_API_TOKEN (or --token)',
    );
    expect(error.message).not.toContain('sup3r-s3cret');
  });

  it('reports unexpected statuses with the correlation id', async () => {
    const error = await caught(client(json(404, { error: { code: 'RUN_NOT_FOUND', message: 'run r1 does not exist', correlationId: 'c-9' } })).getRun('r1'));
    expect(error.message).toBe('HTTP 404 from http://soar.test/api/runs/r1?view=summary: run r1 does not exist [RUN_NOT_FOUND] (correlation id c-9)');
  });

  it('says so when the URL is not the SOAR API', async () => {
    const html = async () => new Response('<html>hello</html>', { status: 200, headers: { 'content-type': 'text/html' } });
    const error = await caught(client(html).getRun('r1'));
    expect(error.message).toBe('unexpected answer from http://soar.test/api/runs/r1?view=summary (HTTP 200, text/html); is http://soar.test/api the SOAR API?');
    const notFound = await caught(client(async () => new Response('Not Found', { status: 404 })).savePlaybook(yaml));
    expect(notFound.message).toContain('unexpected answer from http://soar.test/api/playbooks (HTTP 404');
  });
});
