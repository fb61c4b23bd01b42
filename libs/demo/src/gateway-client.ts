import { Identity, signClientToken, type SigningKey } from '@sc/auth';

/** Codes of refusals made before any work, to be retried after the `retry-after` the gateway sends. */
const RETRY_AFTER_CODES = new Set(['THROTTLED', 'OVERLOADED']);
const MAX_ATTEMPTS = 30;

/** A minimal GraphQL client for the gateway that throws on any error, for scripts. */
export class GatewayClient {
  constructor(
    private readonly url: string,
    /** The client token issuer's private key (the stack's `clientTokenKey`). */
    private readonly clientTokenKey: SigningKey,
  ) {}

  async run<T = any>(identity: Identity, query: string, variables?: Record<string, unknown>): Promise<T> {
    const token = await signClientToken(identity, this.clientTokenKey);
    for (let attempt = 1; ; attempt += 1) {
      const response = await fetch(this.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await response.json()) as { data?: T; errors?: Array<{ message: string; extensions?: { code?: string } }> };
      // Refused before anything ran (the caller's budget, or the gateway's write queue): wait as told and send again.
      const refusal = body.errors?.find((e) => RETRY_AFTER_CODES.has(e.extensions?.code ?? ''));
      if (refusal && attempt < MAX_ATTEMPTS) {
        const seconds = Number(response.headers.get('retry-after')) || 1;
        await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
        continue;
      }
      return this.dataOf(body);
    }
  }

  private dataOf<T>(body: { data?: T; errors?: Array<{ message: string; extensions?: { code?: string } }> }): T {
    if (body.errors?.length) {
      throw new Error(`GraphQL error: ${body.errors.map((e) => `${e.extensions?.code ?? ''} ${e.message}`).join('; ')}`);
    }
    return body.data as T;
  }
}

/** Retries `attempt` until it stops throwing (a projection may not have caught up yet). */
export async function retrying<T>(attempt: () => Promise<T>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await attempt();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}
