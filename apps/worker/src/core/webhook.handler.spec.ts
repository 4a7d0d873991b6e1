import { createServer, type Server } from 'node:http';
import type { ActionContext, JsonValue } from '@soar/contracts';
import { parseWebhookAllowList, type AllowedOrigin } from './outbound/webhook-allow-list';
import type { Resolver } from './outbound/pinned-lookup';
import { webhookHandler } from './webhook.handler';

const ctx: ActionContext = { runId: 'r', stepId: 's', attempt: 1, connection: 'default', maybeSent: false };
const origins = (text: string): AllowedOrigin[] => {
  const parsed = parseWebhookAllowList(text);
  if (!parsed.ok) throw new Error(parsed.problems.join('; '));
  return parsed.origins;
};
const call = (handler: ReturnType<typeof webhookHandler>, url: string) =>
  handler.execute({ url, method: 'POST', headers: { authorization: 'Bearer t0ken-abcdefgh' }, body: { a: 1 }, timeout_seconds: 5 } as unknown as JsonValue, ctx);
const codeOf = async (promise: Promise<unknown>): Promise<string> => {
  try {
    await promise;
    return 'succeeded';
  } catch (error) {
    return (error as { code: string }).code;
  }
};
/** Stands in for DNS: every name resolves to the given address. */
const resolvingTo = (address: string): Resolver => (_host, cb) => cb(null, [{ address, family: address.includes(':') ? 6 : 4 }]);

describe('core.webhook outbound rules (issue 12, item 6)', () => {
  let server: Server;
  let port: number;
  let hits: string[];

  beforeAll(async () => {
    hits = [];
    server = createServer((req, res) => {
      hits.push(`${req.method} ${req.headers.host} ${req.url}`);
      res.setHeader('content-type', 'application/json');
      res.end('{"ok":true}');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    port = (server.address() as { port: number }).port;
  });
  afterAll(() => new Promise((r) => server.close(r)));
  beforeEach(() => (hits = []));

  it('parses entries as scheme + host + port, https unless an entry says http://', () => {
    expect(origins('hooks.slack.com, https://a.example:8443, http://10.0.0.5:8080, localhost, [::1]:9000')).toEqual([
      { scheme: 'https', host: 'hooks.slack.com', port: 443 },
      { scheme: 'https', host: 'a.example', port: 8443 },
      { scheme: 'http', host: '10.0.0.5', port: 8080 },
      { scheme: 'https', host: 'localhost', port: 443 },
      { scheme: 'https', host: '::1', port: 9000 },
    ]);
    expect(parseWebhookAllowList('ftp://x, https://a.example/path, https://u:p@b.example')).toMatchObject({ ok: false, problems: [expect.stringContaining('ftp://x'), expect.stringContaining('/path'), expect.stringContaining('credentials')] });
  });

  it('a bare `localhost` entry does not open every local port, nor plain http (the simulator control API case)', async () => {
    const handler = webhookHandler({ allowed: origins('localhost') });
    expect(await codeOf(call(handler, `http://localhost:${port}/state`))).toBe('WEBHOOK_HOST_NOT_ALLOWED');
    expect(await codeOf(call(handler, `https://localhost:${port}/state`))).toBe('WEBHOOK_HOST_NOT_ALLOWED');
    expect(hits).toEqual([]);
  });

  it('refuses http to an https-only entry, so a secret header never travels in clear', async () => {
    const handler = webhookHandler({ allowed: origins(`127.0.0.1:${port}`) });
    expect(await codeOf(call(handler, `http://127.0.0.1:${port}/hook`))).toBe('WEBHOOK_HOST_NOT_ALLOWED');
    expect(hits).toEqual([]);
  });

  it('calls an origin allowed exactly, loopback included when the entry names that address', async () => {
    const handler = webhookHandler({ allowed: origins(`http://127.0.0.1:${port}`) });
    expect(await codeOf(call(handler, `http://127.0.0.1:${port}/hook`))).toBe('succeeded');
    expect(hits).toEqual([`POST 127.0.0.1:${port} /hook`]);
  });

  it.each([
    ['loopback', '127.0.0.1'],
    ['link-local (cloud metadata)', '169.254.169.254'],
    ['private', '10.1.2.3'],
    ['IPv4-mapped loopback', '::ffff:127.0.0.1'],
  ])('refuses an allowed name that resolves to a %s address', async (_kind, address) => {
    const handler = webhookHandler({ allowed: origins(`http://hooks.example.test:${port}`), resolve: resolvingTo(address) });
    expect(await codeOf(call(handler, `http://hooks.example.test:${port}/hook`))).toBe('WEBHOOK_ADDRESS_NOT_ALLOWED');
    expect(hits).toEqual([]);
  });

  it('connects to the address it checked (pinned): a name known only to the checked resolver reaches the server', async () => {
    // hooks.example.test exists in no DNS: the request can only arrive if the socket used the
    // vetted answer instead of resolving again (which is what a rebinding attack relies on).
    const handler = webhookHandler({ allowed: origins(`http://hooks.example.test:${port}`), privateNetworks: ['127.0.0.0/8'], resolve: resolvingTo('127.0.0.1') });
    expect(await codeOf(call(handler, `http://hooks.example.test:${port}/hook`))).toBe('succeeded');
    expect(hits).toEqual([`POST hooks.example.test:${port} /hook`]);
  });
});
