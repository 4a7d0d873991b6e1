import { Controller, Get, HttpCode, Inject, Param, Post, Query, Req } from '@nestjs/common';
import type { Request } from 'express';
import { z } from 'zod';
import { ERROR_CODES, intakeAlertsQuerySchema, type IntakeAlertsResponse, type IntakeStatusResponse } from '@soar/contracts';
import { parseIntakeAlerts, type AlertIntake } from '@soar/intake';
import { DEFAULT_PLAYBOOK_CONCURRENCY, type IntakeAlertRepository, type IntakeSourceRepository, type PlaybookRepository, type TriggeredRunRepository } from '@soar/persistence';
import { AppError } from '../errors/app-error';
import { parseBody } from '../request-body';
import { TOKENS } from '../tokens';
import { INTAKE_TOKENS } from './intake.tokens';

const nameParam = z.string().regex(/^[a-z0-9][a-z0-9-]{0,99}$/, 'a playbook name is a lowercase slug');

@Controller('api')
export class IntakeController {
  constructor(
    @Inject(INTAKE_TOKENS.alertIntake) private readonly intake: AlertIntake,
    @Inject(INTAKE_TOKENS.alerts) private readonly alerts: IntakeAlertRepository,
    @Inject(INTAKE_TOKENS.sources) private readonly sources: IntakeSourceRepository,
    @Inject(TOKENS.playbooks) private readonly playbooks: PlaybookRepository,
    @Inject(INTAKE_TOKENS.triggeredRuns) private readonly triggered: TriggeredRunRepository,
  ) {}

  /**
   * One Defender alert, one Graph alerts_v2 alert, a list, or `{ value: [...] }`. Authenticated
   * before this runs (intake-auth.middleware); the body arrives as raw bytes.
   */
  @Post('intake/alerts')
  @HttpCode(202)
  async receive(@Req() req: Request, @Query() query: unknown): Promise<IntakeAlertsResponse> {
    const { connection } = parseBody(intakeAlertsQuerySchema, query, 'query');
    const body = parseJson(req.body);
    const parsed = parseIntakeAlerts(body);
    if (!parsed.ok) throw new AppError(ERROR_CODES.validationFailed, `the alerts have ${parsed.problems.length} problem(s)`, parsed.problems);
    const result = await this.intake.ingest({ connection, source: 'webhook', sourceKey: { id: `webhook:${connection}`, kind: 'webhook', connection }, alerts: parsed.alerts });
    return { received: result.received, newVersions: result.newVersions, runs: result.runs, queued: result.queued, errors: result.errors };
  }

  /** Per source: last poll, watermark, alerts seen, runs started, duplicates dropped, errors, lag. */
  @Get('intake/status')
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

  /** Alert and schedule triggers stop starting runs; manual runs still start. */
  @Post('playbooks/:name/triggers/pause')
  @HttpCode(200)
  pause(@Param('name') name: string): Promise<object> {
    return this.setPaused(name, true);
  }

  @Post('playbooks/:name/triggers/resume')
  @HttpCode(200)
  resume(@Param('name') name: string): Promise<object> {
    return this.setPaused(name, false);
  }

  private async setPaused(name: string, paused: boolean): Promise<object> {
    const checked = parseBody(nameParam, name, 'name');
    if (!(await this.alerts.setTriggersPaused(checked, paused))) throw new AppError(ERROR_CODES.playbookNotFound, `playbook ${checked} does not exist`);
    return { name: checked, triggersPaused: paused };
  }
}

function parseJson(body: unknown): unknown {
  const text = Buffer.isBuffer(body) ? body.toString('utf8') : '';
  if (!text.trim()) throw new AppError(ERROR_CODES.validationFailed, 'send the alerts as a JSON body', [{ path: 'body', message: 'the body is empty' }]);
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new AppError(ERROR_CODES.validationFailed, 'the body is not valid JSON', [{ path: 'body', message: (error as Error).message }]);
  }
}
