import { Inject, Injectable } from '@nestjs/common';
import { ERROR_CODES, findUnstorableStrings, unstorableReason, type Problem, type SavedPlaybookDto } from '@soar/contracts';
import { actionCatalog } from '@soar/defender';
import { parsePlaybook, type PlaybookDefinition } from '@soar/playbook';
import { loadPlaybookSecrets, type PlaybookRepository } from '@soar/persistence';
import { AppError } from '../errors/app-error';
import { TOKENS } from '../tokens';
import type { ApiConfig } from '../api.config';
import { playbookSummary } from './playbook.views';

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

  async save(source: string, savedBy: string): Promise<{ saved: SavedPlaybookDto; created: boolean }> {
    const playbook = this.check(source);
    const { record, created } = await this.playbooks.save(playbook.name, source, playbook, savedBy);
    return { saved: { ...playbookSummary(record), created }, created };
  }

  /** Every problem of the document at once (400 with line and column), or its parsed definition; stores nothing. */
  check(source: string): PlaybookDefinition {
    const raw = unstorableInSource(source);
    if (raw) throw invalid([raw]);
    const parsed = parsePlaybook(source, { catalog: actionCatalog, maxBytes: this.config.PLAYBOOK_MAX_BYTES, secretNames: this.secretNames });
    if (!parsed.ok) throw invalid(parsed.problems);
    // YAML escapes ("\0", "\uD800") can still produce text Postgres cannot store in the definition.
    const escaped = findUnstorableStrings(parsed.playbook, '').map((p) => ({ ...p, path: p.path.replace(/^\./, '') }));
    if (escaped.length) throw invalid(escaped);
    return parsed.playbook;
  }
}

const invalid = (problems: Problem[]) => new AppError(ERROR_CODES.invalidPlaybook, `the playbook has ${problems.length} problem(s)`, problems);

/** A NUL character written into the document itself, located by line and column. */
function unstorableInSource(source: string): Problem | null {
  const reason = unstorableReason(source);
  if (!reason) return null;
  const at = source.indexOf('\u0000');
  if (at < 0) return { path: 'body', message: `the document ${reason}`, code: 'unstorable_text' };
  const before = source.slice(0, at).split('\n');
  return { path: 'body', message: `the document ${reason}`, line: before.length, column: before[before.length - 1]!.length + 1, code: 'unstorable_text' };
}
