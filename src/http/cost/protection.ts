// Everything that stands between an operation and its resolvers: structural limits (tokens at
// parse; depth, aliases, directives at validation, by GraphQL Armor), the priced cost against
// the caller's limit, the caller's budget (429) and the analytics pool. Refusals are coded,
// nothing runs, and every answer tells its cost in extensions.cost.

import type { ApolloServerPlugin, GraphQLRequestContext } from '@apollo/server';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import {
  GraphQLError,
  Kind,
  type FragmentDefinitionNode,
  type ParseOptions,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';
import { ANONYMOUS, type Principal } from '../../auth/principal';
import type { GraphStatistics } from '../../resolvers/graphStatisticsModel';
import type { PerCaller, ProtectionConfig } from '../../config';
import type { RequestContext } from '../../context';
import { ErrorCode } from '../../errors';
import { AnalyticsPool, PoolFullError, type Release } from '../analyticsPool';
import {
  recordOperationCost,
  recordRefusal,
  recordRequest,
  registerPoolGauges,
  type RequestOutcome,
} from '../metrics';
import { TokenBuckets, type Allowance, type BudgetStore } from '../rateLimit';
import { ANALYTICS_ROOT_FIELDS } from './listSizes';
import { operationCost } from './operationCost';

/** What a response's extensions.cost says. */
export interface CostExtension {
  /** Points priced before execution; null when the operation was refused before pricing. */
  requested: number | null;
  /** The caller's cost limit. */
  limit: number;
  /** Points the answer actually used (objects returned plus analytics work), when it ran. */
  actual?: number;
  /** Points left in the caller's budget after this operation, when budgets apply. */
  budgetRemaining?: number;
}

export interface ProtectionOptions {
  config: ProtectionConfig;
  /** `first` of a connection left without one (DEFAULT_PAGE_SIZE). */
  defaultPageSize: number;
  /** The clock in milliseconds, for the buckets (tests pass a fake one). */
  now?: () => number;
  /**
   * Where the client budgets are kept (RATE_LIMIT_STORE); default: this process's TokenBuckets.
   * The caller that made it closes it.
   */
  budgets?: BudgetStore;
}

/** The pieces Apollo Server is built with. */
export interface Protection {
  plugin: ApolloServerPlugin<RequestContext>;
  validationRules: ValidationRule[];
  parseOptions: ParseOptions;
  pool: AnalyticsPool;
  /** The client budgets: this process's buckets, or a store the replicas share. */
  budgets: BudgetStore;
  /**
   * Seconds an anonymous client at `address` must still wait after a RATE_LIMITED answer
   * (its Retry-After), or null. The HTTP layer refuses such a client before reading its body:
   * a flooder retrying at once made 3,686 refused requests in 8 s, each parsed and priced.
   */
  retryAfter(address: string): number | null;
  /**
   * Charges a response-cache hit as its miss was charged: the priced points against the
   * caller's budget, then what the answer did not use given back. Returns the hit's
   * extensions.cost (budgetRemaining is this caller's), or null when the budget cannot pay;
   * the request then goes through Apollo, which refuses it with RATE_LIMITED as before.
   * `principal` is the resolved caller, `address` the client's (anonymous budgets).
   */
  chargeCached(
    principal: Principal,
    address: string | null,
    priced: { requested: number; actual: number },
  ): Promise<CostExtension | null>;
  /**
   * Prices from now on with `statistics` (the prewarm's, src/resolvers/graphStatistics.ts),
   * unless those in use are of a newer data version. Until the first, lists are priced at
   * their caps alone.
   */
  useStatistics(statistics: GraphStatistics): void;
  /** The statistics prices rest on now; null before the first. */
  readonly statistics: GraphStatistics | null;
  /**
   * The data version of the statistics `context`'s operation was priced with: null when it was
   * priced before the first (lists at their caps alone), undefined when it was not priced.
   */
  pricedWith(context: RequestContext): number | null | undefined;
}

/** Most anonymous clients remembered inside their Retry-After at once. */
const MAX_WAITING_CLIENTS = 100_000;

type Caller = keyof PerCaller<number>;

/** Most selections an operation may hold with its fragments expanded (Apollo's maxRecursiveSelections). */
export const MAX_RECURSIVE_SELECTIONS = 100_000;

/** Errors our validation rules reported, so they can be given their own code. */
const LIMIT_ERRORS = new WeakSet<GraphQLError>();
// graphql-js 16 writes "more that"; both spellings are matched.
const TOKEN_LIMIT = /^Syntax Error: Document contains more th(?:an|at) (\d+) tokens/;
/** Apollo's maxRecursiveSelections rule (fragment doubling). */
const SELECTION_LIMIT = /recursively requests too many selections\.$/;

function tooComplex(message: string, extensions: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, {
    extensions: { ...extensions, code: ErrorCode.QueryTooComplex, http: { status: 400, headers: new Map() } },
  });
}

