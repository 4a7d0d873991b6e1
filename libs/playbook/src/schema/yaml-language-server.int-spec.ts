import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const schemaPath = path.resolve(__dirname, '../../playbook.schema.json');
const serverEntry = require.resolve('yaml-language-server/bin/yaml-language-server');

/** A minimal LSP client over stdio (Content-Length framing, JSON-RPC 2.0). */
class LspClient {
  private buffer = Buffer.alloc(0);
  private nextId = 1;
  private readonly pending = new Map<number, (result: unknown) => void>();
  readonly diagnostics = new Map<string, unknown[]>();
  private readonly proc: ChildProcessWithoutNullStreams;

  constructor() {
    this.proc = spawn(process.execPath, [serverEntry, '--stdio'], { stdio: 'pipe' });
    this.proc.stdout.on('data', (chunk: Buffer) => this.read(chunk));
  }

  request<T>(method: string, params: unknown): Promise<T> {
    const id = this.nextId++;
    this.send({ jsonrpc: '2.0', id, method, params });
    return new Promise((resolve) => this.pending.set(id, resolve as (r: unknown) => void));
  }

  notify(method: string, params: unknown): void {
    this.send({ jsonrpc: '2.0', method, params });
  }

  stop(): void {
    this.proc.kill();
  }

  private send(message: object): void {
    const body = Buffer.from(JSON.stringify(message), 'utf8');
    this.proc.stdin.write(`Content-Length: ${body.length}\r\n\r\n`);
    this.proc.stdin.write(body);
  }

  private read(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const headerEnd = this.buffer.indexOf('\r\n\r\n');
      if (headerEnd < 0) return;
      const length = Number(/Content-Length: (\d+)/i.exec(this.buffer.subarray(0, headerEnd).toString())?.[1]);
      if (this.buffer.length < headerEnd + 4 + length) return;
      const message = JSON.parse(this.buffer.subarray(headerEnd + 4, headerEnd + 4 + length).toString('utf8')) as {
        id?: number;
        method?: string;
        params?: { uri: string; diagnostics: unknown[] };
        result?: unknown;
      };
      this.buffer = this.buffer.subarray(headerEnd + 4 + length);
      if (message.id !== undefined && message.method === undefined) this.pending.get(message.id)?.(message.result);
      else if (message.id !== undefined && message.method) this.send({ jsonrpc: '2.0', id: message.id, result: message.method === 'workspace/configuration' ? [settings.yaml] : null });
      else if (message.method === 'textDocument/publishDiagnostics' && message.params) this.diagnostics.set(message.params.uri, message.params.diagnostics);
    }
  }
}

const settings = { yaml: { validate: true, hover: true, completion: true, schemaStore: { enable: false }, schemas: {} } };

const playbook = `# yaml-language-server: $schema=${pathToFileURL(schemaPath).href}
name: hover-check
title: Hover check
steps:
  - id: isolate
    action: defender.machine.isolate
    with:
      machine_id: "\${{ inputs.machine }}"
      comment: contain
  - id: typo
    action: defender.isolate_machine
`;

type Hover = { contents: { kind?: string; value?: string } | string } | null;
const text = (hover: Hover) => (hover === null ? '' : typeof hover.contents === 'string' ? hover.contents : (hover.contents.value ?? ''));

/** The real yaml-language-server, fed the committed schema, as an editor would run it. */
describe('editor help from playbook.schema.json (yaml-language-server over stdio)', () => {
  let lsp: LspClient;
  const uri = 'file:///tmp/hover-check.yaml';
  beforeAll(async () => {
    lsp = new LspClient();
    await lsp.request('initialize', { processId: process.pid, rootUri: null, capabilities: { textDocument: { hover: { contentFormat: ['markdown', 'plaintext'] } } }, workspaceFolders: null });
    lsp.notify('initialized', {});
    lsp.notify('workspace/didChangeConfiguration', { settings });
    lsp.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text: playbook } });
  });
  afterAll(() => lsp?.stop());

  const lineOf = (needle: string) => playbook.split('\n').findIndex((l) => l.includes(needle));

  it('hover on an action shows its title, description and permissions', async () => {
    const line = lineOf('action: defender.machine.isolate');
    const hover = await lsp.request<Hover>('textDocument/hover', { textDocument: { uri }, position: { line, character: 16 } });
    expect(text(hover)).toContain('Isolate machine');
    expect(text(hover)).toContain('Isolates a machine from the network');
    expect(text(hover)).toContain('Machine.Isolate');
  });

  it('hover on a parameter key shows that parameter’s description', async () => {
    const line = lineOf('comment: contain');
    const hover = await lsp.request<Hover>('textDocument/hover', { textDocument: { uri }, position: { line, character: 8 } });
    expect(text(hover)).toContain('Comment recorded in Defender');
    expect(text(hover)).not.toMatch(/Defender SOAR playbook/);
  });

  it('an unknown action is flagged without listing every action', async () => {
    const deadline = Date.now() + 20_000;
    while (!lsp.diagnostics.has(uri) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    const diagnostics = (lsp.diagnostics.get(uri) ?? []) as { message: string; range: { start: { line: number } } }[];
    const onTypo = diagnostics.filter((d) => d.range.start.line === lineOf('defender.isolate_machine'));
    expect(onTypo.length).toBeGreaterThan(0);
    expect(onTypo.map((d) => d.message)).toEqual([expect.stringContaining('Unknown action. `soar lint` names the closest one')]);
    expect(onTypo[0]!.message).not.toContain('defender.alert.get');
  });

  it('completion offers every action with its description', async () => {
    const line = lineOf('action: defender.isolate_machine');
    const completion = await lsp.request<{ items: { label: string; documentation?: { value?: string } | string }[] }>('textDocument/completion', {
      textDocument: { uri },
      position: { line, character: 12 },
    });
    const isolate = completion.items.find((i) => i.label === 'defender.machine.isolate');
    expect(isolate).toBeDefined();
    expect(JSON.stringify(isolate!.documentation)).toContain('Isolates a machine from the network');
    expect(completion.items.filter((i) => i.label.startsWith('defender.')).length).toBeGreaterThan(40);
  });
});
