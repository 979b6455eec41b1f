// The query corpus of issue 19 as data: each file is one valid operation of the schema with its
// question, the realistic set holds the deep scenario of bench:peer.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildSchema, parse, validate } from 'graphql';
import { corpusQueries, readCorpusFile } from '../../../bench/queryCorpus';
import { loadTypeDefs } from '../../../src/schema';

const schema = buildSchema(loadTypeDefs().join('\n'));

describe('corpusQueries', () => {
  it.each(['realistic', 'huge'] as const)(
    'gives %s operations that the schema validates, each with its question',
    (set) => {
      const queries = corpusQueries(set);
      expect(queries.length).toBeGreaterThan(0);
      for (const query of queries) {
        expect({
          name: query.name,
          errors: validate(schema, parse(query.query)).map((e) => e.message),
        }).toEqual({
          name: query.name,
          errors: [],
        });
        expect(query.question.length).toBeGreaterThan(10);
      }
      expect(new Set(queries.map((query) => query.name)).size).toBe(queries.length);
    },
  );

  it('ends the realistic set with the deep scenario of bench:peer, variables included', () => {
    const deep = corpusQueries('realistic').at(-1)!;
    expect(deep.name).toBe('peer-deep');
    expect((deep.variables?.ids as string[]).length).toBe(10);
  });
});

describe('readCorpusFile', () => {
  it('reads the leading comment lines as the question', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'corpus-')), 'q.graphql');
    fs.writeFileSync(file, '# Who funds\n# what?\n{ stats { dataVersion } }\n');
    expect(readCorpusFile(file)).toEqual({
      name: 'q',
      question: 'Who funds what?',
      query: fs.readFileSync(file, 'utf8'),
    });
  });

  it('refuses a file without a question', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'corpus-')), 'bare.graphql');
    fs.writeFileSync(file, '{ stats { dataVersion } }\n');
    expect(() => readCorpusFile(file)).toThrow(TypeError);
  });
});
