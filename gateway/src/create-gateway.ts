import { ApolloGateway } from '@apollo/gateway';
import { subgraphEnvName, type GatewayConfig, type SubgraphEnvName } from './config';
import { AuthenticatedDataSource } from './authenticated-data-source';
import { InternalContextSigner } from './internal-context-signer';

/**
 * An Apollo gateway over a STATIC supergraph (the committed, composed SDL): no introspection of
 * subgraphs at start-up and no polling, so a subgraph being down never stops the gateway from starting.
 */
export function createGateway(
  config: GatewayConfig,
  supergraphSdl: string,
  signer: InternalContextSigner = new InternalContextSigner(config.internalSigningKey),
): ApolloGateway {
  return new ApolloGateway({
    supergraphSdl,
    buildService: ({ name, url }) => {
      const envName = subgraphEnvName(name) as SubgraphEnvName;
      const target = config.subgraphUrls[envName] ?? url;
      if (!target) throw new Error(`Subgraph "${name}" has no URL in the supergraph; set SUBGRAPH_URL_${envName}`);
      const timeoutMs = config.subgraphTimeoutsMs[envName] ?? config.subgraphTimeoutMs;
      return new AuthenticatedDataSource({ name, url: target, timeoutMs, signer, dedupe: config.subgraphDedupe });
    },
  });
}
