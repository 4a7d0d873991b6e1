import type { PlaybookDetailDto, PlaybookSummaryDto, PlaybookVersionListDto } from '@soar/contracts';
import type { PlaybookVersionRecord } from '@soar/persistence';

/** What the API shows of a playbook version (the source is shown only on the single-playbook routes). */
export function playbookSummary(r: PlaybookVersionRecord): PlaybookSummaryDto {
  return {
    name: r.name,
    title: r.title,
    description: r.definition.description,
    tags: r.definition.tags,
    enabled: r.enabled,
    version: r.version,
    sha256: r.sha256,
    savedBy: r.savedBy,
    savedAt: r.savedAt.toISOString(),
  };
}

export function playbookDetail(r: PlaybookVersionRecord): PlaybookDetailDto {
  return {
    ...playbookSummary(r),
    inputs: r.definition.inputs,
    inputRules: r.definition.input_rules ?? [],
    triggers: r.definition.triggers,
    definition: r.definition as unknown as Record<string, unknown>,
    source: r.source,
  };
}

export function versionSummary(v: Omit<PlaybookVersionRecord, 'definition' | 'source' | 'title'>): PlaybookVersionListDto['items'][number] {
  return { name: v.name, version: v.version, sha256: v.sha256, savedBy: v.savedBy, savedAt: v.savedAt.toISOString(), enabled: v.enabled };
}
