// The Charity Commission publishes its register extract as publicextract.charity.zip, holding the
// charity table as JSON or text. An officer gives that download as it is: this streams the table out
// of the zip (yauzl: reads the central directory, checks sizes and CRC) into a temporary file, which
// the extract reader then streams record by record; the temporary file is removed afterwards.
import { closeSync, createWriteStream, mkdtempSync, openSync, readSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import yauzl from 'yauzl';
import { RegisterError } from '../register-name.ts';

/** The charity table inside the Commission's zip; the JSON form is taken when both are present. */
const TABLE = /(^|\/)publicextract\.charity\.(json|txt)$/i;

/** Whether the file is a zip archive (starts with a local file header, "PK\x03\x04"). */
export function isZip(path: string): boolean {
  const fd = openSync(path, 'r');
  try {
    const head = Buffer.alloc(4);
    return readSync(fd, head, 0, 4, 0) === 4 && head.readUInt32LE(0) === 0x04034b50;
  } finally {
    closeSync(fd);
  }
}

const refused = (detail: string) => new RegisterError(422, 'Register not imported', `${detail} Nothing was imported.`);

function open(path: string): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) => yauzl.open(path, { lazyEntries: true, autoClose: false, strictFileNames: false }, (err, zip) => (err ? reject(refused(`the zip could not be read: ${err.message}.`)) : resolve(zip))));
}

/** The names of the entries, in order, and the charity table's entry when there is one. */
function findTable(zip: yauzl.ZipFile): Promise<{ names: string[]; table: yauzl.Entry | null }> {
  return new Promise((resolve, reject) => {
    const names: string[] = [];
    let table: yauzl.Entry | null = null;
    zip.on('entry', (entry: yauzl.Entry) => {
      names.push(entry.fileName);
      if (TABLE.test(entry.fileName) && (!table || /\.json$/i.test(entry.fileName))) table = entry;
      zip.readEntry();
    });
    zip.on('end', () => resolve({ names, table }));
    zip.on('error', (err: Error) => reject(refused(`the zip is damaged: ${err.message}.`)));
    zip.readEntry();
  });
}

export interface UnpackedExtract {
  /** The charity table, unpacked to a temporary file. */
  path: string;
  /** Its name inside the zip. */
  member: string;
  remove(): void;
}

/** Unpacks the charity table from the Commission's zip; refuses, naming what the zip holds, when it has none. */
export async function unzipExtract(zipPath: string): Promise<UnpackedExtract> {
  const zip = await open(zipPath);
  try {
    const { names, table } = await findTable(zip);
    if (!table)
      throw refused(`the zip holds no publicextract.charity.json or publicextract.charity.txt (it holds ${names.length ? names.slice(0, 10).join(', ') : 'nothing'}); give the charity table of the register extract.`);
    const entry: yauzl.Entry = table;
    const dir = mkdtempSync(join(tmpdir(), 'atlas-ccew-'));
    const path = join(dir, entry.fileName.split('/').pop()!);
    const remove = () => rmSync(dir, { recursive: true, force: true });
    try {
      const source = await new Promise<NodeJS.ReadableStream>((resolve, reject) => zip.openReadStream(entry, (err, s) => (err ? reject(refused(`${entry.fileName} could not be read from the zip: ${err.message}.`)) : resolve(s))));
      await pipeline(source, createWriteStream(path)).catch((err: Error) => {
        throw err instanceof RegisterError ? err : refused(`${entry.fileName} could not be unpacked: ${err.message}.`);
      });
    } catch (err) {
      remove();
      throw err;
    }
    return { path, member: entry.fileName, remove };
  } finally {
    zip.close();
  }
}
