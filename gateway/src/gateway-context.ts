import type { Identity } from '@sc/auth';

/** What every GraphQL operation through the gateway knows about its caller. */
export interface GatewayContext {
  identity: Identity;
  correlationId: string;
}

/** Where the express middlewares leave their results for the Apollo context function. */
export interface GatewayLocals {
  identity?: Identity;
  correlationId?: string;
}
