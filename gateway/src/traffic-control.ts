import { HeaderMap, type ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, Kind, type FragmentDefinitionNode } from 'graphql';
import type { Identity } from '@sc/auth';
import type { GatewayContext } from './gateway-context';
import { Admission, AdmissionRefused, type Release } from './admission';
import type { CostBuckets, ThrottleStatus } from './cost-buckets';
import { operationCost } from './operation-cost';

export interface TrafficControl {
  /** Per-caller cost budgets; absent when RATE_LIMIT_ENABLED=false. */
  buckets?: CostBuckets;
  /** The bound on writes in flight. */
  admission: Admission;
}

/**
 * What happens to an operation between "it is valid" and "the subgraphs are called", in this order:
 * 1. its calculated cost is charged to the caller's budget: a caller out of budget gets THROTTLED (HTTP 429,
 *    `retry-after`), and every answer reports the cost and the budget left in `extensions.cost`;
 * 2. a mutation waits for a write slot: if none frees up soon it gets OVERLOADED (HTTP 503, `retry-after`);
 * 3. once answered, a mutation whose subgraph timed out is reported as OUTCOME_UNKNOWN, not as a failure: the
 *    write may have committed after the gateway stopped waiting, and retrying with the same idempotency key
 *    returns its stored result (or makes it, if it never happened).
 * Refusals 1 and 2 come before any subgraph call, so nothing was written and a retry is always safe.
 */
export function trafficControlPlugin(control: TrafficControl): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      let slot: Promise<Release> | undefined;
      let cost: { requestedQueryCost: number; throttleStatus: ThrottleStatus } | undefined;
      let mutation = false;
      return {
        async didResolveOperation({ operation, document, request, contextValue }) {
          if (!operation) return; // operation-rules.ts refuses it
          mutation = operation.operation === 'mutation';
          if (control.buckets) {
            const fragments = new Map<string, FragmentDefinitionNode>();
            for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
            const requestedQueryCost = operationCost(operation, fragments, request.variables ?? {});
            const spent = control.buckets.spend(callerKey(contextValue.identity), requestedQueryCost);
            cost = { requestedQueryCost, throttleStatus: spent.status };
            if (!spent.allowed) {
              throw refusal('THROTTLED', 429, spent.retryAfterSeconds, `This caller's query budget is spent; retry in ${spent.retryAfterSeconds} s`);
            }
          }
          if (!mutation) return;
          slot = control.admission.acquire();
          try {
            await slot;
          } catch (error) {
            if (!(error instanceof AdmissionRefused)) throw error;
            throw refusal(
              'OVERLOADED',
              503,
              error.retryAfterSeconds,
              `Too busy to take this change now; nothing was written: retry in ${error.retryAfterSeconds} s`,
            );
          }
        },
        async willSendResponse({ response }) {
          slot?.then(
            (release) => release(),
            () => undefined,
          );
          if (response.body.kind !== 'single') return;
          const result = response.body.singleResult;
          if (cost) result.extensions = { ...result.extensions, cost };
          if (mutation && result.errors) {
            // Only where the write itself went unanswered (the root field); a nested field of another subgraph
            // timing out after the write answered leaves the outcome known.
            result.errors = result.errors.map((error) =>
              error.extensions?.code === 'SUBGRAPH_TIMEOUT' && (error.path?.length ?? 0) <= 1
                ? { ...error, message: OUTCOME_UNKNOWN_MESSAGE, extensions: { ...error.extensions, code: 'OUTCOME_UNKNOWN', retryable: true } }
                : error,
            );
          }
        },
      };
    },
  };
}

export const OUTCOME_UNKNOWN_MESSAGE =
  'The outcome of this change is unknown: it may have been made after the answer timed out. Retry with the same idempotencyKey: that returns its result, or makes the change if it was not made';

/** Whose budget an operation is charged to: the user, per shop they act for. */
function callerKey(identity: Identity): string {
  return `${identity.userId}@${identity.sellerId ?? ''}`;
}

function refusal(code: 'THROTTLED' | 'OVERLOADED', status: number, retryAfterSeconds: number, message: string): GraphQLError {
  return new GraphQLError(message, {
    extensions: { code, retryAfterSeconds, http: { status, headers: new HeaderMap([['retry-after', String(retryAfterSeconds)]]) } },
  });
}
