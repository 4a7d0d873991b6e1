import { sqlText, type Sql } from './run-transition.sql';

/**
 * Hot-path statements are named prepared statements, one name per call site. A name per call
 * instead would make every connection prepare (and keep) a new statement on each call: Postgres
 * memory growing with every step.
 */
describe('sqlText: one prepared statement per call site', () => {
  const sent: { text: string; values: unknown[]; name?: string }[] = [];
  const db: Sql = { query: async (text, values, name) => (sent.push({ text, values, ...(name ? { name } : {}) }), { rows: [] }) };
  const claim = (step: string, attempt: number) => sqlText(db)`UPDATE step_runs SET attempts = ${attempt} WHERE step_id = ${step}`;
  const other = () => sqlText(db)`SELECT 1`;

  it('reuses the name of a call site, gives another site its own, and sends values as parameters', async () => {
    await claim('isolate', 1);
    await claim("x'; DROP TABLE runs; --", 2);
    await other();
    expect(sent[0]!.name).toBeDefined();
    expect(sent[1]!.name).toBe(sent[0]!.name);
    expect(sent[2]!.name).not.toBe(sent[0]!.name);
    expect(sent[1]).toMatchObject({ text: 'UPDATE step_runs SET attempts = $1 WHERE step_id = $2', values: [2, "x'; DROP TABLE runs; --"] });
  });
});
