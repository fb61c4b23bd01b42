import { Client } from 'pg';
import { Identity } from '@sc/auth';
import { EventEnvelope, payloadSchemaFor } from '@sc/events';
import { subgraphUrlOf } from '@sc/stack';
import { TestStack, callSubgraph, eventually, newBuyer, newIdempotencyKey, newSeller, publishRaw, startTestStack, testEvent } from '@sc/testing';

// Inquiry events through the outbox (orders.inquiry.v1, no message text) and Conversation.messages
// batched: a list of conversations with their messages costs one statement per type.
describe('inquiry events and batched messages (orders)', () => {
  let stack: TestStack;
  let db: Client;
  const seller = newSeller();
  const buyers = Array.from({ length: 6 }, () => newBuyer());

  const orders = (identity: Identity, query: string, variables?: unknown) =>
    callSubgraph<any>(subgraphUrlOf(stack.settings, 'orders'), stack.settings.internalSigningKey, identity, query, variables);
  const ok = async (identity: Identity, mutation: string, inputType: string, input: Record<string, unknown>) => {
    const result = await orders(identity, `mutation($input: ${inputType}!) { ${mutation}(input: $input) { id } }`, {
      input: { idempotencyKey: newIdempotencyKey(), ...input },
    });
    expect(result.errors).toBeUndefined();
    return result.data[mutation].id as string;
  };

  const inquiryEvents = async (conversationId: string) =>
    (await db.query(`SELECT envelope, published_at FROM outbox WHERE topic = 'orders.inquiry.v1' AND message_key = $1 ORDER BY seq`, [conversationId]))
      .rows as Array<{
      envelope: EventEnvelope<any>;
      published_at: Date | null;
    }>;

  beforeAll(async () => {
    stack = await startTestStack('inquiry-events', { subgraphs: ['orders'] });
    db = await stack.db('orders');
    const registered: EventEnvelope = testEvent({
      type: 'shop.registered',
      source: 'catalog',
      sellerId: seller.sellerId!,
      aggregateType: 'Shop',
      aggregateId: seller.sellerId!,
      actor: { type: 'SELLER_STAFF', id: seller.userId },
      payload: { shopId: seller.sellerId, name: 'Chatty shop', currencyCode: 'USD', timeZone: 'UTC' },
    });
    await publishRaw(stack.settings, 'catalog.product.v1', [registered]);
    await eventually(
      async () => (await db.query('SELECT 1 FROM dashboard_shops WHERE seller_id = $1', [seller.sellerId])).rowCount,
      (n) => n === 1,
    );
  });

  afterAll(async () => {
    await stack?.dispose();
  });

  let conversationIds: string[] = [];

  it('emits opened, sent and resolved events through the outbox, contract-valid and without message text', async () => {
    const secret = 'my address is 1 Secret Lane';
    const first = await ok(buyers[0], 'startConversation', 'StartConversationInput', { shopId: seller.sellerId, text: secret });
    await ok(seller, 'replyToConversation', 'ReplyToConversationInput', { conversationId: first, text: 'Thanks, noted.', isAutoReply: false });
    await ok(seller, 'replyToConversation', 'ReplyToConversationInput', { conversationId: first, text: 'Auto: we reply within a day.', isAutoReply: true });
    await ok(seller, 'markConversationRead', 'ConversationActionInput', { conversationId: first });
    await ok(seller, 'resolveConversation', 'ConversationActionInput', { conversationId: first });
    await ok(buyers[0], 'sendBuyerMessage', 'SendMessageInput', { conversationId: first, text: 'One more thing' });

    const events = await eventually(
      () => inquiryEvents(first),
      (rows) => rows.length === 5 && rows.every((r) => r.published_at !== null),
    );
    const envelopes = events.map((e) => e.envelope);
    expect(envelopes.map((e) => [e.type, e.aggregateType, e.aggregateId, e.aggregateVersion, e.sellerId, e.actor.type])).toEqual([
      ['conversation.opened', 'Conversation', first, 1, seller.sellerId, 'BUYER'],
      ['message.sent', 'Conversation', first, 2, seller.sellerId, 'SELLER_STAFF'],
      ['message.sent', 'Conversation', first, 3, seller.sellerId, 'SELLER_STAFF'],
      ['conversation.resolved', 'Conversation', first, 5, seller.sellerId, 'SELLER_STAFF'],
      ['message.sent', 'Conversation', first, 6, seller.sellerId, 'BUYER'],
    ]);
    for (const e of envelopes) expect([e.type, payloadSchemaFor('orders.inquiry.v1', e.type, e.version)!.safeParse(e.payload).success]).toEqual([e.type, true]);
    const messageIds = (await db.query('SELECT id FROM messages WHERE conversation_id = $1 ORDER BY id', [first])).rows.map((r) => r.id);
    expect(
      envelopes
        .filter((e) => e.payload.messageId)
        .map((e) => e.payload.messageId)
        .sort(),
    ).toEqual(messageIds);
    expect(envelopes[0].payload).toMatchObject({ conversationId: first, buyerId: buyers[0].userId, orderId: null, initiatedBy: 'BUYER' });
    expect(envelopes.map((e) => e.payload.isAutoReply)).toEqual([undefined, false, true, undefined, false]);
    const serialized = JSON.stringify(envelopes);
    for (const text of [secret, 'Thanks, noted.', 'One more thing']) expect(serialized).not.toContain(text);

    // A refused command writes no event either.
    const before = (await db.query(`SELECT count(*)::int AS n FROM outbox WHERE topic = 'orders.inquiry.v1'`)).rows[0].n;
    const refused = await orders(seller, `mutation($input: ReplyToConversationInput!) { replyToConversation(input: $input) { id } }`, {
      input: { conversationId: first, text: ' ', isAutoReply: false, idempotencyKey: newIdempotencyKey() },
    });
    expect(refused.errors?.[0]?.extensions?.code).toBe('VALIDATION_FAILED');
    expect((await db.query(`SELECT count(*)::int AS n FROM outbox WHERE topic = 'orders.inquiry.v1'`)).rows[0].n).toBe(before);
    conversationIds = [first];
  });

  it('loads the messages of a whole list of conversations in one statement', async () => {
    for (const [i, buyer] of buyers.slice(1).entries()) {
      const id = await ok(buyer, 'startConversation', 'StartConversationInput', { shopId: seller.sellerId, text: `Question ${i}` });
      for (let r = 0; r < i; r += 1)
        await ok(seller, 'replyToConversation', 'ReplyToConversationInput', { conversationId: id, text: `Answer ${i}.${r}`, isAutoReply: false });
      conversationIds.push(id);
    }
    const list = (first: number, messages: number) =>
      orders(
        seller,
        `query($r: [_Any!]!, $first: Int!, $messages: Int!) { _entities(representations: $r) { ... on Shop {
          conversations(first: $first) { nodes { id messages(first: $messages) { pageInfo { hasNextPage } nodes { id text sender } } } } } } }`,
        { r: [{ __typename: 'Shop', id: seller.sellerId }], first, messages },
      );
    const two = await list(2, 2);
    const all = await list(6, 2);
    expect(all.errors).toBeUndefined();
    expect(two.extensions?.sqlStatements).toBe(2);
    expect(all.extensions?.sqlStatements).toBe(2);

    // Each conversation gets its own first page, oldest first, exactly as an unbatched read would.
    const nodes = all.data._entities[0].conversations.nodes as Array<{
      id: string;
      messages: { pageInfo: { hasNextPage: boolean }; nodes: Array<{ id: string; text: string }> };
    }>;
    expect(nodes.map((n) => n.id).sort()).toEqual([...conversationIds].sort());
    for (const node of nodes) {
      const stored = (await db.query('SELECT id, body FROM messages WHERE conversation_id = $1 ORDER BY id', [node.id])).rows;
      expect([node.id, node.messages.nodes.map((m) => [m.id, m.text])]).toEqual([node.id, stored.slice(0, 2).map((m) => [m.id, m.body])]);
      expect([node.id, node.messages.pageInfo.hasNextPage]).toEqual([node.id, stored.length > 2]);
    }
  });
});
