import { Controller, Get, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import {
  ERROR_CODES,
  playbookNameSchema,
  playbookVersionSchema,
  type PlaybookDetailDto,
  type PlaybookEnabledDto,
  type PlaybookListDto,
  type PlaybookVersionListDto,
  type SavedPlaybookDto,
} from '@soar/contracts';
import { CurrentPrincipal, type Principal } from '../auth/principal';
import { AppError } from '../errors/app-error';
import { AcceptsBody } from '../http/accepts-body.decorator';
import { param } from '../http/zod.pipe';
import { PlaybooksService } from './playbooks.service';
import { SavePlaybookService } from './save-playbook.service';

const name = () => param(playbookNameSchema, 'name');

/** Routes of the `playbooks` tag (HTTP_ROUTES in libs/contracts); starting runs is in the runs module. */
@Controller('api/playbooks')
export class PlaybooksController {
  constructor(
    private readonly savePlaybook: SavePlaybookService,
    private readonly playbooks: PlaybooksService,
  ) {}

  /** Body: the YAML document; 201 when stored as a new version, 200 when unchanged. */
  @Post()
  @AcceptsBody('yaml')
  async create(@Req() req: Request, @Res({ passthrough: true }) res: Response, @CurrentPrincipal() principal: Principal): Promise<SavedPlaybookDto> {
    if (typeof req.body !== 'string') throw new AppError(ERROR_CODES.unsupportedMediaType, 'send the playbook as the request body with Content-Type application/yaml');
    const { saved, created } = await this.savePlaybook.save(req.body, principal.actor);
    res.status(created ? 201 : 200);
    return saved;
  }

  @Get()
  list(): Promise<PlaybookListDto> {
    return this.playbooks.list();
  }

  @Get(':name')
  get(@Param('name', name()) playbook: string): Promise<PlaybookDetailDto> {
    return this.playbooks.latest(playbook);
  }

  @Get(':name/versions')
  versions(@Param('name', name()) playbook: string): Promise<PlaybookVersionListDto> {
    return this.playbooks.versions(playbook);
  }

  @Get(':name/versions/:version')
  version(@Param('name', name()) playbook: string, @Param('version', param(playbookVersionSchema, 'version')) version: number): Promise<PlaybookDetailDto> {
    return this.playbooks.version(playbook, version);
  }

  @Post(':name/enable')
  @HttpCode(200)
  enable(@Param('name', name()) playbook: string): Promise<PlaybookEnabledDto> {
    return this.playbooks.setEnabled(playbook, true);
  }

  @Post(':name/disable')
  @HttpCode(200)
  disable(@Param('name', name()) playbook: string): Promise<PlaybookEnabledDto> {
    return this.playbooks.setEnabled(playbook, false);
  }
}
