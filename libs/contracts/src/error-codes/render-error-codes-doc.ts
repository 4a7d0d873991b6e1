import { ERROR_CODE_CATALOG, ERROR_FAMILIES, type ErrorFamily } from './error-catalog';

const TITLES: Record<ErrorFamily, string> = {
  engine: 'Engine (`ENGINE_ERROR_CODES`): recorded by the engine on steps and runs',
  core: 'Core actions (`CORE_ACTION_ERROR_CODES`): raised by `core.*` actions',
  defender: 'Defender (`DEFENDER_ERROR_CODES`): raised by `defender.*` actions',
  api: 'API (`ERROR_CODES`): `error.code` of HTTP error answers',
};

/** docs/error-codes.md, generated from ERROR_CODE_CATALOG (a test keeps the committed copy identical). */
export function renderErrorCodesDoc(): string {
  const lines = [
    '# Error codes',
    '',
    '<!-- Generated from libs/contracts/src/error-codes (node -r ./tools/register.js tools/generate-error-codes-doc.ts); do not edit. -->',
    '',
    'Every code a step, a run or the API can report, by family. A step error is',
    '`{ code, message, retryable, status?, details? }`; an HTTP error is `{ "error": { code, message, correlationId, problems? } }`.',
    '`retry.on` in a playbook may name any code of the engine, core and Defender families (plus the',
    'sub-playbook start codes `INVALID_INPUTS`, `PLAYBOOK_NOT_FOUND`, `PLAYBOOK_DISABLED`); an unknown code',
    'is a problem with its line and column when the playbook is saved. *Retried* says whether the engine',
    'retries a step failing with the code (`retry.on` can only narrow that).',
  ];
  for (const family of ERROR_FAMILIES) {
    lines.push('', `## ${TITLES[family]}`, '', '| Code | Retried | Meaning |', '| --- | --- | --- |');
    for (const e of ERROR_CODE_CATALOG.filter((c) => c.family === family)) lines.push(`| \`${e.code}\` | ${e.retryable} | ${e.description.replace(/\|/g, '\\|')} |`);
  }
  return `${lines.join('\n')}\n`;
}