/** Reports an Armor rejection under our code, with Armor's measured value and limit in the message. */
function reportAsTooComplex(context: ValidationContext | null, error: GraphQLError): void {
  const detail = error.message.replace(/^Syntax Error: /, '').replace(/\.$/, '');
  const ours = new GraphQLError(`Query too complex: ${detail.charAt(0).toLowerCase()}${detail.slice(1)}`);
  LIMIT_ERRORS.add(ours);
  context?.reportError(ours);
}

/** The Armor validation rules for depth, aliases and directives, reporting QUERY_TOO_COMPLEX. */
function structuralRules(config: ProtectionConfig): ValidationRule[] {
  const common = { exposeLimits: true, propagateOnRejection: false, onReject: [reportAsTooComplex] };
  return [
    maxDepthRule({
      ...common,
      n: config.limits.maxDepth,
      ignoreIntrospection: true,
    }) as unknown as ValidationRule,
    maxAliasesRule({ ...common, n: config.limits.maxAliases }) as unknown as ValidationRule,
    maxDirectivesRule({ ...common, n: config.limits.maxDirectives }) as unknown as ValidationRule,
  ];
}

const DEADLINE_CODES: ReadonlySet<unknown> = new Set([ErrorCode.QueryTimeout, ErrorCode.RequestTimeout]);

/** True when one of `errors` says the operation was stopped by a timeout or its deadline. */
function stoppedAtDeadline(
  errors: ReadonlyArray<{ extensions?: Record<string, unknown> }> | undefined,
): boolean {
  return errors?.some((error) => DEADLINE_CODES.has(error.extensions?.code)) ?? false;
}

/**
 * "most of it (98%) is under funders.nodes.calls.funders: " when one chain of fields holds more
 * than half of the price, so that a refused client knows where to ask for less; else nothing.
 */
export function heaviestPart(path: readonly string[], cost: number, requested: number): string {
  if (path.length === 0 || !(cost > requested / 2)) return '';
  const share = Math.min(100, Math.floor((cost / requested) * 100));
  return `most of it (${share}%) is under ${path.join('.')}: `;
}

/** Counts the objects an answer's `data` holds, `data` itself excluded. */
export function answerObjects(data: unknown): number {
  return data !== null && typeof data === 'object' ? countObjects(data) - 1 : 0;
}

/** Counts the objects in a value, itself included (arrays are not objects here). */
export function countObjects(value: unknown): number {
  if (value === null || typeof value !== 'object') return 0;
  let sum = 0;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) sum += countObjects(value[i]);
    return sum;
  }
  sum = 1;
  // for...in without Object.values: no array per object on a path run for every answer.
  const record = value as Record<string, unknown>;
  for (const key in record) {
    const child = record[key];
    if (child !== null && typeof child === 'object') sum += countObjects(child);
  }
  return sum;
}

