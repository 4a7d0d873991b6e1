import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DEFENDER_ERROR_CODES } from '../actions/defender/defender-error-codes';
import { ERROR_CODES } from '../errors';
import { CORE_ACTION_ERROR_CODES } from './core-action-error-codes';
import { ENGINE_ERROR_CODES } from './engine-error-codes';
import { ERROR_CODE_CATALOG, errorFamilyOf } from './error-catalog';
import { RateLimitedError } from './rate-limited.error';
import { renderErrorCodesDoc } from './render-error-codes-doc';

describe('error code families', () => {
  it('documents every code of every family exactly once, under its own family', () => {
    const families = { engine: ENGINE_ERROR_CODES, core: CORE_ACTION_ERROR_CODES, defender: DEFENDER_ERROR_CODES, api: ERROR_CODES };
    for (const [family, codes] of Object.entries(families)) {
      for (const code of Object.values(codes)) expect([code, errorFamilyOf(code)]).toEqual([code, family]);
    }
    const all = ERROR_CODE_CATALOG.map((e) => e.code);
    expect(new Set(all).size).toBe(all.length);
    for (const e of ERROR_CODE_CATALOG) expect(e.description.length).toBeGreaterThan(10);
  });

  it('keeps docs/error-codes.md identical to the catalog (regenerate: node -r ./tools/register.js tools/generate-error-codes-doc.ts)', () => {
    const committed = readFileSync(path.resolve(__dirname, '../../../../docs/error-codes.md'), 'utf8');
    expect(committed).toBe(renderErrorCodesDoc());
  });

  it('gives the rate-limit wait its own type, so nothing has to compare its code', () => {
    const error = new RateLimitedError('no slot', 700, { group: 'default' });
    expect(error.toJSON()).toEqual({ code: 'RATE_LIMITED', message: 'no slot', retryable: true, details: { group: 'default' } });
    expect(error.retryAfterMs).toBe(700);
  });
});
