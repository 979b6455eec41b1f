/** @jest-environment-options {"graphAccess": "exclusive"} */
// Import files in other encodings against the real Neo4j: a latin-1 file is refused with its
// file, row and byte offset and writes nothing; with encoding latin1 it is stored correctly;
// NUL bytes are refused.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { importFile } from '../../src/import/importFile';
import { rememberSourceDatasets } from '../helpers/sourceDatasets';
import { openTestDatabase, type TestDatabase } from '../helpers/testDatabase';

const prefix = `test-encoding-${randomBytes(4).toString('hex')}`;
let database: TestDatabase;
let dir: string;
let forgetSourceDatasets: () => Promise<void>;

beforeAll(async () => {
  database = openTestDatabase();
  forgetSourceDatasets = await rememberSourceDatasets(database.db);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'permed-encoding-'));
});

afterAll(async () => {
  await forgetSourceDatasets();
  await database.db.write('MATCH (n:Funder) WHERE n.id STARTS WITH $prefix DETACH DELETE n', { prefix });
  await database.db.write('MATCH (e:AuditEvent) WHERE e.entityId STARTS WITH $prefix DETACH DELETE e', {
    prefix,
  });
  await database.db.write('MATCH (r:ImportRun) WHERE r.file CONTAINS $prefix DETACH DELETE r', { prefix });
  fs.rmSync(dir, { recursive: true, force: true });
  await database.close();
});

/** A funders file in latin-1 (ISO 8859-1) bytes, named so that its kind is clear. */
function latin1File(name: string, content: string): string {
  const file = path.join(dir, `funders-${prefix}-${name}.csv`);
  fs.writeFileSync(file, Buffer.from(content, 'latin1'));
  return file;
}

const CONTENT = [
  'id,name,kind,countryCode,sources',
  `${prefix}-muc,Universität München,FOUNDATION,DE,https://example.org/encoding`,
  '',
].join('\n');

async function storedName(): Promise<string[]> {
  const cypher = 'MATCH (f:Funder {id: $id}) RETURN f.name AS name';
  const rows = await database.db.read<{ name: string }>(cypher, { id: `${prefix}-muc` });
  return rows.map((row) => row.name);
}

describe('importFile and encodings', () => {
  it('when a latin-1 file is read as UTF-8, then it is refused with row and offset, writing nothing', async () => {
    const file = latin1File('refused', CONTENT);
    const offset = Buffer.from(CONTENT, 'latin1').indexOf(0xe4);
    await expect(importFile(database.db, file, { actor: 'cli:encoding-test' })).rejects.toThrow(
      `${path.basename(file)}: row 2, byte offset ${offset}: not valid UTF-8 (byte 0xe4)`,
    );
    expect(await storedName()).toEqual([]);
  });

  it('when the encoding latin1 is named, then the names are stored correctly', async () => {
    const file = latin1File('named', CONTENT);
    const report = await importFile(database.db, file, { actor: 'cli:encoding-test', encoding: 'latin1' });
    expect(report).toMatchObject({ status: 'imported', created: 1 });
    expect(await storedName()).toEqual(['Universität München']);
  });

  it('when a file holds a NUL byte, then it is refused with file, row and byte offset', async () => {
    const row = `${prefix}-nul,A\u0000B,FOUNDATION,DE,https://example.org/x`;
    const file = latin1File('nul', `id,name,kind,countryCode,sources\n${row}\n`);
    await expect(importFile(database.db, file, { actor: 'cli:encoding-test' })).rejects.toThrow(
      /: row 2, byte offset \d+: the file contains a NUL byte/,
    );
    const named = importFile(database.db, file, { actor: 'cli:encoding-test', encoding: 'latin1' });
    await expect(named).rejects.toThrow(/NUL byte/);
  });
});
