import type { AuditEntryDto } from '@soar/contracts';

const COLUMNS = ['id', 'at', 'actor', 'roles', 'source', 'action', 'target', 'status', 'outcome', 'clientAddress', 'correlationId'] as const;

/**
 * RFC 4180 CSV: every field quoted, quotes doubled. A field starting with = + - @ (or a tab/CR) gets a
 * leading apostrophe so a spreadsheet does not run it as a formula (actors and targets are user-chosen).
 */
const field = (value: unknown): string => {
  const text = Array.isArray(value) ? value.join('+') : value === null || value === undefined ? '' : String(value);
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return `"${safe.replace(/"/g, '""')}"`;
};

export const auditCsv = (items: readonly AuditEntryDto[]): string =>
  [COLUMNS.join(','), ...items.map((item) => COLUMNS.map((c) => field(item[c])).join(','))].join('\r\n') + '\r\n';
