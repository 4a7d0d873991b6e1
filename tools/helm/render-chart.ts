import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse, stringify } from 'yaml';

/**
 * Renders the chart's templates without the `helm` binary (not installable offline), for tests.
 * It implements exactly the subset of Go templates our chart uses and throws on anything else, so
 * a template using more fails the test instead of being checked wrongly:
 *   {{ .Values.a.b }}  {{ .Release.Name }}  {{ .Chart.Name }}  `| quote`  `toYaml X | nindent N`
 *   {{- if X }} / {{- if not X }} … {{- end }}  and whitespace trimming with `{{-` and `-}}`.
 * A `.Values` path missing from the values is an error (Helm would render it empty).
 */
export interface RenderedChart {
  /** File name → rendered text. */
  files: Map<string, string>;
  /** Every `.Values` path the templates read (rendered or in a condition). */
  valuePaths: Set<string>;
}

type Scope = { Values: unknown; Release: { Name: string; Namespace: string }; Chart: Record<string, unknown> };

export function renderChart(chartDir: string, options: { releaseName?: string; namespace?: string; values?: Record<string, unknown> } = {}): RenderedChart {
  const chart = parse(readFileSync(path.join(chartDir, 'Chart.yaml'), 'utf8')) as Record<string, unknown>;
  const defaults = parse(readFileSync(path.join(chartDir, 'values.yaml'), 'utf8')) as Record<string, unknown>;
  const scope: Scope = {
    Values: deepMerge(defaults, options.values ?? {}),
    Release: { Name: options.releaseName ?? 'soar', Namespace: options.namespace ?? 'default' },
    Chart: { Name: chart.name, Version: chart.version, AppVersion: chart.appVersion },
  };
  const valuePaths = new Set<string>();
  const files = new Map<string, string>();
  const dir = path.join(chartDir, 'templates');
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort()) {
    files.set(file, renderTemplate(readFileSync(path.join(dir, file), 'utf8'), scope, valuePaths, file));
  }
  return { files, valuePaths };
}

const ACTION = /\{\{(-?)\s*(.*?)\s*(-?)\}\}/gs;

function renderTemplate(text: string, scope: Scope, valuePaths: Set<string>, file: string): string {
  let out = '';
  let last = 0;
  let trimNext = false;
  const active: boolean[] = [];
  const on = () => active.every(Boolean);
  for (const match of text.matchAll(ACTION)) {
    let literal = text.slice(last, match.index);
    if (trimNext) literal = literal.replace(/^\s+/, '');
    if (match[1] === '-') literal = literal.replace(/\s+$/, '');
    if (on()) out += literal;
    last = match.index! + match[0].length;
    trimNext = match[3] === '-';
    const action = match[2]!;
    const condition = /^if\s+(not\s+)?(\S+)$/.exec(action);
    if (condition) {
      const value = lookup(condition[2]!, scope, valuePaths, file);
      active.push(condition[1] ? !truthy(value) : truthy(value));
    } else if (action === 'end') {
      if (!active.length) throw new Error(`${file}: {{ end }} without {{ if }}`);
      active.pop();
    } else {
      const rendered = evaluatePipeline(action, scope, valuePaths, file);
      if (on()) out += rendered;
    }
  }
  if (active.length) throw new Error(`${file}: {{ if }} without {{ end }}`);
  let rest = text.slice(last);
  if (trimNext) rest = rest.replace(/^\s+/, '');
  return out + rest;
}

function evaluatePipeline(action: string, scope: Scope, valuePaths: Set<string>, file: string): string {
  const [head, ...filters] = action.split('|').map((part) => part.trim());
  const toYaml = /^toYaml\s+(\S+)$/.exec(head!);
  let value: unknown = toYaml ? stringify(lookup(toYaml[1]!, scope, valuePaths, file)).trimEnd() : lookup(head!, scope, valuePaths, file);
  for (const filter of filters) {
    const indent = /^(n?)indent\s+(\d+)$/.exec(filter);
    if (filter === 'quote') value = JSON.stringify(String(value));
    else if (indent) {
      const pad = ' '.repeat(Number(indent[2]));
      value = (indent[1] ? '\n' : '') + String(value).split('\n').map((line) => pad + line).join('\n');
    } else throw new Error(`${file}: unsupported template function "${filter}" in {{ ${action} }}`);
  }
  if (value !== null && typeof value === 'object') throw new Error(`${file}: {{ ${action} }} renders an object; use toYaml`);
  return String(value);
}

function lookup(expression: string, scope: Scope, valuePaths: Set<string>, file: string): unknown {
  const match = /^\.(Values|Release|Chart)((?:\.[A-Za-z_][A-Za-z0-9_]*)*)$/.exec(expression);
  if (!match) throw new Error(`${file}: unsupported template expression "${expression}"`);
  const keys = match[2]!.split('.').filter(Boolean);
  if (match[1] === 'Values') valuePaths.add(keys.join('.'));
  let value: unknown = scope[match[1] as keyof Scope];
  for (const key of keys) {
    if (value === null || typeof value !== 'object' || !(key in value)) throw new Error(`${file}: ${expression} is not defined`);
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

/** Go templates' truth: false, 0, nil and empty strings, lists and maps are false. */
function truthy(value: unknown): boolean {
  if (Array.isArray(value)) return value.length > 0;
  if (value && typeof value === 'object') return Object.keys(value).length > 0;
  return Boolean(value);
}

function deepMerge(base: Record<string, unknown>, override: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(override)) {
    const current = out[key];
    out[key] =
      value && typeof value === 'object' && !Array.isArray(value) && current && typeof current === 'object' && !Array.isArray(current)
        ? deepMerge(current as Record<string, unknown>, value as Record<string, unknown>)
        : value;
  }
  return out;
}
