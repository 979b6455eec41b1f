// GraphQL over HTTP for the benches: one checked request, and autocannon load whose every
// response must be byte-equal to the first (a closed loop of N connections).

import autocannon from 'autocannon';
import type { LoadSamples } from './load';

/** A GraphQL request body. */
export interface GraphQLBody {
  query: string;
  variables?: Record<string, unknown>;
}

/** Posts the operation once and returns the raw response body; fails on errors, naming `label`. */
export async function fetchGraphQL(url: string, body: GraphQLBody, label: string): Promise<string> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  const parsed = JSON.parse(text) as { data?: unknown; errors?: unknown[] };
  if (!response.ok || parsed.errors?.length || parsed.data === undefined) {
    throw new Error(`${label}: GraphQL answered ${response.status}: ${text.slice(0, 500)}`);
  }
  return text;
}

/** autocannon for `seconds` over `connections`; every response must be 2xx and byte-equal to the first. */
export async function loadGraphQL(
  url: string,
  body: GraphQLBody,
  connections: number,
  seconds: number,
): Promise<LoadSamples> {
  const latenciesMs: number[] = [];
  const expectedBody = await fetchGraphQL(url, body, url);
  const started = performance.now();
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url,
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
        connections,
        duration: seconds,
        expectBody: expectedBody,
      },
      (error: unknown, done: autocannon.Result) => (error ? reject(error) : resolve(done)),
    );
    // autocannon's own histogram has 1 ms buckets; these are the exact per-response times.
    instance.on('response', (_client: unknown, statusCode: number, _bytes: number, responseTime: number) => {
      if (statusCode >= 200 && statusCode < 300) latenciesMs.push(responseTime);
    });
  });
  const elapsedMs = performance.now() - started;
  const errors = result.errors + result.timeouts + result.non2xx + result.mismatches;
  return {
    latenciesMs,
    errors,
    elapsedMs,
    firstError: errors
      ? `errors ${result.errors}, timeouts ${result.timeouts}, non-2xx ${result.non2xx}, wrong bodies ${result.mismatches}`
      : null,
  };
}