/** Builds the protection of one server: its own buckets and analytics pool. */
export function createProtection(options: ProtectionOptions): Protection {
  const { config } = options;
  const budgets: BudgetStore =
    options.budgets ?? new TokenBuckets({ windowSeconds: config.rateLimit.windowSeconds, now: options.now });
  const pool = new AnalyticsPool(config.analytics.concurrency, config.analytics.queue);
  const now = options.now ?? Date.now;
  // Anonymous clients inside their Retry-After: address -> until (ms).
  const waiting = new Map<string, number>();
  const retryAfter = (address: string): number | null => {
    const until = waiting.get(address);
    if (until === undefined) return null;
    const left = until - now();
    if (left <= 0) {
      waiting.delete(address);
      return null;
    }
    return Math.ceil(left / 1000);
  };
  const hold = (address: string, seconds: number) => {
    if (waiting.size >= MAX_WAITING_CLIENTS) waiting.clear();
    waiting.set(address, now() + seconds * 1000);
  };
  // Refusals of other replicas hold the address here too: the tarpit is the same behind a load balancer.
  budgets.onRefusal?.(hold);
  registerPoolGauges(() => ({ active: pool.active, queued: pool.queued }));
  let statistics: GraphStatistics | null = null;
  const pricedWith = new WeakMap<RequestContext, number | null>();

  async function callerOf(context: RequestContext): Promise<{ caller: Caller; client: string | null }> {
    let principal = ANONYMOUS;
    try {
      principal = await context.auth.principal();
    } catch {
      // A bad credential reads as anonymous; a mutation still gets UNAUTHENTICATED from it.
    }
    return callerOfPrincipal(principal, context.clientAddress);
  }

  const chargeCached: Protection['chargeCached'] = async (principal, address, priced) => {
    const { caller, client } = callerOfPrincipal(principal, address);
    const limit = config.limits.maxCost[caller];
    if (priced.requested > limit) return null;
    const cost: CostExtension = { requested: priced.requested, limit };
    if (config.rateLimit.enabled && client !== null) {
      const allowance = { perWindow: config.rateLimit.points[caller], burst: limit };
      // The answer's size is known: charged as priced, only its actual cost leaves the budget.
      const charge = await budgets.charge(client, allowance, priced.requested, priced.actual);
      if (!charge.ok) return null;
      cost.budgetRemaining = charge.remaining;
    }
    cost.actual = priced.actual;
    return cost;
  };

  const plugin: ApolloServerPlugin<RequestContext> = {
    async requestDidStart() {
      const started = performance.now();
      let cost: CostExtension = { requested: null, limit: config.limits.maxCost.anonymous };
      let outcome: RequestOutcome | null = null;
      let charged: { client: string; points: number; allowance: Allowance } | null = null;
      let release: Release | null = null;
      let work = 0;

      const refuse = (error: GraphQLError, why: RequestOutcome): never => {
        outcome = why;
        throw error;
      };

      return {
        async didResolveOperation(request: GraphQLRequestContext<RequestContext>) {
          const operation = request.operation;
          if (!operation) return;
          const { caller, client } = await callerOf(request.contextValue);
          const limit = config.limits.maxCost[caller];
          const fragments: Record<string, FragmentDefinitionNode> = {};
          for (const definition of request.document!.definitions) {
            if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments[definition.name.value] = definition;
          }
          const measured = operationCost(request.schema, operation, fragments, request.request.variables, {
            defaultPageSize: options.defaultPageSize,
            statistics,
          });
          pricedWith.set(request.contextValue, statistics?.dataVersion ?? null);
          // Beyond 2^53 points a cost is only "enormous"; it is reported as the largest exact integer.
          const requested = Math.min(Math.ceil(measured.cost), Number.MAX_SAFE_INTEGER);
          cost = { requested, limit };
          recordOperationCost(measured.cost);

          if (measured.rootFields > config.limits.maxRootFields) {
            recordRefusal('limits');
            refuse(
              tooComplex(
                `Query too complex: ${measured.rootFields} root fields exceed the limit of ${config.limits.maxRootFields}`,
                { rootFields: measured.rootFields, limit: config.limits.maxRootFields },
              ),
              'refused_cost',
            );
          }
          if (requested > limit) {
            recordRefusal('cost');
            refuse(
              tooComplex(
                `Query too complex: its cost is ${requested} points and the limit is ${limit}; ` +
                  `${heaviestPart(measured.heaviestPath, measured.heaviestCost, requested)}ask for smaller pages ` +
                  '(first/limit), fewer nested lists or fewer aliases (see docs/operations.md)',
                { cost: requested, limit, heaviestPath: measured.heaviestPath },
              ),
              'refused_cost',
            );
          }

          if (config.rateLimit.enabled && client !== null) {
            // The burst is one largest operation: a client cannot spend a window's budget at once.
            const allowance = { perWindow: config.rateLimit.points[caller], burst: limit };
            const charge = await budgets.charge(client, allowance, requested);
            cost.budgetRemaining = charge.remaining;
            if (!charge.ok) {
              recordRefusal('rate');
              const address = request.contextValue.clientAddress;
              if (caller === 'anonymous' && address !== null) {
                hold(address, charge.retryAfterSeconds);
                budgets.announceRefusal?.(address, charge.retryAfterSeconds);
              }
              refuse(
                new GraphQLError(
                  `Rate limited: this operation costs ${requested} points and the budget holds ${charge.remaining} ` +
                    `(it refills ${config.rateLimit.points[caller]} per ${config.rateLimit.windowSeconds} s); retry in ` +
                    `${charge.retryAfterSeconds} s`,
                  {
                    extensions: {
                      code: ErrorCode.RateLimited,
                      retryAfterSeconds: charge.retryAfterSeconds,
                      http: {
                        status: 429,
                        headers: new Map([['retry-after', String(charge.retryAfterSeconds)]]),
                      },
                    },
                  },
                ),
                'refused_rate',
              );
            }
            charged = { client, points: Math.min(requested, limit), allowance };
          }

          const analytics =
            operation.operation === 'query' &&
            measured.rootFieldNames.some((n) => ANALYTICS_ROOT_FIELDS.has(n));
          if (analytics) {
            try {
              release = await pool.acquire();
            } catch (error) {
              if (!(error instanceof PoolFullError)) throw error;
              // The refused request did no work: its points go back.
              if (charged) budgets.refund(charged.client, charged.points, charged.allowance);
              charged = null;
              recordRefusal('busy');
              refuse(
                new GraphQLError(
                  `Analytics busy: ${error.concurrency} analytics operations are running and ${error.queue} are waiting; retry in 1 s`,
                  {
                    extensions: {
                      code: ErrorCode.AnalyticsBusy,
                      retryAfterSeconds: 1,
                      http: { status: 503, headers: new Map([['retry-after', '1']]) },
                    },
                  },
                ),
                'refused_busy',
              );
            }
          }
          work = Math.ceil(measured.work);
        },

        async didEncounterErrors({ errors }) {
          for (const error of errors) {
            const original = error.originalError;
            const ours = original instanceof GraphQLError && LIMIT_ERRORS.has(original);
            const tokens = TOKEN_LIMIT.exec(error.message);
            const selections = SELECTION_LIMIT.test(error.message);
            if (!ours && !tokens && !selections) continue;
            const extensions = error.extensions as Record<string, unknown>;
            extensions.code = ErrorCode.QueryTooComplex;
            if (tokens) {
              error.message = `Query too complex: the document has more than ${tokens[1]} tokens, the limit`;
            } else if (selections) {
              error.message = `Query too complex: with its fragments expanded it holds more than ${MAX_RECURSIVE_SELECTIONS} selections, the limit`;
            }
            if (outcome === null) {
              outcome = 'refused_cost';
              recordRefusal('limits');
            }
          }
        },

        async willSendResponse({ response, operationName, errors }) {
          release?.();
          release = null;
          const body = response.body.kind === 'single' ? response.body.singleResult : null;
          if (body && outcome === null && cost.requested !== null) {
            // Objects in the answer; the analytics work is charged as priced once the operation ran.
            // An operation stopped at its deadline ran as long as any could: it keeps its whole price.
            cost.actual = stoppedAtDeadline(body.errors ?? errors)
              ? cost.requested
              : Math.min(cost.requested, answerObjects(body.data) + work);
            if (charged && cost.actual < charged.points) {
              budgets.refund(charged.client, charged.points - cost.actual, charged.allowance);
              if (cost.budgetRemaining !== undefined) cost.budgetRemaining += charged.points - cost.actual;
            }
          }
          if (body) body.extensions = { ...body.extensions, cost };
          if (outcome === null) {
            if (response.body.kind === 'single' && cost.requested === null && errors?.length)
              outcome = 'invalid';
            else outcome = errors?.length || body?.errors?.length ? 'error' : 'success';
          }
          recordRequest(operationName, outcome, (performance.now() - started) / 1000);
        },
      };
    },
  };

  return {
    plugin,
    validationRules: structuralRules(config),
    parseOptions: { maxTokens: config.limits.maxTokens },
    pool,
    budgets,
    retryAfter,
    chargeCached,
    useStatistics(next) {
      if (statistics === null || next.dataVersion >= statistics.dataVersion) statistics = next;
    },
    get statistics() {
      return statistics;
    },
    pricedWith: (context) => pricedWith.get(context),
  };
}

