import { canonicalTime, parseIntakeAlerts } from './parse-intake-alerts';
import { signIntakeBody, verifyIntakeSignature } from '../webhook/webhook-signature';

describe('parseIntakeAlerts', () => {
  it('takes one alert, a list or an OData page, Defender or Graph, in one alert shape', () => {
    const defender = { id: 'da1_2', lastUpdateTime: '2026-01-31T08:15:00.1230000Z', severity: 'High' };
    const graph = { id: 'da3_4', lastUpdateDateTime: '2026-01-31T08:16:00Z', severity: 'medium', status: 'inProgress', detectionSource: 'antivirus', evidence: [{ '@odata.type': '#microsoft.graph.security.fileEvidence' }] };
    const one = parseIntakeAlerts(defender);
    const page = parseIntakeAlerts({ value: [defender, graph] });
    expect(one).toEqual({ ok: true, alerts: [{ id: 'da1_2', version: '2026-01-31T08:15:00.123Z', alert: defender, raw: defender }] });
    if (!page.ok) throw new Error('expected ok');
    expect(page.alerts[1]!.alert).toMatchObject({ id: 'da3_4', severity: 'Medium', status: 'InProgress', detectionSource: 'WindowsDefenderAv', evidence: [{ entityType: 'File' }] });
    expect(parseIntakeAlerts([defender]).ok).toBe(true);
  });

  it('reports every problem with its path and accepts nothing then', () => {
    expect(parseIntakeAlerts([{ id: 'da1_2' }, 'x', { id: 'bad id', lastUpdateTime: 'soon' }])).toEqual({
      ok: false,
      problems: [
        expect.objectContaining({ path: 'body[0].lastUpdateTime' }),
        { path: 'body[1]', message: 'an alert is a JSON object' },
        expect.objectContaining({ path: 'body[2].id' }),
        expect.objectContaining({ path: 'body[2].lastUpdateTime' }),
      ],
    });
    expect(parseIntakeAlerts([])).toMatchObject({ ok: false, problems: [{ path: 'body', message: 'the list of alerts is empty' }] });
    expect(parseIntakeAlerts(42)).toMatchObject({ ok: false });
  });

  it('spells one instant one way, so two sources agree on the version', () => {
    expect(canonicalTime('2026-01-31T08:15:00.0000000Z')).toBe('2026-01-31T08:15:00Z');
    expect(canonicalTime('2026-01-31T08:15:00Z')).toBe('2026-01-31T08:15:00Z');
    expect(canonicalTime('2026-01-31T09:15:00.5+01:00')).toBe('2026-01-31T08:15:00.500Z');
  });
});

describe('webhook signature', () => {
  const body = Buffer.from('{"id":"da1_2"}');
  const now = 1_800_000_000_000;
  const ts = String(now / 1000);
  it('accepts the HMAC of "<timestamp>.<body>" within five minutes', () => {
    expect(verifyIntakeSignature({ secret: 's3cret-s3cret-s3cret', signature: signIntakeBody('s3cret-s3cret-s3cret', ts, body), timestamp: ts, body, nowMs: now + 299_000 })).toEqual({ ok: true });
  });
  it('refuses another secret, another body, a stale timestamp and a missing secret', () => {
    const good = signIntakeBody('s3cret-s3cret-s3cret', ts, body);
    expect(verifyIntakeSignature({ secret: 's3cret-s3cret-s3cret', signature: signIntakeBody('other-other-other', ts, body), timestamp: ts, body, nowMs: now }).ok).toBe(false);
    expect(verifyIntakeSignature({ secret: 's3cret-s3cret-s3cret', signature: good, timestamp: ts, body: Buffer.from('{}'), nowMs: now }).ok).toBe(false);
    expect(verifyIntakeSignature({ secret: 's3cret-s3cret-s3cret', signature: good, timestamp: ts, body, nowMs: now + 301_000 }).ok).toBe(false);
    expect(verifyIntakeSignature({ secret: undefined, signature: good, timestamp: ts, body, nowMs: now }).ok).toBe(false);
  });
});
