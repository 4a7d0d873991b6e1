import { findUnstorableStrings, MAX_JSON_DEPTH, unstorableReason } from './storable-text';

describe('text Postgres can store', () => {
  it.each([
    ['plain text', 'isolate srv-01', null],
    ['a surrogate pair (an emoji)', 'ok \u{1F512}', null],
    ['a NUL character', 'a\u0000b', 'NUL'],
    ['a lone high surrogate', 'a\uD800b', 'surrogate'],
    ['a lone high surrogate at the end', 'a\uD800', 'surrogate'],
    ['a lone low surrogate', '\uDC00a', 'surrogate'],
  ])('%s', (_, text, expected) => {
    const reason = unstorableReason(text);
    if (expected === null) expect(reason).toBeNull();
    else expect(reason).toContain(expected);
  });

  it('locates every bad string and key inside a JSON value', () => {
    const problems = findUnstorableStrings({ inputs: { ok: 'x', bad: 'a\u0000', list: ['y', '\uDFFF'], ['k\u0000']: 1 } }, 'body');
    expect(problems.map((p) => p.path)).toEqual(['body.inputs.bad', 'body.inputs.list[1]', 'body.inputs."k\\u0000"']);
  });

  it('refuses nesting beyond MAX_JSON_DEPTH as one problem, without overflowing the stack on 100,000 levels', () => {
    const deep = JSON.parse(`${'['.repeat(100_000)}1${']'.repeat(100_000)}`) as unknown;
    const problems = findUnstorableStrings({ inputs: deep }, 'body');
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ code: 'too_deep', message: `nested deeper than ${MAX_JSON_DEPTH} levels` });
    let shallow: unknown = 1;
    for (let i = 0; i < MAX_JSON_DEPTH - 1; i++) shallow = [shallow];
    expect(findUnstorableStrings({ inputs: shallow }, 'body')).toEqual([]);
  });
});
