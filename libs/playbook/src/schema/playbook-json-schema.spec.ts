import { readFileSync } from 'node:fs';
import path from 'node:path';
import { actionCatalog } from '@soar/defender';
import { z } from 'zod';
import { playbookJsonSchema, renderPlaybookJsonSchema } from './playbook-json-schema';

type Json = Record<string, any>;

describe('playbook JSON Schema', () => {
  it('the committed playbook.schema.json is what the code generates', () => {
    const committed = readFileSync(path.join(__dirname, '../../playbook.schema.json'), 'utf8');
    // When this fails: node -r ./tools/register.js tools/generate-playbook-schema.ts
    expect(committed).toBe(renderPlaybookJsonSchema(actionCatalog));
  });

  it('works for any catalog and types `with` per action through if/then', () => {
    const catalog = new Map([
      [
        'test.echo',
        {
          name: 'test.echo',
          title: 'Echo',
          description: 'echo',
          params: z.strictObject({ text: z.string(), times: z.int().default(1), tags: z.array(z.string()).optional() }),
          output: z.null(),
          permissions: [],
          sideEffect: false,
        },
      ],
    ]);
    const schema = playbookJsonSchema(catalog) as Json;
    const step = schema.$defs.step;
    expect(step.properties.action.pattern).toBe('^(test\\.echo)$');
    expect(step.properties.action.defaultSnippets).toEqual([expect.objectContaining({ label: 'test.echo', body: 'test.echo', description: expect.stringContaining('Echo: echo') })]);
    expect(step.allOf).toHaveLength(1);
    const rule = step.allOf[0];
    expect(rule.if).toEqual({ properties: { action: { const: 'test.echo' } }, required: ['action'] });
    const withSchema = rule.then.properties.with;
    expect(withSchema.additionalProperties).toBe(false);
    expect(withSchema.required).toEqual(['text']);
    // Every parameter also accepts a ${{ }} string; list items too.
    expect(withSchema.properties.text.anyOf).toEqual([{ type: 'string' }, { $ref: '#/$defs/expression' }]);
    expect(withSchema.properties.times.default).toBe(1);
    expect(withSchema.properties.tags.anyOf[0].items.anyOf[1]).toEqual({ $ref: '#/$defs/expression' });
    expect(schema.$defs.expression.pattern).toBe('\\$\\{\\{');
    expect(schema.properties.steps.items).toEqual({ $ref: '#/$defs/step' });
    expect(schema.properties.on_failure.items).toEqual({ $ref: '#/$defs/step' });
  });

  it('describes the document: unknown keys are refused and defaults are documented', () => {
    const schema = playbookJsonSchema(actionCatalog) as Json;
    expect(schema.additionalProperties).toBe(false);
    expect(schema.required).toEqual(['name', 'title', 'steps']);
    expect(schema.$defs.step.additionalProperties).toBe(false);
    expect(schema.$defs.step.properties.retry.default).toEqual({ attempts: 3, backoff: 'exponential', delay_seconds: 2, max_delay_seconds: 60 });
    expect(schema.properties.connection.default).toBe('default');
  });

  it('describes every action (title, description, permissions) and every parameter, for hover and completion', () => {
    const schema = playbookJsonSchema(actionCatalog) as Json;
    const rules = schema.$defs.step.allOf as Json[];
    expect(rules).toHaveLength(actionCatalog.size);
    for (const rule of rules) {
      const name = rule.if.properties.action.const as string;
      const def = actionCatalog.get(name)!;
      const action = rule.then.properties.action;
      expect(action.title).toBe(def.title);
      expect(action.description).toContain(def.description);
      for (const permission of def.permissions) expect(action.description).toContain(permission);
      for (const [param, prop] of Object.entries((rule.then.properties.with.properties ?? {}) as Record<string, Json>)) {
        expect({ action: name, param, description: typeof prop.description === 'string' && prop.description.length > 5 }).toEqual({ action: name, param, description: true });
        expect(prop.title).toBe(param);
      }
    }
    // No value list in the action's own schema: editors would print all of them in every message.
    expect(schema.$defs.step.properties.action.enum).toBeUndefined();
    expect(schema.$defs.step.properties.action.anyOf).toBeUndefined();
  });

  it('keeps every $ref resolvable', () => {
    const schema = playbookJsonSchema(actionCatalog) as Json;
    const refs = JSON.stringify(schema).match(/"\$ref":"#\/\$defs\/[^"]+"/g) ?? [];
    for (const ref of refs) {
      const name = ref.slice('"$ref":"#/$defs/'.length, -1);
      expect(schema.$defs).toHaveProperty([name]);
    }
  });
});
