import { Identity } from '@sc/auth';
import { newId } from '@sc/db';
import { EventEnvelope } from '@sc/events';
import {
  GraphQLResult,
  TestStack,
  errorCodes,
  eventFixture,
  eventually,
  newBuyer,
  newIdempotencyKey,
  newSeller,
  publishRaw,
  startTestStack,
} from '@sc/testing';
import {
  CollaborationView,
  ConnectionView,
  CreateCollaborationResult,
  CreatorView,
  Entities,
  RegisterCreatorResult,
  WriteCountsRow,
  creatorsCaller,
} from './support/creators-api';

/**
 * A live product of `owner`'s shop as catalog announced it: `product.created` (version 1, ACTIVATE, one SKU)
 * on catalog.product.v1, the topic creators projects its catalog_products read model from.
 */
async function announceLiveProduct(stack: TestStack, owner: Identity, title: string): Promise<string> {
  const productId = newId('prd');
  const created = eventFixture('catalog.product.v1', 'product.created', {
    source: 'catalog',
    sellerId: owner.sellerId!,
    aggregateType: 'Product',
    aggregateId: productId,
    aggregateVersion: 1,
    actor: { type: 'SELLER_STAFF', id: owner.userId },
    payload: {
      productId,
      title,
      status: 'ACTIVATE',
      skus: [{ skuId: newId('sku'), sellerSku: `GS-${Math.random()}`, price: { amountMinor: '1999', currencyCode: 'USD' } }],
    },
  });
  await publishRaw(stack.settings, 'catalog.product.v1', [created]);
  return productId;
}

