import type { ActionCatalog } from '@soar/contracts';
import { z } from 'zod';
import { parameterDescription } from './param-descriptions';
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
  // Hover shows the action's own title, description and permissions: they sit in the per-action
  // `then` below, which applies exactly when the value is that action. An `enum` or an `anyOf` of
  // consts would make the YAML language server list all actions in every hover or error message;
  // a pattern with its own message does not, and `defaultSnippets` still offer every name, each
  // with its description, on completion.
  const { pattern: _pattern, description: _generic, ...actionBase } = stepProps.action as Json;
  stepProps.action = {
    ...actionBase,
    pattern: `^(${names.map(escapeRegExp).join('|')})$`,
    patternErrorMessage: 'Unknown action. `soar lint` names the closest one; GET /api/actions lists them all.',
    defaultSnippets: names.map((name) => ({ label: name, ...actionHelp(catalog, name), body: name })),
  };
  step.allOf = names.map((name) => {
    const def = catalog.get(name)!;
    const params = z.toJSONSchema(def.params, { io: 'input', unrepresentable: 'any' }) as Json;
    const withSchema = describeParameters(name, hoistDefs(params, `${name}.`, defs));
    return {
      if: { properties: { action: { const: name } }, required: ['action'] },
      then: {
        properties: {
          action: { title: def.title, ...actionHelp(catalog, name) },
          with: { ...allowExpressions(withSchema, true), title: `${def.title} parameters`, description: `Parameters of ${name} (${def.title}); strings may use \${{ }}` },
        },
      },
    };
  });
  titleProperties(schema);
  titleProperties(defs);
  return {
    $schema: schema.$schema,
    $id: 'https://github.com/defender-soar/defender-soar/libs/playbook/playbook.schema.json',
    title: 'Defender SOAR playbook',
    ...Object.fromEntries(Object.entries(schema).filter(([k]) => k !== '$schema' && k !== '$defs')),
    $defs: defs,
  };
}

/** Description of one catalog action for editors: what it does and the permissions it needs. */
function actionHelp(catalog: ActionCatalog, name: string): { description: string; markdownDescription: string } {
  const def = catalog.get(name)!;
  const permissions =
    def.permissions.length > 0
      ? `Permissions (WindowsDefenderATP, application): ${def.permissions.join(' or ')}${def.alsoNeeds?.length ? `, plus ${def.alsoNeeds.join(' or ')}` : ''}.`
      : 'Needs no Defender permission.';
  return {
    description: `${def.title}: ${def.description}\n\n${permissions}`,
    markdownDescription: `**${def.title}** (\`${name}\`)\n\n${def.description}\n\n${permissions}`,
  };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Gives every property schema a `title` (its key) where it has none: without one, the YAML
 * language server titles a hover with the nearest title above it — the whole document's.
 */
function titleProperties(node: unknown): void {
  if (Array.isArray(node)) return node.forEach(titleProperties);
  if (node === null || typeof node !== 'object') return;
  const obj = node as Json;
  if (obj.properties && typeof obj.properties === 'object' && !Array.isArray(obj.properties)) {
    for (const [key, prop] of Object.entries(obj.properties as Record<string, Json>)) {
      if (prop && typeof prop === 'object' && prop.title === undefined && !isHelpOnly(prop)) prop.title = key;
    }
  }
  // `if` schemas only test a value; titles there would show nowhere.
  for (const [key, value] of Object.entries(obj)) if (key !== 'defaultSnippets' && key !== 'if') titleProperties(value);
}

/** The `action` entries of the per-action `then`s carry their own title already. */
function isHelpOnly(prop: Json): boolean {
  return prop.markdownDescription !== undefined;
}

/** Gives every parameter a description (the catalog's, else the shared texts) for hover help. */
function describeParameters(action: string, withSchema: Json): Json {
  const properties = withSchema.properties as Record<string, Json> | undefined;
  if (!properties) return withSchema;
  const described = Object.fromEntries(
    Object.entries(properties).map(([key, prop]) => {
      const text = (prop.description as string | undefined) ?? parameterDescription(action, key);
      return [key, text === undefined ? prop : { ...prop, description: text }];
    }),
  );
  return { ...withSchema, properties: described };
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
