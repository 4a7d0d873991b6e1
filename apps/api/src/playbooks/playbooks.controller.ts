import { Body, Controller, Get, HttpCode, Inject, Param, Post, Req } from '@nestjs/common';
import type { Request } from 'express';
import { z } from 'zod';
import { ERROR_CODES } from '@soar/contracts';
import type { PlaybookRepository } from '@soar/persistence';
import { AppError } from '../errors/app-error';
import { parseBody } from '../request-body';
import { StartRunService } from '../runs/start-run.service';
import { actorOf } from '../auth/actor';
import { TOKENS } from '../tokens';
import { playbookDetail, playbookSummary } from './playbook.views';
import { SavePlaybookService } from './save-playbook.service';

const nameParam = z.string().regex(/^[a-z0-9][a-z0-9-]{0,99}$/, 'a playbook name is a lowercase slug');
const versionParam = z.coerce.number().int().min(1).max(1_000_000);
const startRunBody = z.strictObject({ inputs: z.record(z.string(), z.unknown()).default({}) });

@Controller('api/playbooks')
export class PlaybooksController {
  constructor(
    private readonly savePlaybook: SavePlaybookService,
    private readonly startRun: StartRunService,
    @Inject(TOKENS.playbooks) private readonly playbooks: PlaybookRepository,
  ) {}

  /** Body: the YAML document (application/yaml, text/yaml or text/plain). */
  @Post()
  async create(@Req() req: Request & { rawText?: string }): Promise<object> {
    if (typeof req.body !== 'string') {
      throw new AppError(ERROR_CODES.unsupportedMediaType, 'send the playbook as YAML text with Content-Type application/yaml');
    }
    const { record, created } = await this.savePlaybook.save(req.body, actorOf(req));
    req.res?.status(created ? 201 : 200);
    return { ...playbookSummary(record), created };
  }

  @Get()
  async list(): Promise<object> {
    return { items: (await this.playbooks.list()).map(playbookSummary) };
  }

  @Get(':name')
  async get(@Param('name') name: string): Promise<object> {
    const playbook = await this.playbooks.latest(parseBody(nameParam, name, 'name'));
    if (!playbook) throw new AppError(ERROR_CODES.playbookNotFound, `playbook ${name} does not exist`);
    return playbookDetail(playbook);
  }

  @Get(':name/versions')
  async versions(@Param('name') name: string): Promise<object> {
    const versions = await this.playbooks.listVersions(parseBody(nameParam, name, 'name'));
    if (!versions) throw new AppError(ERROR_CODES.playbookNotFound, `playbook ${name} does not exist`);
    return { items: versions.map((v) => ({ ...v, savedAt: v.savedAt.toISOString() })) };
  }

  @Get(':name/versions/:version')
  async version(@Param('name') name: string, @Param('version') version: string): Promise<object> {
    const record = await this.playbooks.getVersion(parseBody(nameParam, name, 'name'), parseBody(versionParam, version, 'version'));
    if (!record) throw new AppError(ERROR_CODES.playbookNotFound, `playbook ${name} has no version ${version}`);
    return playbookDetail(record);
  }

  /** Disabled playbooks keep their versions but start no runs (409). */
  @Post(':name/enable')
  @HttpCode(200)
  enable(@Param('name') name: string): Promise<object> {
    return this.setEnabled(name, true);
  }

  @Post(':name/disable')
  @HttpCode(200)
  disable(@Param('name') name: string): Promise<object> {
    return this.setEnabled(name, false);
  }

  private async setEnabled(name: string, enabled: boolean): Promise<object> {
    if (!(await this.playbooks.setEnabled(parseBody(nameParam, name, 'name'), enabled))) {
      throw new AppError(ERROR_CODES.playbookNotFound, `playbook ${name} does not exist`);
    }
    return { name, enabled };
  }

  @Post(':name/runs')
  @HttpCode(202)
  async run(@Param('name') name: string, @Body() body: unknown, @Req() req: Request): Promise<object> {
    const { inputs } = parseBody(startRunBody, body ?? {});
    const { runId, version } = await this.startRun.start(parseBody(nameParam, name, 'name'), inputs, actorOf(req));
    return { runId, playbook: name, version, status: 'queued', links: { run: `/api/runs/${runId}` } };
  }
}
