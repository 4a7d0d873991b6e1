import { StepGraph, type GraphStep } from './graph';

const s = (id: string, needs?: string[], goto: string[] = []): GraphStep => ({ id, needs, goto });

describe('StepGraph', () => {
  it.each<[string, GraphStep[], Record<string, string[]>]>([
    ['sequential by default', [s('a'), s('b'), s('c')], { a: [], b: ['a'], c: ['b'] }],
    ['explicit needs win', [s('a'), s('b', []), s('c', ['a', 'b'])], { a: [], b: [], c: ['a', 'b'] }],
    ['handlers start from nothing and are skipped as "previous"', [s('a', undefined, ['h']), s('h'), s('b')], { a: [], h: [], b: ['a'] }],
    ['duplicates in needs collapse', [s('a'), s('b', ['a', 'a'])], { a: [], b: ['a'] }],
  ])('normalizes needs: %s', (_name, steps, expected) => {
    expect(Object.fromEntries(new StepGraph(steps).needs)).toEqual(expected);
  });

  it.each<[string, GraphStep[], string[][]]>([
    ['no cycle', [s('a'), s('b')], []],
    ['needs loop', [s('a', ['c']), s('b'), s('c')], [['a', 'c', 'b', 'a']]],
    ['goto back to a step it needs', [s('a'), s('b', ['a'], ['a'])], [['a', 'b', 'a']]],
    ['goto to an earlier step makes it a handler, not a loop', [s('a'), s('b', undefined, ['a'])], []],
    ['self need', [s('a', ['a'])], [['a', 'a']]],
  ])('finds cycles: %s', (_name, steps, expected) => {
    expect(new StepGraph(steps).cycles()).toEqual(expected);
  });

  it.each<[string, GraphStep[], string, string[]]>([
    ['transitive needs', [s('a'), s('b'), s('c')], 'c', ['a', 'b']],
    ['parallel branches are not guaranteed', [s('a'), s('b', []), s('c', ['a'])], 'c', ['a']],
    ['a handler sees its router and what is behind it', [s('a'), s('b', undefined, ['h']), s('h')], 'h', ['a', 'b']],
    ['two routers: only what both have behind them', [s('a'), s('b', ['a'], ['h']), s('c', ['a'], ['h']), s('h')], 'h', ['a']],
    ['after a handler: the handler and its guarantees', [s('a', undefined, ['h']), s('h'), s('x', ['h'])], 'x', ['h', 'a']],
  ])('guaranteedBefore: %s', (_name, steps, id, expected) => {
    expect([...new StepGraph(steps).guaranteedBefore(id)].sort()).toEqual(expected.sort());
  });

  it.each<[string, GraphStep[], string[]]>([
    ['waiting for a handler and its only router', [s('a', undefined, ['h']), s('h'), s('x', ['a', 'h'])], ['x']],
    ['and everything after it', [s('a', undefined, ['h']), s('h'), s('x', ['a', 'h']), s('y', ['x'])], ['x', 'y']],
    ['a handler with another possible router is fine', [s('a', undefined, ['h']), s('b', [], ['h']), s('h'), s('x', ['a', 'h'])], []],
    ['the recovery branch after a handler is fine', [s('a', undefined, ['h']), s('h'), s('x', ['h'])], []],
  ])('unreachable: %s', (_name, steps, expected) => {
    expect(new StepGraph(steps).unreachable().map((u) => u.id)).toEqual(expected);
  });
});
