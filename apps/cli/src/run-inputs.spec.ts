import { UsageError } from './cli-error';
import { parseRunInputs } from './run-inputs';

const declared = [
  { name: 'alert_id', type: 'string' as const },
  { name: 'count', type: 'number' as const },
  { name: 'dry_run', type: 'boolean' as const },
  { name: 'ids', type: 'list' as const, items: { type: 'number' as const } },
].map((d, order) => ({ ...d, label: d.name, required: false, order }));

describe('parseRunInputs', () => {
  it('splits each pair at the first =', () => {
    expect(parseRunInputs(['alert_id=12345', 'comment=a=b c', 'count=3', 'dry_run=true'], undefined, declared)).toEqual({
      alert_id: '12345',
      comment: 'a=b c',
      count: 3,
      dry_run: true,
    });
  });

  it('builds a list from comma-separated values and repeated --input, items converted', () => {
    expect(parseRunInputs(['ids=1, 2', 'ids=3'], undefined, declared)).toEqual({ ids: [1, 2, 3] });
  });

  it('applies --input on top of --inputs-json', () => {
    expect(parseRunInputs(['comment=from flag'], '{"comment": "from json", "ids": ["a", "b"], "n": "7"}', declared)).toEqual({
      comment: 'from flag',
      ids: ['a', 'b'],
      n: '7',
    });
  });

  it('treats __proto__ as an ordinary key', () => {
    const inputs = parseRunInputs(['__proto__=x'], '{"__proto__": {"polluted": true}}', declared);
    expect(Object.keys(inputs)).toEqual(['__proto__']);
    expect(JSON.parse(JSON.stringify(inputs))).toEqual(JSON.parse('{"__proto__": "x"}'));
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it.each([
    [['alert_id'], undefined, '--input alert_id: expected key=value'],
    [['=x'], undefined, '--input =x: expected key=value'],
    [['a=1', 'a=2'], undefined, '--input a is given twice'],
    [['count=12x'], undefined, '--input count=12x: input count is a number'],
    [['count=007'], undefined, '--input count=007: input count is a number'],
    [['dry_run=yes'], undefined, '--input dry_run=yes: input dry_run is a boolean (true or false)'],
    [['ids=1,two'], undefined, '--input ids=1,two (item two): input ids is a list of numbers'],
    [[], '{not json', '--inputs-json is not valid JSON'],
    [[], '[1, 2]', '--inputs-json must be a JSON object'],
    [[], 'null', '--inputs-json must be a JSON object'],
  ])('rejects %j / %j', (pairs, json, message) => {
    expect(() => parseRunInputs(pairs, json, declared)).toThrow(UsageError);
    expect(() => parseRunInputs(pairs, json, declared)).toThrow(message);
  });
});
