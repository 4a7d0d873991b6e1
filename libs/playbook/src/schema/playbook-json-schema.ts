import type { ActionCatalog } from '@soar/contracts';
import { z } from 'zod';
import { playbookDocumentSchema } from './playbook.schema';

type Json = { [key: string]: unknown };

/** `${{ ... }}` somewhere in a string: any parameter may be given as an expression. */
const EXPRESSION_DEF = {
  type: 'string',
  pattern: '\\$\\{\\{',
  description: 'A ${{ expression }}, evaluated when the step runs',
};

/**
 * JSON Schema (draft 2020-12) of the playbook YAML file, generated from the same zod schemas that
 * validate it, for editors (YAML language server: `# yaml-language-server: $schema=...`) and docs.
 * `action` is an enum of the catalog and `with` is typed per action through `if`/`then`; every
 * parameter also accepts a `${{ }}` string. Meaning checks (references, cycles, expressions) are
 * beyond JSON Schema: `parsePlaybook` remains the authority.
 */
export function playbookJsonSchema(catalog: ActionCatalog): Json {
  const schema = z.toJSONSchema(playbookDocumentSchema, { io: 'input', unrepresentable: 'any' }) as Json;
  const properties = schema.properties as Record<string, Json>;
  const defs = ((schema.$defs as Record<string, unknown>) ??= {});
  const step = (properties.steps as Json).items as Json;
  defs.step = step;
  (properties.steps as Json).items = { $ref: '#/$defs/step' };
  (properties.on_failure as Json).items = { $ref: '#/$defs/step' };
  defs.expression = EXPRESSION_DEF;

  const names = [...catalog.keys()].sort();
  const stepProps = step.properties as Record<string, Json>;
  stepProps.action = { ...stepProps.action, enum: names };
  delete stepProps.action.pattern;
  step.allOf = names.map((name) => {
    const params = z.toJSONSchema(catalog.get(name)!.params, { io: 'input', unrepresentable: 'any' }) as Json;
    const withSchema = hoistDefs(params, `${name}.`, defs);
    return {
      if: { properties: { action: { const: name } }, required: ['action'] },
      then: { properties: { with: allowExpressions(withSchema, true) } },
    };
  });
  return {
    $schema: schema.$schema,
    $id: 'https://github.com/defender-soar/defender-soar/libs/playbook/playbook.schema.json',
    title: 'Defender SOAR playbook',
    ...Object.fromEntries(Object.entries(schema).filter(([k]) => k !== '$schema' && k !== '$defs')),
    $defs: defs,
  };
}

/** Moves a sub-schema's `$defs` into the document's, prefixing names and rewriting `$ref`s. */
function hoistDefs(schema: Json, prefix: string, into: Record<string, unknown>): Json {
  const { $schema: _drop, $defs, ...rest } = schema;
  const rename = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(rename);
    if (node === null || typeof node !== 'object') return node;
    return Object.fromEntries(
      Object.entries(node).map(([k, v]) => [
        k,
        k === '$ref' && typeof v === 'string' && v.startsWith('#/$defs/') ? `#/$defs/${prefix}${v.slice(8)}` : rename(v),
      ]),
    );
  };
  for (const [key, def] of Object.entries(($defs as Record<string, unknown>) ?? {})) into[`${prefix}${key}`] = rename(def);
  return rename(rest) as Json;
}

/** Lets every value position (properties, items, map values) also be a `${{ }}` string. */
function allowExpressions(node: Json, root = false): Json {
  const out: Json = { ...node };
  if (out.properties && typeof out.properties === 'object') {
    out.properties = Object.fromEntries(Object.entries(out.properties as Record<string, Json>).map(([k, v]) => [k, allowExpressions(v)]));
  }
  if (out.items && typeof out.items === 'object' && !Array.isArray(out.items)) out.items = allowExpressions(out.items as Json);
  if (out.additionalProperties && typeof out.additionalProperties === 'object') {
    out.additionalProperties = allowExpressions(out.additionalProperties as Json);
  }
  for (const key of ['anyOf', 'oneOf', 'allOf'] as const) {
    if (Array.isArray(out[key])) out[key] = (out[key] as Json[]).map((s) => withoutWrapper(allowExpressions(s)));
  }
  if (root) return out;
  const { description, default: def, ...inner } = out;
  return {
    ...(description !== undefined ? { description } : {}),
    ...(def !== undefined ? { default: def } : {}),
    anyOf: [inner, { $ref: '#/$defs/expression' }],
  };
}

/** Inside an anyOf, the alternatives need no wrapper of their own: the outer one already allows expressions. */
function withoutWrapper(node: Json): Json {
  const anyOf = node.anyOf as Json[] | undefined;
  if (anyOf?.length === 2 && (anyOf[1] as Json).$ref === '#/$defs/expression' && Object.keys(node).every((k) => k === 'anyOf' || k === 'description' || k === 'default')) {
    return { ...(anyOf[0] as Json), ...(node.description !== undefined ? { description: node.description } : {}) };
  }
  return node;
}

/** The committed file's exact text (`libs/playbook/playbook.schema.json`). */
export function renderPlaybookJsonSchema(catalog: ActionCatalog): string {
  return `${JSON.stringify(playbookJsonSchema(catalog), null, 2)}\n`;
}
