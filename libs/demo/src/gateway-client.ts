import { Identity, signClientToken, type SigningKey } from '@sc/auth';

/** A minimal GraphQL client for the gateway that throws on any error, for scripts. */
export class GatewayClient {
  constructor(
    private readonly url: string,
    /** The client token issuer's private key (the stack's `clientTokenKey`). */
    private readonly clientTokenKey: SigningKey,
  ) {}

  async run<T = any>(identity: Identity, query: string, variables?: Record<string, unknown>): Promise<T> {
    const response = await fetch(this.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await signClientToken(identity, this.clientTokenKey)}` },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as { data?: T; errors?: Array<{ message: string; extensions?: { code?: string } }> };
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
