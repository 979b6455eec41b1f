// `npm run bench:document-bytes -- [--documents 4000]`: what a document kept by Apollo's document
// store weighs in V8's heap (node --expose-gc, after GC), the figures src/http/documentStore.ts
// counts documents at: bytes per AST node of a compacted document, and bytes per field node the
// planner numbers in it (a slot name each, kept as long as the document is: planSelection.ts).
// The documents are bench:memory's flood (distinct texts of five shapes and networks) over the
// seeds' vocabulary. No database: the root fields are planned as the resolvers plan them, then
// resolve to null. Prints the figures; writes nothing. The bytes per field node move with where the
// planner's WeakMap's table stands in its doubling: run it at several sizes, one process each
// (`for n in 1000 2000 4000 8000 16000; do npm run --silent bench:document-bytes -- --documents $n; done`).

import { buildSchema, execute, parse, type DocumentNode, type GraphQLResolveInfo } from 'graphql';
import { parseArgs } from 'node:util';
import { parseConfig } from '../src/config';
import { compactDocument, DOCUMENT_FIELD_SLOT_BYTES, DOCUMENT_NODE_BYTES } from '../src/http/documentStore';
import { configurePlanCache, plannedProjection } from '../src/resolvers/planning/planSelection';
import { loadTypeDefs } from '../src/schema';
import { readSeedDataset } from '../src/seed/readSeedDataset';
import { floodRequest, floodVocabulary } from './memoryFlood';
import { integerOption } from './options';

function gc(): void {
  const collect = (globalThis as { gc?: () => void }).gc;
  if (!collect) throw new Error('run with node --expose-gc (npm run bench:document-bytes does)');
  collect();
  collect();
}

function heapUsed(): number {
  gc();
  return process.memoryUsage().heapUsed;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { documents: { type: 'string' } } });
  const count = integerOption('documents', values.documents ?? '4000', 1, 1_000_000);
  const config = parseConfig(process.env);
  const vocabulary = floodVocabulary(await readSeedDataset(config.seedsDir));
  const schema = buildSchema(loadTypeDefs().join('\n'));
  const texts = Array.from({ length: count }, (_, index) => floodRequest(index, vocabulary).query);

  const run = (document: DocumentNode, plan: boolean) =>
    execute({
      schema,
      document,
      fieldResolver: (_source, _args, _context, info: GraphQLResolveInfo) => {
        if (plan && info.parentType.name === 'Query') {
          plannedProjection(info, info.returnType.toString().endsWith('Connection!') ? 'connection' : 'node');
        }
        return null;
      },
    });

  // Warm-up on other documents: the first executions compile code and fill V8's and graphql-js's own tables.
  for (let index = count; index < count + 500; index += 1) {
    const document = parse(floodRequest(index, vocabulary).query);
    void run(document, false);
    void run(document, true);
  }
  configurePlanCache(2);
  const empty = heapUsed();
  let nodes = 0;
  let fields = 0;
  const documents = texts.map((text) => {
    const compact = compactDocument(parse(text));
    nodes += compact.nodes;
    fields += compact.fields;
    return compact.document;
  });
  const compacted = heapUsed();
  // The same executions without planning: what execution itself leaves (nothing, if the figure below is the planner's).
  for (const document of documents) void run(document, false);
  const executed = heapUsed();
  for (const document of documents) void run(document, true);
  // Plans are the plan cache's own (counted there): dropped, so that what stays is what the documents keep.
  configurePlanCache(1);
  const planned = heapUsed();
  const perNode = (compacted - empty) / nodes;
  const perField = (planned - executed) / fields;
  process.stdout.write(
    [
      `documents ${count}: ${nodes} AST nodes (${(nodes / count).toFixed(1)} a document), ` +
        `${fields} field nodes (${(fields / count).toFixed(1)} a document)`,
      `compacted documents: ${compacted - empty} bytes, ${perNode.toFixed(0)} a node ` +
        `(source texts and Source objects included; counted at ${DOCUMENT_NODE_BYTES} a node plus the text)`,
      `executed without planning: ${executed - compacted} bytes left`,
      `planned: ${planned - executed} bytes left, ${perField.toFixed(1)} a field node ` +
        `(counted at ${DOCUMENT_FIELD_SLOT_BYTES})`,
    ].join('\n') + '\n',
  );
  // Held to here, so that the figures above are of live documents.
  void documents.length;
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
