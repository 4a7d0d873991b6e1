import { Controller, HttpCode, Post, Req } from '@nestjs/common';
import type { Request } from 'express';
import { ERROR_CODES, type PlaybookValidationDto } from '@soar/contracts';
import { AppError } from '../errors/app-error';
import { AcceptsBody } from '../http/accepts-body.decorator';
import { SavePlaybookService } from './save-playbook.service';

/**
 * `POST /api/playbooks/validate`: checks a YAML document exactly as saving would (same parser,
 * catalog, size limit and secret names) without storing anything: 200 `{valid, problems}` with
 * every problem's path, line and column. The console's editor calls it as the author types.
 */
@Controller('api/playbooks')
export class ValidatePlaybookController {
  constructor(private readonly savePlaybook: SavePlaybookService) {}

  @Post('validate')
  @HttpCode(200)
  @AcceptsBody('yaml')
  validate(@Req() req: Request): PlaybookValidationDto {
    if (typeof req.body !== 'string') throw new AppError(ERROR_CODES.unsupportedMediaType, 'send the playbook as YAML text with Content-Type application/yaml');
    try {
      const playbook = this.savePlaybook.check(req.body);
      return { valid: true, name: playbook.name, title: playbook.title, problems: [] };
    } catch (error) {
      // An invalid document is the answer to this question, not a failed request.
      if (error instanceof AppError && error.code === ERROR_CODES.invalidPlaybook) return { valid: false, problems: error.problems ?? [] };
      throw error;
    }
  }
}