/** The caller class (cost limit, budget) and budget key of `principal`; anonymous callers are keyed by address. */
export function callerOfPrincipal(
  principal: Principal,
  address: string | null,
): { caller: Caller; client: string | null } {
  switch (principal.kind) {
    case 'apiKey':
      return { caller: principal.role, client: `key:${principal.keyId}` };
    case 'jwt':
      return { caller: principal.role, client: `jwt:${principal.subject}` };
    case 'cli':
      return { caller: principal.role, client: null };
    case 'anonymous':
      return { caller: 'anonymous', client: address === null ? null : `ip:${address}` };
  }
}

type AnyResolver = (parent: unknown, args: unknown, context: object, info: unknown) => unknown;

/**
 * Runs the analytics root fields of one operation one after another instead of all at once.
 * The pool bounds how many operations run analytics; this bounds what each may start: 90
 * aliased networks in one request otherwise open 90 sessions at once, take the whole driver
 * pool (50) and leave other clients' reads queued behind them (docs/benchmarks.md).
 */
export function serialiseAnalytics<R extends { Query?: object }>(resolvers: R): R {
  const query = resolvers.Query as Record<string, unknown> | undefined;
  if (!query) return resolvers;
  const lanes = new WeakMap<object, Promise<unknown>>();
  const wrapped: Record<string, unknown> = { ...query };
  for (const field of ANALYTICS_ROOT_FIELDS) {
    const original = query[field];
    if (typeof original !== 'function') continue;
    wrapped[field] = ((parent, args, context, info) => {
      const previous = lanes.get(context) ?? Promise.resolve();
      const run = previous.then(() => (original as AnyResolver)(parent, args, context, info));
      lanes.set(
        context,
        run.then(
          () => undefined,
          () => undefined,
        ),
      );
      return run;
    }) satisfies AnyResolver;
  }
  return { ...resolvers, Query: wrapped };
}
