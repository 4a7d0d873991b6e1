import { UsageError } from './cli-error';
import { parseInputValue, parseRunInputs } from './run-inputs';

describe('parseInputValue', () => {
  it.each([
    ['da638712004817339522_-1183920117', 'da638712004817339522_-1183920117'],
    ['42', 42],
    ['-1.5e3', -1500],
    ['0', 0],
    ['true', true],
    ['false', false],
    // Not JSON numbers or booleans: kept as typed.
    ['007', '007'],
    ['1.', '1.'],
    ['+1', '+1'],
    ['0x10', '0x10'],
    ['Infinity', 'Infinity'],
    ['True', 'True'],
    ['null', 'null'],
    ['', ''],
    [' 1', ' 1'],
    ['1e999', '1e999'],
  ])('%j → %j', (text, expected) => {
    expect(parseInputValue(text)).toEqual(expected);
  });
});

describe('parseRunInputs', () => {
  it('splits each pair at the first =', () => {
    expect(parseRunInputs(['alert_id=abc', 'comment=a=b c', 'count=3', 'dry_run=true'], undefined)).toEqual({
      alert_id: 'abc',
      comment: 'a=b c',
      count: 3,
      dry_run: true,
    });
  });

  it('applies --input on top of --inputs-json', () => {
    expect(parseRunInputs(['comment=from flag'], '{"comment": "from json", "ids": ["a", "b"], "n": "7"}')).toEqual({
      comment: 'from flag',
      ids: ['a', 'b'],
      n: '7',
    });
  });

  it('treats __proto__ as an ordinary key', () => {
    const inputs = parseRunInputs(['__proto__=x'], '{"__proto__": {"polluted": true}}');
    expect(Object.keys(inputs)).toEqual(['__proto__']);
    expect(JSON.parse(JSON.stringify(inputs))).toEqual(JSON.parse('{"__proto__": "x"}'));
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it.each([
    [['alert_id'], undefined, '--input alert_id: expected key=value'],
    [['=x'], undefined, '--input =x: expected key=value'],
    [['a=1', 'a=2'], undefined, '--input a is given twice'],
    [[], '{not json', '--inputs-json is not valid JSON'],
    [[], '[1, 2]', '--inputs-json must be a JSON object'],
    [[], 'null', '--inputs-json must be a JSON object'],
  ])('rejects %j / %j', (pairs, json, message) => {
    expect(() => parseRunInputs(pairs, json)).toThrow(UsageError);
    expect(() => parseRunInputs(pairs, json)).toThrow(message);
  });
});
