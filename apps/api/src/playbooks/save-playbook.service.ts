import { Inject, Injectable } from '@nestjs/common';
import { actionCatalog, ERROR_CODES } from '@soar/contracts';
import { parsePlaybook, type PlaybookDefinition } from '@soar/playbook';
import { loadPlaybookSecrets, type PlaybookRepository, type SaveResult } from '@soar/persistence';
import { AppError } from '../errors/app-error';
import { TOKENS } from '../tokens';
import type { ApiConfig } from '../api.config';

/** Validates a YAML document completely and stores it as a new immutable version. */
@Injectable()
export class SavePlaybookService {
  /** Names of the configured secrets: a playbook reading any other name is rejected on save. */
  private readonly secretNames: string[];

  constructor(
    @Inject(TOKENS.playbooks) private readonly playbooks: PlaybookRepository,
    @Inject(TOKENS.config) private readonly config: ApiConfig,
  ) {
    this.secretNames = Object.keys(loadPlaybookSecrets(config.PLAYBOOK_SECRETS_FILE));
  }

  async save(source: string, savedBy: string): Promise<SaveResult> {
    const playbook = this.check(source);
    return this.playbooks.save(playbook.name, source, playbook, savedBy);
  }

  /** Every problem of the document at once (400 with line and column), or its parsed definition. */
  check(source: string): PlaybookDefinition {
    const parsed = parsePlaybook(source, { catalog: actionCatalog, maxBytes: this.config.PLAYBOOK_MAX_BYTES, secretNames: this.secretNames });
    if (!parsed.ok) {
      throw new AppError(ERROR_CODES.invalidPlaybook, `the playbook has ${parsed.problems.length} problem(s)`, parsed.problems);
    }
    return parsed.playbook;
  }
}
