import type { PlaybookVersionRecord } from '@soar/persistence';

/** What the API shows of a playbook version (the source is shown only on the single-playbook routes). */
export function playbookSummary(r: PlaybookVersionRecord) {
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

export function playbookDetail(r: PlaybookVersionRecord) {
  return { ...playbookSummary(r), inputs: r.definition.inputs, inputRules: r.definition.input_rules ?? [], triggers: r.definition.triggers, definition: r.definition, source: r.source };
}
