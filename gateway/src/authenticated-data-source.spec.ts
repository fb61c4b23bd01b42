import type { GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { CORRELATION_ID_HEADER, INTERNAL_CONTEXT_HEADER, generateSigningKey, verificationKeyOf, verifyInternalContext, type Identity } from '@sc/auth';
import { AuthenticatedDataSource } from './authenticated-data-source';
import type { GatewayContext } from './gateway-context';
import { InternalContextSigner } from './internal-context-signer';

const KEY = generateSigningKey();
const seller: Identity = { userId: 'usr_1', sellerId: 'shp_1', roles: ['SELLER_STAFF'] };

function outgoing(context: Partial<GatewayContext>) {
  const headers = new Headers();
  const options = {
    kind: 'incoming operation', // GraphQLDataSourceRequestKind is a type-only export of @apollo/gateway
    request: { query: '{ shop { id } }', http: { url: 'http://127.0.0.1:1/graphql', method: 'POST', headers } },
    context,
    incomingRequestContext: {},
  } as unknown as GraphQLDataSourceProcessOptions<GatewayContext>;
  return { headers, options };
}

describe('AuthenticatedDataSource', () => {
  const source = new AuthenticatedDataSource({
    name: 'catalog',
    url: 'http://127.0.0.1:1/graphql',
    timeoutMs: 1000,
    signer: new InternalContextSigner(KEY),
  });

  it('sets a signed internal context that verifyInternalContext accepts, and the correlation id', async () => {
    const { headers, options } = outgoing({ identity: seller, correlationId: 'corr-123' });
    await source.willSendRequest(options);
    await expect(verifyInternalContext(headers.get(INTERNAL_CONTEXT_HEADER)!, verificationKeyOf(KEY))).resolves.toEqual(seller);
    expect(headers.get(CORRELATION_ID_HEADER)).toBe('corr-123');
  });

  it('sends nothing signed when there is no caller, so the subgraph refuses (fail closed)', async () => {
    const { headers, options } = outgoing({});
    await source.willSendRequest(options);
    expect(headers.has(INTERNAL_CONTEXT_HEADER)).toBe(false);
  });
});
