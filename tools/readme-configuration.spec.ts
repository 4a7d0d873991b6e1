import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DEFENDER_CLOUDS } from '@soar/contracts';
import { PROCESS_ENV_SCHEMAS } from './validate-environment';

const repo = path.resolve(__dirname, '..');
const readme = readFileSync(path.join(repo, 'README.md'), 'utf8');

/** The rows of the first Markdown table after `heading`, as arrays of cells. */
function tableAfter(heading: string): string[][] {
  const rest = readme.slice(readme.indexOf(heading));
  const lines = rest.split('\n');
  const first = lines.findIndex((l) => l.startsWith('|'));
  const rows: string[][] = [];
  for (const line of lines.slice(first + 2)) {
    if (!line.startsWith('|')) break;
    rows.push(line.slice(1, -1).split(' | ').map((c) => c.trim()));
  }
  return rows;
}

describe('README stays true to the code', () => {
  it('the configuration table lists exactly the variables the processes read', () => {
    const documented = new Set(tableAfter('## Configuration').flatMap(([cell]) => [...cell!.matchAll(/`([A-Z][A-Z0-9_]+)`/g)].map((m) => m[1]!)));
    const read = new Set(PROCESS_ENV_SCHEMAS.flatMap(({ schema }) => Object.keys(schema.shape)));
    expect([...read].filter((v) => !documented.has(v)).sort()).toEqual([]);
    expect([...documented].filter((v) => !read.has(v)).sort()).toEqual([]);
  });

  it('names the Node.js version package.json requires', () => {
    const engines = (JSON.parse(readFileSync(path.join(repo, 'package.json'), 'utf8')) as { engines: { node: string } }).engines.node;
    const minimum = engines.replace(/^>=\s*/, '');
    expect(readme).toContain(`Node.js ${minimum} or later`);
  });

  it('the clouds table is the code’s table', () => {
    const rows = tableAfter('**Clouds.**').map((cells) => cells.map((c) => c.replace(/`/g, '')));
    expect(rows).toEqual(Object.entries(DEFENDER_CLOUDS).map(([name, c]) => [name, c.authorityHost, c.apiBaseUrl, c.scope]));
  });
});
