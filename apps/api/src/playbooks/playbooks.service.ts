import { Inject, Injectable } from '@nestjs/common';
import type { PlaybookDetailDto, PlaybookEnabledDto, PlaybookListDto, PlaybookVersionListDto } from '@soar/contracts';
import type { PlaybookRepository } from '@soar/persistence';
import { TOKENS } from '../tokens';
import { playbookNotFound } from './playbook-not-found';
import { playbookDetail, playbookSummary, versionSummary } from './playbook.views';

/** Reading playbooks and switching them on and off; unknown names are 404s that suggest close names. */
@Injectable()
export class PlaybooksService {
  constructor(@Inject(TOKENS.playbooks) private readonly playbooks: PlaybookRepository) {}

  async list(): Promise<PlaybookListDto> {
    return { items: (await this.playbooks.list()).map(playbookSummary) };
  }

  async latest(name: string): Promise<PlaybookDetailDto> {
    const playbook = await this.playbooks.latest(name);
    if (!playbook) throw await this.notFound(name);
    return playbookDetail(playbook);
  }

  async versions(name: string): Promise<PlaybookVersionListDto> {
    const versions = await this.playbooks.listVersions(name);
    if (!versions) throw await this.notFound(name);
    return { items: versions.map(versionSummary) };
  }

  async version(name: string, version: number): Promise<PlaybookDetailDto> {
    const record = await this.playbooks.getVersion(name, version);
    if (record) return playbookDetail(record);
    if (await this.playbooks.latest(name)) throw playbookNotFound(name, [], `playbook ${name} has no version ${version}`);
    throw await this.notFound(name);
  }

  async setEnabled(name: string, enabled: boolean): Promise<PlaybookEnabledDto> {
    if (!(await this.playbooks.setEnabled(name, enabled))) throw await this.notFound(name);
    return { name, enabled };
  }

  async notFound(name: string) {
    return playbookNotFound(name, (await this.playbooks.list()).map((p) => p.name));
  }
}
