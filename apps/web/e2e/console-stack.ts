import type { Browser } from 'playwright-core';
import { startE2eStack, type E2eStack } from '../../api/e2e/e2e-stack';
import { http } from '../../api/e2e/http';
import { ensureConsoleBuilt } from '../../../tools/build-console';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { launchChromium } from './browser';
import { userToken } from '../../api/e2e/entra-tokens';

/**
 * The whole product as an analyst meets it: the console built from this checkout and served by
 * the API at `/`, the worker process, the Defender simulator, Postgres and Redis, and Chromium.
 */
export class ConsoleStack {
  stack!: E2eStack;
  browser!: Browser;
  origin!: string;

  /** `entra`: users sign in through the simulator's token service (the playbooks are saved as its admin, alice). */
  async start(playbooks: string[], env?: Record<string, string>, options: { entra?: boolean } = {}): Promise<void> {
    // Chromium first: without it the spec fails at once with the install command.
    this.browser = await launchChromium();
    await ensureConsoleBuilt(() => undefined);
    this.stack = await startE2eStack({ env, entra: options.entra });
    this.origin = this.stack.apiUrl.replace(/\/api$/, '');
    const headers = options.entra
      ? { authorization: `Bearer ${await userToken(this.stack.sim, 'alice@contoso.test', 'alice-pass')}` }
      : env?.API_KEYS
        ? this.keyHeader(env.API_KEYS)
        : {};
    for (const name of playbooks) await this.save(readFileSync(path.resolve(__dirname, '../../../workflows', `${name}.yaml`), 'utf8'), headers);
  }

  async save(yaml: string, headers: Record<string, string> = {}): Promise<void> {
    const saved = await http('POST', `${this.stack.apiUrl}/playbooks`, yaml, headers);
    if (saved.status >= 300) throw new Error(`could not save the playbook: ${saved.text}`);
  }

  private keyHeader(spec: string): Record<string, string> {
    return { authorization: `Bearer ${spec.split(',')[0]!.split('=')[1]}` };
  }

  async stop(): Promise<void> {
    await this.browser?.close();
    await this.stack?.stop();
  }
}
