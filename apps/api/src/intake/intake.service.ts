import { Inject, Injectable } from '@nestjs/common';
import { ERROR_CODES, findUnstorableStrings, type IntakeAlertsResponse, type IntakeStatusResponse, type TriggersStateResponse } from '@soar/contracts';
import { parseIntakeAlerts, type AlertIntake } from '@soar/intake';
import { DEFAULT_PLAYBOOK_CONCURRENCY, type IntakeAlertRepository, type IntakeSourceRepository, type PlaybookRepository, type TriggeredRunRepository } from '@soar/persistence';
import { AppError } from '../errors/app-error';
import { TOKENS } from '../tokens';
import { INTAKE_TOKENS } from './intake.tokens';

/** Alerts delivered by forwarders, matched to playbooks' triggers; the sources' state. */
@Injectable()
export class IntakeService {
  constructor(
    @Inject(INTAKE_TOKENS.alertIntake) private readonly intake: AlertIntake,
    @Inject(INTAKE_TOKENS.alerts) private readonly alerts: IntakeAlertRepository,
    @Inject(INTAKE_TOKENS.sources) private readonly sources: IntakeSourceRepository,
    @Inject(TOKENS.playbooks) private readonly playbooks: PlaybookRepository,
    @Inject(INTAKE_TOKENS.triggeredRuns) private readonly triggered: TriggeredRunRepository,
  ) {}

  async receive(rawBody: unknown, connection: string): Promise<IntakeAlertsResponse> {
    const json = parseJson(rawBody);
    // Alerts are stored as sent (jsonb): NUL, lone surrogates and absurd nesting are a 400 here, not a database error.
    const unstorable = findUnstorableStrings(json, 'body');
    if (unstorable.length) throw new AppError(ERROR_CODES.validationFailed, `the alerts have ${unstorable.length} problem(s)`, unstorable);
    const parsed = parseIntakeAlerts(json);
    if (!parsed.ok) throw new AppError(ERROR_CODES.validationFailed, `the alerts have ${parsed.problems.length} problem(s)`, parsed.problems);
    const result = await this.intake.ingest({ connection, source: 'webhook', sourceKey: { id: `webhook:${connection}`, kind: 'webhook', connection }, alerts: parsed.alerts });
    return { received: result.received, newVersions: result.newVersions, runs: result.runs, queued: result.queued, errors: result.errors };
  }

  async status(): Promise<IntakeStatusResponse> {
    const [sources, playbooks, paused, held] = await Promise.all([this.sources.list(), this.playbooks.list(), this.alerts.pausedPlaybooks(), this.triggered.heldCounts()]);
    return {
      sources,
      playbooks: playbooks
        .filter((p) => p.definition.triggers.some((t) => t.type !== 'manual'))
        .map((p) => ({
          name: p.name,
          enabled: p.enabled,
          triggersPaused: paused.has(p.name),
          concurrency: p.definition.concurrency ?? DEFAULT_PLAYBOOK_CONCURRENCY,
          waitingRuns: held.get(p.name) ?? 0,
          alertTriggers: p.definition.triggers.filter((t) => t.type === 'alert').length,
          scheduleTriggers: p.definition.triggers.flatMap((t) => (t.type === 'schedule' ? [{ cron: t.cron, timezone: t.timezone }] : [])),
        })),
    };
  }

  async setPaused(name: string, paused: boolean): Promise<TriggersStateResponse> {
    if (!(await this.alerts.setTriggersPaused(name, paused))) throw new AppError(ERROR_CODES.playbookNotFound, `playbook ${name} does not exist`);
    return { name, triggersPaused: paused };
  }
}

/** The raw body as JSON, or a 400 naming what is wrong with it. */
function parseJson(body: unknown): unknown {
  const text = Buffer.isBuffer(body) ? body.toString('utf8') : '';
  if (!text.trim()) throw new AppError(ERROR_CODES.validationFailed, 'send the alerts as a JSON body', [{ path: 'body', message: 'the body is empty' }]);
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new AppError(ERROR_CODES.validationFailed, 'the body is not valid JSON', [{ path: 'body', message: (error as Error).message }]);
  }
}
