// Hive Gateway configuration of the peer-gateway benchmark (`hive-gateway supergraph <file> -c <this, compiled>`).
// Our subgraphs accept only calls carrying a gateway-signed `x-sc-internal-context`. Hive knows nothing of our
// client JWTs, so the bench client sends a pre-signed internal context and Hive forwards it unchanged: Hive
// does no token verification or signing per request, which our gateway does (see BENCHMARKS.md).
const INTERNAL_CONTEXT_HEADER = 'x-sc-internal-context';
const CORRELATION_ID_HEADER = 'x-correlation-id';

export const gatewayConfig = {
  propagateHeaders: {
    fromClientToSubgraphs({ request }: { request: Request }): Record<string, string> {
      const headers: Record<string, string> = {};
      for (const name of [INTERNAL_CONTEXT_HEADER, CORRELATION_ID_HEADER]) {
        const value = request.headers.get(name);
        if (value) headers[name] = value;
      }
      return headers;
    },
  },
  // Production settings from the Hive Gateway docs: JIT-compiled execution, masked errors, no GraphiQL.
  jit: true,
  maskedErrors: true,
  graphiql: false,
  landingPage: false,
  disableWebsockets: true,
  logging: 'warn',
};
