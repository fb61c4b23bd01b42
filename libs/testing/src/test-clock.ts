import { Identity, INTERNAL_CONTEXT_HEADER, signInternalContext } from '@sc/auth';
import { StackSettings, SubgraphName, subgraphUrlOf } from '@sc/stack';

const PLATFORM: Identity = { userId: 'ops_test_clock', sellerId: null, roles: ['PLATFORM'] };

/** What a service's test clock answers: its new now and how many due jobs (timers) it ran. */
export interface ClockMove {
  now: string;
  fired: number;
}

/**
 * Moves a service's controlled clock (the stack must run with CLOCK_MODE=controlled) and runs the jobs now
 * due in it. Every service has the endpoint; each keeps its own clock, so move each service a test relies on.
 */
export async function moveClock(settings: StackSettings, service: SubgraphName, move: { advanceMs?: number; setTo?: string }): Promise<ClockMove> {
  const url = subgraphUrlOf(settings, service).replace('/graphql', '/internal/test-clock');
  const token = await signInternalContext(PLATFORM, settings.internalSigningKey);
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [INTERNAL_CONTEXT_HEADER]: token },
    body: JSON.stringify(move),
  });
  if (response.status !== 200) throw new Error(`test clock of ${service} answered ${response.status}`);
  return (await response.json()) as ClockMove;
}
