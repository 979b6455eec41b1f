// The explorer's one door to the server: GraphQL over POST to /graphql, like any client.

/** A GraphQL error as the API sends it: a message and a code. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
  }
}

export const GRAPHQL_URL = '/graphql';

/** Runs one operation and returns its data; throws ApiError with the first error's code. */
export async function graphql<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const response = await fetch(GRAPHQL_URL, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as {
    data?: T;
    errors?: { message: string; extensions?: { code?: string } }[];
  };
  const first = body.errors?.[0];
  if (first) throw new ApiError(first.message, first.extensions?.code ?? 'ERROR');
  if (!body.data) throw new ApiError(`The API answered ${response.status} without data`, 'NO_DATA');
  return body.data;
}

/** Names of the input fields of an input type, or an empty set when introspection is off. */
export async function inputFieldNames(typeName: string): Promise<Set<string>> {
  try {
    const data = await graphql<{ __type: { inputFields: { name: string }[] | null } | null }>(
      'query ExplorerInputFields($name: String!) { __type(name: $name) { inputFields { name } } }',
      { name: typeName },
    );
    return new Set((data.__type?.inputFields ?? []).map((field) => field.name));
  } catch {
    return new Set();
  }
}

/** The playground opened on an operation and its variables, for the "query" links. */
export function playgroundUrl(query: string, variables: Record<string, unknown>): string {
  const params = new URLSearchParams({ query, variables: JSON.stringify(variables, null, 2) });
  return `/playground?${params.toString()}`;
}
