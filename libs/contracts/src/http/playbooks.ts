import { z } from 'zod';
import { problemSchema } from './common';
import { RUN_STATUSES } from '../states';
import { isoDateTime, jsonValue } from './common';

export const playbookNameSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,99}$/, 'a playbook name is a lowercase slug')
  .meta({ description: 'Playbook name (lowercase slug)', example: 'isolate-alert-machine' });
export const playbookVersionSchema = z.coerce.number().int().min(1).max(1_000_000).meta({ description: 'Version number, from 1' });

export const playbookParams = z.object({ name: playbookNameSchema });
export const playbookVersionParams = z.object({ name: playbookNameSchema, version: playbookVersionSchema });

export const playbookSummarySchema = z
  .object({
    name: z.string(),
    title: z.string(),
    description: z.string().optional(),
    tags: z.array(z.string()).optional(),
    enabled: z.boolean(),
    version: z.number().int(),
    sha256: z.string(),
    savedBy: z.string(),
    savedAt: isoDateTime,
  })
  .meta({ id: 'PlaybookSummary' });
export type PlaybookSummaryDto = z.infer<typeof playbookSummarySchema>;

/** One declared run input: what the analyst form is generated from (see libs/playbook/README.md). */
const inputFormat = z.string().meta({ description: 'machine_id, alert_id, sha1, sha256, md5, ip, url, domain or hostname' });
export const inputDeclarationSchema = z
  .object({
    name: z.string(),
    type: z.enum(['string', 'number', 'boolean', 'enum', 'list']),
    label: z.string(),
    help: z.string().optional(),
    required: z.boolean(),
    default: jsonValue.optional(),
    pattern: z.string().optional(),
    format: inputFormat.optional(),
    values: z.array(z.string()).optional(),
    min: z.number().optional(),
    max: z.number().optional(),
    items: z.object({ type: z.enum(['string', 'number', 'boolean']), format: inputFormat.optional(), pattern: z.string().optional() }).optional(),
    order: z.number().int(),
  })
  .meta({ id: 'InputDeclaration' });

const alertMatchRule = z.array(z.string()).optional();
export const playbookTriggerSchema = z
  .object({
    type: z.string().meta({ description: 'manual or alert' }),
    match: z
      .object({
        severity: alertMatchRule,
        status: alertMatchRule,
        category: alertMatchRule,
        detection_source: alertMatchRule,
        title: alertMatchRule,
        machine_tags: alertMatchRule,
        evidence_types: alertMatchRule,
      })
      .optional(),
  })
  .meta({ id: 'PlaybookTrigger' });

export const playbookDetailSchema = playbookSummarySchema
  .extend({
    inputs: z.array(inputDeclarationSchema),
    inputRules: z
      .array(
        z
          .object({
            kind: z.enum(['at_least_one_of', 'only_one_of', 'all_or_none_of']),
            inputs: z.array(z.string()),
            message: z.string().optional(),
          })
          .meta({ id: 'InputRule' }),
      )
      .meta({ description: 'Rules over several inputs, checked when a run starts (400 naming each input)' }),
    triggers: z.array(playbookTriggerSchema),
    definition: z.record(z.string(), z.unknown()).meta({ description: 'The normalized playbook (every default filled in)' }),
    source: z.string().meta({ description: 'The YAML document as saved' }),
  })
  .meta({ id: 'PlaybookDetail' });
export type PlaybookDetailDto = z.infer<typeof playbookDetailSchema>;

export const savedPlaybookSchema = playbookSummarySchema
  .extend({ created: z.boolean().meta({ description: 'false when the document equals the latest version (nothing stored)' }) })
  .meta({ id: 'SavedPlaybook' });
export type SavedPlaybookDto = z.infer<typeof savedPlaybookSchema>;

export const playbookListSchema = z.object({ items: z.array(playbookSummarySchema) }).meta({ id: 'PlaybookList' });
export type PlaybookListDto = z.infer<typeof playbookListSchema>;

export const playbookVersionSummarySchema = z
  .object({ name: z.string(), version: z.number().int(), sha256: z.string(), savedBy: z.string(), savedAt: isoDateTime, enabled: z.boolean() })
  .meta({ id: 'PlaybookVersionSummary' });
export const playbookVersionListSchema = z.object({ items: z.array(playbookVersionSummarySchema) }).meta({ id: 'PlaybookVersionList' });
export type PlaybookVersionListDto = z.infer<typeof playbookVersionListSchema>;

export const playbookEnabledSchema = z.object({ name: z.string(), enabled: z.boolean() }).meta({ id: 'PlaybookEnabled' });
export type PlaybookEnabledDto = z.infer<typeof playbookEnabledSchema>;

export const startRunBodySchema = z
  .strictObject({
    inputs: z.record(z.string(), z.unknown()).default({}).meta({ description: 'Values of the declared inputs, by name' }),
  })
  .meta({ id: 'StartRunRequest' });
export type StartRunBodyDto = z.infer<typeof startRunBodySchema>;

export const startedRunSchema = z
  .object({
    runId: z.uuid(),
    playbook: z.string(),
    version: z.number().int(),
    status: z.enum(RUN_STATUSES),
    links: z.object({ run: z.string() }),
  })
  .meta({ id: 'StartedRun' });
export type StartedRunDto = z.infer<typeof startedRunSchema>;

/** `POST /api/playbooks/validate`: the document checked as saving would, nothing stored. */
export const playbookValidationSchema = z
  .object({
    valid: z.boolean(),
    name: z.string().optional(),
    title: z.string().optional(),
    problems: z.array(problemSchema).meta({ description: 'Every problem with its path, line and column; empty when valid' }),
  })
  .meta({ id: 'PlaybookValidation' });
export type PlaybookValidationDto = z.infer<typeof playbookValidationSchema>;
