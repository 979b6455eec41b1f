// Specifies what a request's context shares with the process: the default authenticator.

import * as authenticate from '../../src/auth/authenticate';
import { createContext, type ContextDependencies } from '../../src/context';
import type { Db } from '../../src/db/run';
import { silentLogger } from '../../src/logger';

describe('createContext', () => {
  afterEach(() => jest.restoreAllMocks());

  it('when many requests share the dependencies, then the default authenticator is built once', () => {
    const build = jest.spyOn(authenticate, 'createAuthenticator');
    const deps: ContextDependencies = {
      db: {} as Db,
      limits: { defaultPageSize: 20, maxPageSize: 100 },
      logger: silentLogger,
      planner: false,
    };
    for (let request = 0; request < 3; request += 1) createContext(deps);
    expect(build).toHaveBeenCalledTimes(1);
  });

  it('when the dependencies bring an authenticator, then none is built', () => {
    const build = jest.spyOn(authenticate, 'createAuthenticator');
    const deps: ContextDependencies = {
      db: {} as Db,
      limits: { defaultPageSize: 20, maxPageSize: 100 },
      logger: silentLogger,
      planner: false,
      authenticate: async () => ({ kind: 'anonymous' }) as never,
    };
    createContext(deps);
    expect(build).not.toHaveBeenCalled();
  });
});
