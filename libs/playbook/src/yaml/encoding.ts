import { PROBLEM_CODES } from '../problems';
import type { Problem } from '@soar/contracts';

/** Where a problem in the raw text is: 1-based line and column, counted in UTF-16 code units. */
function positionOf(text: string, index: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < index && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: index - lineStart + 1 };
}

/** UTF-8 length of a string without allocating (lone surrogates count as 3, like TextEncoder). */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

/** Index of the first unpaired surrogate, or -1. */
export function findLoneSurrogate(text: string): number {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      if (i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) i++;
      else return i;
    } else if (c >= 0xdc00 && c <= 0xdfff) return i;
  }
  return -1;
}

/** Byte offset of the first byte that is not part of a well-formed UTF-8 sequence, or -1. */
function findInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    if (b >= 0xc2 && b <= 0xdf) [need, min] = [1, 0x80];
    else if (b >= 0xe0 && b <= 0xef) [need, min] = [2, 0x800];
    else if (b >= 0xf0 && b <= 0xf4) [need, min] = [3, 0x10000];
    else return i;
    if (i + need >= bytes.length) return i;
    let cp = b & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if ((c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    // Overlong forms, UTF-16 surrogates and code points past U+10FFFF are not UTF-8.
    if (cp < min || (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff) return i;
    i += need + 1;
  }
  return -1;
}

export type DecodeResult = { ok: true; text: string } | { ok: false; problem: Problem };

/**
 * Turns what the API received into text the YAML parser can trust. Bytes must be UTF-8; a string
 * must not carry U+FFFD (the mark of an earlier lossy decode) nor unpaired surrogates, because
 * either would be stored and shown as something other than what the author wrote.
 */
export function decodeSource(source: string | Uint8Array): DecodeResult {
  let text: string;
  if (typeof source === 'string') {
    text = source;
  } else {
    if ((source[0] === 0xff && source[1] === 0xfe) || (source[0] === 0xfe && source[1] === 0xff)) {
      return { ok: false, problem: encodingProblem('the file is UTF-16; save it as UTF-8', 1, 1) };
    }
    const bad = findInvalidUtf8(source);
    if (bad >= 0) {
      const prefix = new TextDecoder('utf-8').decode(source.subarray(0, bad));
      const at = positionOf(prefix, prefix.length);
      return {
        ok: false,
        problem: encodingProblem(`the file is not valid UTF-8 (byte ${bad + 1}); save it as UTF-8`, at.line, at.column),
      };
    }
    text = new TextDecoder('utf-8').decode(source);
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const replacement = text.indexOf('\ufffd');
  if (replacement >= 0) {
    const at = positionOf(text, replacement);
    return {
      ok: false,
      problem: encodingProblem(
        'the text contains U+FFFD (a character lost while converting the file to UTF-8); save the file as UTF-8',
        at.line,
        at.column,
      ),
    };
  }
  const lone = findLoneSurrogate(text);
  if (lone >= 0) {
    const at = positionOf(text, lone);
    return { ok: false, problem: encodingProblem('the text contains an invalid character (unpaired surrogate)', at.line, at.column) };
  }
  return { ok: true, text };
}

function encodingProblem(message: string, line: number, column: number): Problem {
  return { path: '', message, line, column, code: PROBLEM_CODES.invalidEncoding };
}
