import { odataError } from '../http/api-error';

export type Token =
  | { kind: 'punct'; value: '(' | ')' | ',' | ':' }
  | { kind: 'string'; value: string }
  | { kind: 'number'; value: number }
  | { kind: 'datetime'; value: string }
  | { kind: 'ident'; value: string };

const DATETIME = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?/;
const NUMBER = /^-?\d+(\.\d+)?/;
const IDENT = /^[A-Za-z_$][A-Za-z0-9_./$]*/;

/** Splits an OData `$filter` into tokens. Datetimes are unquoted literals in OData v4. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (/\s/.test(ch)) {
      i++;
    } else if (ch === '(' || ch === ')' || ch === ',' || ch === ':') {
      tokens.push({ kind: 'punct', value: ch });
      i++;
    } else if (ch === "'") {
      let value = '';
      i++;
      for (;;) {
        if (i >= text.length) throw odataError(`Unterminated string literal in $filter: ${text}`);
        if (text[i] === "'") {
          if (text[i + 1] === "'") {
            value += "'";
            i += 2;
            continue;
          }
          i++;
          break;
        }
        value += text[i++];
      }
      tokens.push({ kind: 'string', value });
    } else {
      const rest = text.slice(i);
      const dt = DATETIME.exec(rest);
      const num = NUMBER.exec(rest);
      const id = IDENT.exec(rest);
      if (dt && dt[0].length > (num?.[0].length ?? 0)) {
        tokens.push({ kind: 'datetime', value: dt[0] });
        i += dt[0].length;
      } else if (num) {
        tokens.push({ kind: 'number', value: Number(num[0]) });
        i += num[0].length;
      } else if (id) {
        tokens.push({ kind: 'ident', value: id[0] });
        i += id[0].length;
      } else {
        throw odataError(`Syntax error at position ${i} in $filter: ${text}`);
      }
    }
  }
  return tokens;
}
