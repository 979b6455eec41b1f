// A load client in its own process, so that the CPU a server process spends can be read with
// process.cpuUsage() without the client's share in it. bench/peerCpu.ts forks it and sends
// one request per message: {url, body, connections, amount}; it answers {errors}.

import autocannon from 'autocannon';
import type { GraphQLBody } from './graphqlLoad';

/** One load: `amount` requests over `connections` (closed loop). */
export interface CpuClientRequest {
  url: string;
  body: GraphQLBody;
  connections: number;
  amount: number;
}

export interface CpuClientAnswer {
  /** Failed, timed-out, non-2xx and wrong-body answers together. */
  errors: number;
  /** The body every answer of the load had to equal. */
  firstBody: string;
}

/** Two requests before the load: with the response cache on, the first is its miss and the second a hit. */
export const REQUESTS_BEFORE_LOAD = 2;

async function run(request: CpuClientRequest): Promise<CpuClientAnswer> {
  let firstBody = '';
  for (let i = 0; i < REQUESTS_BEFORE_LOAD; i += 1) {
    const response = await fetch(request.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(request.body),
    });
    firstBody = await response.text();
  }
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    autocannon(
      {
        url: request.url,
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(request.body),
        connections: request.connections,
        amount: request.amount,
        expectBody: firstBody,
      },
      (error: unknown, done: autocannon.Result) => (error ? reject(error) : resolve(done)),
    );
  });
  return { errors: result.errors + result.timeouts + result.non2xx + result.mismatches, firstBody };
}

// Only as the forked client: the bench imports this module for its types and constant.
if (require.main === module) {
  process.on('message', (message: CpuClientRequest) => {
    run(message).then(
      (answer) => process.send?.(answer),
      (error: unknown) => process.send?.({ errors: -1, firstBody: String(error) }),
    );
  });
}
