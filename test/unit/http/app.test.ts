// Specifies the Apollo server's response headers without a database: every GraphQL answer,
// an error included, is marked no-store.

import type { ApolloServer } from '@apollo/server';
import { createContext, type RequestContext } from '../../../src/context';
import type { Db } from '../../../src/db/run';
import { createApolloServer } from '../../../src/http/app';
import { silentLogger } from '../../../src/logger';

const noDatabase = new Proxy({} as Db, {
  get: (_, property) => {
    throw new Error(`the database is not expected here (Db.${String(property)})`);
  },
});

let apollo: ApolloServer<RequestContext>;
beforeAll(async () => {
  apollo = createApolloServer({ introspection: false });
  await apollo.start();
});
afterAll(() => apollo.stop());

function execute(query: string) {
  return apollo.executeOperation(
    { query },
    {
      contextValue: createContext({
        db: noDatabase,
        limits: { defaultPageSize: 20, maxPageSize: 100 },
        logger: silentLogger,
      }),
    },
  );
}

describe('createApolloServer', () => {
  it('when an operation succeeds, then the response is marked cache-control: no-store', async () => {
    const response = await execute('{ __typename }');
    expect(response.body.kind === 'single' && response.body.singleResult.errors).toBeFalsy();
    expect(response.http.headers.get('cache-control')).toBe('no-store');
  });

  it('when an operation fails validation, then the response is marked no-store as well', async () => {
    const response = await execute('{ noSuchField }');
    expect(response.body.kind === 'single' && response.body.singleResult.errors?.length).toBe(1);
    expect(response.http.headers.get('cache-control')).toBe('no-store');
  });
});