// Creators alone over real Kafka and PostgreSQL, fed catalog's product events as catalog publishes them:
// the product projection, the creator directory, collaborations and the fields creators contributes to
// catalog's Product and Shop.
describe('creator collaborations (creators, catalog events as fixtures)', () => {
  let stack: TestStack;
  const platform: Identity = { userId: 'usr_platform', sellerId: null, roles: ['PLATFORM'] };
  const seller = newSeller();
  const otherSeller = newSeller();
  const creatorIds: Record<string, string> = {};
  let ownProductId: string;
  let othersProductId: string;

  const creators = creatorsCaller(() => stack);

  const registerCreator = (identity: Identity, input: Record<string, unknown>) =>
    creators<RegisterCreatorResult>(
      identity,
      `mutation($input: RegisterCreatorInput!) { registerCreator(input: $input) { id handle displayName followerCount categories } }`,
      {
        input: { displayName: 'A creator', followerCount: 1000, categories: ['beauty'], idempotencyKey: newIdempotencyKey(), ...input },
      },
    );

  const createCollaboration = (identity: Identity, input: Record<string, unknown>) =>
    creators<CreateCollaborationResult>(
      identity,
      `mutation($input: CreateCollaborationInput!) { createCollaboration(input: $input) { id status commissionRateBps createdAt creator { id handle } product { id } } }`,
      { input: { commissionRateBps: 1000, idempotencyKey: newIdempotencyKey(), ...input } },
    );

  /** A product catalog announced on catalog.product.v1, once creators has projected it. */
  async function createProduct(owner: Identity, title = 'Glow serum'): Promise<string> {
    const productId = await announceLiveProduct(stack, owner, title);
    const db = await stack.db('creators');
    await eventually(
      async () => (await db.query('SELECT 1 FROM catalog_products WHERE id = $1', [productId])).rowCount,
      (n) => n === 1,
    );
    return productId;
  }

  /** `_entities` of `representations`, each answered with `selection` (the fields of `T`). */
  const entities = <T>(identity: Identity, selection: string, representations: unknown[]) =>
    creators<Entities<T>>(identity, `query($r: [_Any!]!) { _entities(representations: $r) { ${selection} } }`, { r: representations });

  const counts = async () => {
    const db = await stack.db('creators');
    const result = await db.query<WriteCountsRow>(
      `SELECT (SELECT count(*) FROM creators) AS creators, (SELECT count(*) FROM collaborations) AS collaborations,
              (SELECT count(*) FROM outbox) AS outbox, (SELECT count(*) FROM idempotency_keys) AS keys`,
    );
    return result.rows[0];
  };

  const unknownId = (prefix: string, i: number) => `${prefix}_000000000${i.toString(16).padStart(16, '0')}`;

  beforeAll(async () => {
    stack = await startTestStack('creators', { subgraphs: ['creators'] });
    for (const handle of ['anna.k', 'anna_b', 'annabel', 'bob.fit', 'cara', 'dan_cooks']) {
      const registered = await registerCreator(platform, { handle, displayName: handle.toUpperCase(), followerCount: handle.length * 1000 });
      expect(registered.errors).toBeUndefined();
      creatorIds[handle] = registered.data!.registerCreator.id;
    }
    ownProductId = await createProduct(seller);
    othersProductId = await createProduct(otherSeller, 'Not yours');
    // An ACTIVE collaboration that a second one must collide with.
    const existing = await createCollaboration(seller, { creatorId: creatorIds['bob.fit'], productId: ownProductId });
    expect(existing.errors).toBeUndefined();
  });

  afterAll(async () => {
    await stack?.dispose();
  });

  it('projects products from catalog and creates a collaboration with its event, idempotently', async () => {
    const db = await stack.db('creators');
    const projected = await db.query<{ seller_id: string; title: string }>('SELECT seller_id, title FROM catalog_products WHERE id = $1', [ownProductId]);
    expect(projected.rows[0]).toEqual({ seller_id: seller.sellerId, title: 'Glow serum' });

    const key = newIdempotencyKey();
    const input = { creatorId: creatorIds['cara'], productId: ownProductId, commissionRateBps: 1500, idempotencyKey: key };
    const created = await createCollaboration(seller, input);
    expect(created.errors).toBeUndefined();
    const collaboration = created.data!.createCollaboration;
    expect(collaboration).toMatchObject({
      status: 'ACTIVE',
      commissionRateBps: 1500,
      creator: { id: creatorIds['cara'], handle: 'cara' },
      product: { id: ownProductId },
    });
    expect(collaboration.id).toMatch(/^col_/);

    const stored = await db.query<{ seller_id: string; creator_id: string; product_id: string; status: string }>(
      'SELECT seller_id, creator_id, product_id, status FROM collaborations WHERE id = $1',
      [collaboration.id],
    );
    expect(stored.rows[0]).toEqual({ seller_id: seller.sellerId, creator_id: creatorIds['cara'], product_id: ownProductId, status: 'ACTIVE' });
    const outbox = await db.query<{ topic: string; message_key: string; envelope: EventEnvelope }>(
      `SELECT topic, message_key, envelope FROM outbox WHERE message_key = $1`,
      [collaboration.id],
    );
    expect(outbox.rows).toHaveLength(1);
    expect(outbox.rows[0]).toMatchObject({ topic: 'creators.collaboration.v1', message_key: collaboration.id });
    expect(outbox.rows[0].envelope).toMatchObject({
      type: 'collaboration.created',
      sellerId: seller.sellerId,
      aggregateType: 'Collaboration',
      payload: { collaborationId: collaboration.id, creatorId: creatorIds['cara'], productId: ownProductId, commissionRateBps: 1500 },
    });
    // The relay hands the event to Kafka.
    await eventually(
      async () =>
        (await db.query<{ published_at: Date | null }>('SELECT published_at FROM outbox WHERE message_key = $1', [collaboration.id])).rows[0].published_at,
      (at) => at !== null,
    );

    const replay = await createCollaboration(seller, input);
    expect(replay.data!.createCollaboration.id).toBe(collaboration.id);
    const reused = await createCollaboration(seller, { ...input, commissionRateBps: 1600 });
    expect(errorCodes(reused)).toEqual(['IDEMPOTENCY_CONFLICT']);

    const query = `query($id: ID!) { collaboration(id: $id) { id commissionRateBps creator { handle } product { id } } }`;
    type OneCollaboration = {
      collaboration: (Pick<CollaborationView, 'id' | 'commissionRateBps' | 'product'> & { creator: Pick<CreatorView, 'handle'> }) | null;
    };
    const own = await creators<OneCollaboration>(seller, query, { id: collaboration.id });
    expect(own.data!.collaboration).toEqual({
      id: collaboration.id,
      commissionRateBps: 1500,
      creator: { handle: 'cara' },
      product: { id: ownProductId },
    });
    const foreign = await creators<OneCollaboration>(otherSeller, query, { id: collaboration.id });
    expect(foreign.errors).toBeUndefined();
    expect(foreign.data!.collaboration).toBeNull();
  });

  it("resolves Product.collaborations for 30 product representations in one SQL statement, for the product's seller only", async () => {
    const twoCollabs = await createProduct(seller, 'Lip tint');
    const oneCollab = await createProduct(seller, 'Sun cream');
    const made: string[] = [];
    for (const [productId, handle] of [
      [twoCollabs, 'anna.k'],
      [twoCollabs, 'bob.fit'],
      [oneCollab, 'annabel'],
    ]) {
      const result = await createCollaboration(seller, { creatorId: creatorIds[handle], productId });
      expect(result.errors).toBeUndefined();
      made.push(result.data!.createCollaboration.id);
    }
    const productIds = [twoCollabs, oneCollab, ...Array.from({ length: 28 }, (_, i) => unknownId('prd', i))];
    const representations = productIds.map((id) => ({ __typename: 'Product', id }));
    const selection = `... on Product { id collaborations { id status commissionRateBps product { id } } }`;
    type ProductCollaborations = { id: string; collaborations: Array<Pick<CollaborationView, 'id' | 'status' | 'commissionRateBps' | 'product'>> };

    const own = await entities<ProductCollaborations>(seller, selection, representations);
    expect(own.errors).toBeUndefined();
    expect(own.extensions?.sqlStatements).toBe(1);
    const lists = own.data!._entities;
    expect(lists.map((p) => p.id)).toEqual(productIds);
    const newestFirst = [made[0], made[1]].sort().reverse(); // ids are time-sortable
    expect(lists[0].collaborations.map((c) => c.id)).toEqual(newestFirst);
    expect(lists[1].collaborations.map((c) => c.id)).toEqual([made[2]]);
    expect(lists[1].collaborations[0].product).toEqual({ id: oneCollab });
    expect(lists.slice(2).every((p) => p.collaborations.length === 0)).toBe(true);

    const foreign = await entities<ProductCollaborations>(otherSeller, selection, representations);
    expect(foreign.errors).toBeUndefined();
    expect(foreign.data!._entities.every((p) => p.collaborations.length === 0)).toBe(true);

    // Nested creators are batched too: one statement for the collaborations, one for their creators.
    const nested = await entities<{ collaborations: Array<{ creator: Pick<CreatorView, 'handle'> }> }>(
      seller,
      `... on Product { collaborations { creator { handle } } }`,
      representations,
    );
    expect(nested.extensions?.sqlStatements).toBe(2);
    expect(nested.data!._entities[0].collaborations.map((c) => c.creator.handle)).toEqual(newestFirst.map((id) => (id === made[0] ? 'anna.k' : 'bob.fit')));
  });

  it('resolves 30 Creator representations in one SQL statement', async () => {
    const known = Object.values(creatorIds);
    const ids = [...known, ...known, ...known, ...known, ...Array.from({ length: 6 }, (_, i) => unknownId('crt', i))];
    expect(ids).toHaveLength(30);
    const result = await entities<Pick<CreatorView, 'id' | 'handle' | 'followerCount' | 'categories'> | null>(
      seller,
      `... on Creator { id handle followerCount categories }`,
      ids.map((id) => ({ __typename: 'Creator', id })),
    );
    expect(result.errors).toBeUndefined();
    expect(result.extensions?.sqlStatements).toBe(1);
    const resolved = result.data!._entities;
    expect(resolved.slice(0, 6)).toEqual(known.map((id, i) => expect.objectContaining({ id, handle: Object.keys(creatorIds)[i], categories: ['beauty'] })));
    expect(resolved.slice(24)).toEqual(Array(6).fill(null));
  });

  it("pages Shop.collaborations for the shop's own staff and refuses anyone else", async () => {
    const db = await stack.db('creators');
    const expected = (await db.query<{ id: string }>('SELECT id FROM collaborations WHERE seller_id = $1 ORDER BY id DESC', [seller.sellerId])).rows.map(
      (r) => r.id,
    );
    expect(expected.length).toBeGreaterThanOrEqual(3);
    const page = (after: string | null) =>
      creators<Entities<{ collaborations: ConnectionView<{ id: string }> }>>(
        seller,
        `query($r: [_Any!]!, $after: String) { _entities(representations: $r) { ... on Shop { collaborations(first: 2, after: $after) { nodes { id } pageInfo { hasNextPage endCursor } } } } }`,
        { r: [{ __typename: 'Shop', id: seller.sellerId }], after },
      );
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const result = await page(after);
      expect(result.errors).toBeUndefined();
      const connection = result.data!._entities[0].collaborations;
      seen.push(...connection.nodes.map((n) => n.id));
      if (!connection.pageInfo.hasNextPage) break;
      after = connection.pageInfo.endCursor;
    }
    expect(seen).toEqual(expected);

    const foreign = await entities(otherSeller, `... on Shop { collaborations { nodes { id } } }`, [{ __typename: 'Shop', id: seller.sellerId }]);
    expect(errorCodes(foreign)).toEqual(['FORBIDDEN']);
  });

  it('lists the creator directory with keyset pages and handle prefix search', async () => {
    const list = (identity: Identity, variables: Record<string, unknown>) =>
      creators<{ creators: ConnectionView<Pick<CreatorView, 'handle'>> }>(
        identity,
        `query($search: String, $after: String) { creators(first: 2, search: $search, after: $after) { nodes { handle } pageInfo { hasNextPage endCursor } } }`,
        variables,
      );
    const first = await list(seller, { search: 'Anna' });
    expect(first.errors).toBeUndefined();
    expect(first.data!.creators).toMatchObject({ nodes: [{ handle: 'annabel' }, { handle: 'anna_b' }], pageInfo: { hasNextPage: true } });
    const second = await list(seller, { search: 'anna', after: first.data!.creators.pageInfo.endCursor });
    expect(second.data!.creators).toMatchObject({ nodes: [{ handle: 'anna.k' }], pageInfo: { hasNextPage: false } });
    // "_" is literal, not a LIKE wildcard.
    expect((await list(seller, { search: 'anna_' })).data).toEqual({
      creators: { nodes: [{ handle: 'anna_b' }], pageInfo: { hasNextPage: false, endCursor: expect.any(String) } },
    });
    expect(errorCodes(await list(seller, { search: 'an%' }))).toEqual(['VALIDATION_FAILED']);
    expect(errorCodes(await list(newBuyer(), {}))).toEqual(['FORBIDDEN']);
    const single = await creators<{ creator: Pick<CreatorView, 'handle' | 'displayName' | 'followerCount'> | null }>(
      seller,
      `query($id: ID!) { creator(id: $id) { handle displayName followerCount } }`,
      { id: creatorIds['cara'] },
    );
    expect(single.data!.creator).toEqual({ handle: 'cara', displayName: 'CARA', followerCount: 4000 });
  });

  it('returns the same creator for a repeated key and refuses the key with other input', async () => {
    const key = newIdempotencyKey();
    const input = { handle: 'eve.styles', displayName: 'Eve', followerCount: 5, categories: ['fashion'], idempotencyKey: key };
    const first = await registerCreator(platform, input);
    expect(first.errors).toBeUndefined();
    const again = await registerCreator(platform, input);
    expect(again.data!.registerCreator.id).toBe(first.data!.registerCreator.id);
    expect(errorCodes(await registerCreator(platform, { ...input, followerCount: 6 }))).toEqual(['IDEMPOTENCY_CONFLICT']);
  });

  type BadCase = [string, () => Promise<GraphQLResult<unknown>>, string];
  it.each<BadCase>([
    [
      'a rate of 0 bps',
      () => createCollaboration(seller, { creatorId: creatorIds['dan_cooks'], productId: ownProductId, commissionRateBps: 0 }),
      'VALIDATION_FAILED',
    ],
    [
      'a rate of 9000 bps',
      () => createCollaboration(seller, { creatorId: creatorIds['dan_cooks'], productId: ownProductId, commissionRateBps: 9000 }),
      'VALIDATION_FAILED',
    ],
    ['an unknown creator', () => createCollaboration(seller, { creatorId: unknownId('crt', 99), productId: ownProductId }), 'NOT_FOUND'],
    ["another seller's product", () => createCollaboration(seller, { creatorId: creatorIds['dan_cooks'], productId: othersProductId }), 'NOT_FOUND'],
    ['an unknown product', () => createCollaboration(seller, { creatorId: creatorIds['dan_cooks'], productId: unknownId('prd', 99) }), 'NOT_FOUND'],
    ['a second active collaboration', () => createCollaboration(seller, { creatorId: creatorIds['bob.fit'], productId: ownProductId }), 'CONFLICT'],
    ['a collaboration by the platform', () => createCollaboration(platform, { creatorId: creatorIds['dan_cooks'], productId: ownProductId }), 'FORBIDDEN'],
    ['registerCreator by a seller', () => registerCreator(seller, { handle: 'sneaky' }), 'FORBIDDEN'],
    ['a bad handle', () => registerCreator(platform, { handle: 'Not A Handle!' }), 'VALIDATION_FAILED'],
    ['a negative follower count', () => registerCreator(platform, { handle: 'neg.count', followerCount: -1 }), 'VALIDATION_FAILED'],
    ['a taken handle', () => registerCreator(platform, { handle: 'cara' }), 'CONFLICT'],
  ])('refuses %s with a typed error and writes nothing', async (_name, attempt, code) => {
    const before = await counts();
    expect(errorCodes(await attempt())).toEqual([code]);
    expect(await counts()).toEqual(before);
  });
});
