import { signClientToken, type Identity } from '@sc/auth';
import { authenticator } from './authenticate';
import { listenOnFreePort, type GraphQLBody } from './testing/http';

const SECRET = 'client-secret-for-tests-0123456789abcdef';
const seller: Identity = { userId: 'usr_1', sellerId: 'shp_1', roles: ['SELLER_STAFF'] };

describe('authenticator', () => {
  let base: Awaited<ReturnType<typeof listenOnFreePort>>;

  beforeAll(async () => {
    const authenticate = authenticator(SECRET);
    base = await listenOnFreePort((req, res) => {
      void authenticate(req, res).then((identity) => {
        if (identity) res.setHeader('content-type', 'application/json').end(JSON.stringify({ identity }));
      });
    });
  });
  afterAll(() => base.close());

  const call = (authorization?: string) =>
    fetch(base.url, { headers: authorization ? { authorization } : {} }).then(async (r) => ({
      status: r.status,
      body: (await r.json()) as GraphQLBody & { identity?: Identity },
    }));

  it('passes the verified identity on', async () => {
    const token = await signClientToken(seller, SECRET);
    expect(await call(`Bearer ${token}`)).toEqual({ status: 200, body: { identity: seller } });
  });

  it.each([
    ['a missing header', undefined],
    ['a non-bearer scheme', 'Basic dXNlcjpwYXNz'],
    ['a malformed token', 'Bearer not-a-jwt'],
  ])('refuses %s with 401 UNAUTHENTICATED', async (_label, header) => {
    const { status, body } = await call(header);
    expect(status).toBe(401);
    expect(body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it('refuses a token signed with another secret', async () => {
    const token = await signClientToken(seller, 'some-other-secret-0123456789abcdefgh');
    expect((await call(`Bearer ${token}`)).status).toBe(401);
  });

  it('refuses an expired token', async () => {
    const token = await signClientToken(seller, SECRET, '-10s');
    const { status, body } = await call(`Bearer ${token}`);
    expect(status).toBe(401);
    expect(body).toEqual({ errors: [{ message: 'Invalid or expired token', extensions: { code: 'UNAUTHENTICATED' } }] });
  });
});
