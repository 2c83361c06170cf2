// Turns an uploaded register's bytes into text without silently corrupting it: UTF-8 (with or without
// a byte-order mark), UTF-16 (LE/BE, by its mark or its zero bytes) and Windows-1252 / Latin-1 are
// detected, or chosen with encoding=; bytes that fit none are refused with the line they are on.
import { RegisterError } from './register-name.ts';

/** What `encoding=` may name; latin1 is read as Windows-1252, its superset (as browsers do). */
export const TEXT_ENCODINGS = ['utf-8', 'utf-16le', 'utf-16be', 'windows-1252', 'latin1'] as const;
export type TextEncoding = (typeof TEXT_ENCODINGS)[number];

/** Bytes Windows-1252 leaves undefined: a file holding them is not Windows-1252 text. */
const UNDEFINED_1252 = new Set([0x81, 0x8d, 0x8f, 0x90, 0x9d]);

/** Windows-1252's characters for bytes 0x80-0x9F (the five it leaves undefined are refused above). */
const CP1252_80_9F = [
  0x20ac, 0x81, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8d, 0x017d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0x9d, 0x017e, 0x0178,
];

const lineAt = (bytes: Uint8Array, offset: number, unit = 1) => {
  let line = 1;
  for (let i = 0; i < offset; i += unit) if (bytes[i] === 0x0a || (unit === 2 && bytes[i + 1] === 0x0a && bytes[i] === 0)) line++;
  return line;
};

const refuse = (line: number, reason: string) =>
  new RegisterError(422, 'Register not imported', `line ${line}: ${reason}; nothing was imported. Save the file as UTF-8, or say its encoding with encoding= (${TEXT_ENCODINGS.join(', ')})`);

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** The offset of the first byte that breaks UTF-8, and whether any multi-byte character came before it; null when the bytes are valid UTF-8. */
function firstUtf8Error(b: Uint8Array): { offset: number; sawMultibyte: boolean } | null {
  try {
    strictUtf8.decode(b);
    return null;
  } catch {
    // found below (the scan is simpler than UTF-8's every rule; it only has to say where)
  }
  let sawMultibyte = false;
  for (let i = 0; i < b.length;) {
    const c = b[i];
    if (c < 0x80) {
      i++;
      continue;
    }
    const n = c >= 0xc2 && c <= 0xdf ? 1 : c >= 0xe0 && c <= 0xef ? 2 : c >= 0xf0 && c <= 0xf4 ? 3 : -1;
    if (n < 0 || i + n >= b.length) return { offset: i, sawMultibyte };
    for (let k = 1; k <= n; k++) if ((b[i + k] & 0xc0) !== 0x80) return { offset: i, sawMultibyte };
    sawMultibyte = true;
    i += n + 1;
  }
  return { offset: Math.max(0, b.length - 1), sawMultibyte };
}

/** Which of UTF-16's byte orders the zero bytes of mostly-ASCII text point to, if either. */
function utf16ByZeros(b: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(b.length, 4096) & ~1;
  if (n < 4) return null;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < n; i += 2) {
    if (b[i] === 0) evenZeros++;
    if (b[i + 1] === 0) oddZeros++;
  }
  if (oddZeros > n / 4 && evenZeros === 0) return 'utf-16le';
  if (evenZeros > n / 4 && oddZeros === 0) return 'utf-16be';
  return null;
}

/** The text of a register file, its encoding detected unless `asked`. Throws a 422 RegisterError naming the line. */
export function decodeRegisterText(bytes: Uint8Array, asked?: TextEncoding): { text: string; encoding: TextEncoding } {
  let encoding: TextEncoding | undefined = asked === 'latin1' ? 'windows-1252' : asked;
  let start = 0;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf && (!encoding || encoding === 'utf-8')) [encoding, start] = ['utf-8', 3];
  else if (bytes[0] === 0xff && bytes[1] === 0xfe && (!encoding || encoding === 'utf-16le')) [encoding, start] = ['utf-16le', 2];
  else if (bytes[0] === 0xfe && bytes[1] === 0xff && (!encoding || encoding === 'utf-16be')) [encoding, start] = ['utf-16be', 2];
  encoding ??= utf16ByZeros(bytes) ?? undefined;
  const body = bytes.subarray(start);

  if (encoding === 'utf-16le' || encoding === 'utf-16be') {
    if (body.length % 2) throw refuse(lineAt(body, body.length - 1, 2), `the file ends in the middle of a ${encoding.toUpperCase()} character`);
    const text = new TextDecoder(encoding).decode(body);
    const bad = text.indexOf('\uFFFD');
    if (bad >= 0) throw refuse(text.slice(0, bad).split('\n').length, `not valid ${encoding.toUpperCase()} text`);
    return { text, encoding };
  }
  if (encoding === undefined || encoding === 'utf-8') {
    const error = firstUtf8Error(body);
    if (!error) return { text: Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8'), encoding: 'utf-8' };
    // Bytes that are not UTF-8 in a file with no UTF-8 characters before them: Windows-1252 (Latin-1) text, unless asked for UTF-8.
    if (encoding === 'utf-8' || error.sawMultibyte) throw refuse(lineAt(body, error.offset), `byte 0x${body[error.offset].toString(16).toUpperCase()} is not valid UTF-8`);
    encoding = 'windows-1252';
  }
  for (let i = 0; i < body.length; i++) {
    if (body[i] === 0) throw refuse(lineAt(body, i), 'a zero (NUL) byte: this is not a text file');
    if (UNDEFINED_1252.has(body[i])) throw refuse(lineAt(body, i), `byte 0x${body[i].toString(16).toUpperCase()} is not a Windows-1252 (Latin-1) character`);
  }
  // Node's TextDecoder reads 'windows-1252' as ISO-8859-1 (0x80-0x9F as C1 controls), so the 32 bytes where they differ are mapped here.
  let text = '';
  for (let i = 0; i < body.length; i += 8192) text += String.fromCharCode(...Array.from(body.subarray(i, i + 8192), (b) => (b >= 0x80 && b < 0xa0 ? CP1252_80_9F[b - 0x80] : b)));
  return { text, encoding: 'windows-1252' };
}
