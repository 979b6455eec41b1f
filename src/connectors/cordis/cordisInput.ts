// The input of the CORDIS connector: one or more zips (read entry by entry with yauzl, never
// unpacked) or folders, holding the export's CSV files at any folder level. Files are found by
// name; each is opened afresh as a stream every time a pass reads it.

import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import yauzl from 'yauzl';
import { ConnectorInputError } from '../source';

/** One CSV file of the input. */
export interface CordisEntry {
  /** The file's name, e.g. project.csv. */
  name: string;
  /** Where it is: `<zip>!<path inside>` or the file's path. */
  location: string;
  /** Uncompressed size in bytes. */
  size: number;
  /** When the export wrote it. */
  modified: Date;
  open(): Promise<Readable>;
}

export interface CordisInput {
  /** The inputs' base names, joined with `+` (what the import run records). */
  name: string;
  format: 'zip' | 'folder';
  /** Entries by file name. */
  entries: ReadonlyMap<string, CordisEntry>;
  /** SHA-256 over the inputs' bytes (zips) or the CSV files' names and bytes (folders). */
  sha256: string;
  close(): void;
}

/** Opens every input; refuses (ConnectorInputError) a missing path, a file that is no zip, or a file name found twice. */
export async function openCordisInput(paths: readonly string[]): Promise<CordisInput> {
  if (paths.length === 0) throw new TypeError('openCordisInput expects at least one path, received none');
  const entries = new Map<string, CordisEntry>();
  const zips: yauzl.ZipFile[] = [];
  const hash = createHash('sha256');
  let format: CordisInput['format'] = 'zip';
  try {
    for (const input of paths) {
      const stat = await fs.stat(input).catch(() => null);
      if (stat === null) throw new ConnectorInputError(`no such file or folder: ${input}`, 'INPUT_NOT_FOUND');
      if (stat.isDirectory()) {
        format = 'folder';
        for (const entry of await folderEntries(input)) add(entries, entry);
      } else {
        const zip = await openZip(input);
        zips.push(zip);
        for (const entry of await zipEntries(zip, input)) add(entries, entry);
        await hashFile(hash, input);
      }
    }
    if (format === 'folder')
      for (const entry of [...entries.values()].sort((a, b) => a.location.localeCompare(b.location))) {
        hash.update(`${entry.name}\0`);
        await hashFile(hash, entry.location);
      }
  } catch (error) {
    for (const zip of zips) zip.close();
    throw error;
  }
  return {
    name: paths.map((input) => path.basename(input)).join('+'),
    format,
    entries,
    sha256: hash.digest('hex'),
    close: () => zips.forEach((zip) => zip.close()),
  };
}

function add(entries: Map<string, CordisEntry>, entry: CordisEntry): void {
  const other = entries.get(entry.name);
  if (other !== undefined)
    throw new ConnectorInputError(
      `${entry.name} is in the input twice (${other.location} and ${entry.location}); give one export at a time`,
      'INPUT_AMBIGUOUS',
    );
  entries.set(entry.name, entry);
}

async function hashFile(hash: ReturnType<typeof createHash>, file: string): Promise<void> {
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
}

async function openZip(file: string): Promise<yauzl.ZipFile> {
  try {
    return await yauzl.openPromise(file, { lazyEntries: true, autoClose: false, strictFileNames: false });
  } catch (error) {
    throw new ConnectorInputError(
      `${path.basename(file)} is not a zip archive that can be read (${(error as Error).message})`,
      'INPUT_NOT_ARCHIVE',
    );
  }
}

/** macOS adds these to zips it makes; they are no part of the export. */
function isMetadata(entryPath: string): boolean {
  return entryPath.startsWith('__MACOSX/') || path.posix.basename(entryPath).startsWith('._');
}

async function zipEntries(zip: yauzl.ZipFile, file: string): Promise<CordisEntry[]> {
  const entries: CordisEntry[] = [];
  for await (const entry of zip.eachEntry()) {
    if (entry.fileName.endsWith('/') || isMetadata(entry.fileName)) continue;
    if (!entry.fileName.toLowerCase().endsWith('.csv')) continue;
    if (entry.isEncrypted())
      throw new ConnectorInputError(
        `${path.basename(file)}!${entry.fileName} is encrypted; the exports never are`,
        'INPUT_NOT_ARCHIVE',
      );
    entries.push({
      name: path.posix.basename(entry.fileName),
      location: `${path.basename(file)}!${entry.fileName}`,
      size: entry.uncompressedSize,
      modified: entry.getLastModDate(),
      open: () => zip.openReadStreamPromise(entry),
    });
  }
  return entries;
}

async function folderEntries(folder: string): Promise<CordisEntry[]> {
  const entries: CordisEntry[] = [];
  for (const item of await fs.readdir(folder, { recursive: true, withFileTypes: true })) {
    if (!item.isFile() || !item.name.toLowerCase().endsWith('.csv') || item.name.startsWith('._')) continue;
    const file = path.join(item.parentPath, item.name);
    const stat = await fs.stat(file);
    entries.push({
      name: item.name,
      location: file,
      size: stat.size,
      modified: stat.mtime,
      open: async () => createReadStream(file),
    });
  }
  return entries;
}
