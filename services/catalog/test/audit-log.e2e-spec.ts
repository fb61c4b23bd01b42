import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { DEFAULT_ROLES, Identity, Permission } from '@sc/auth';
import { newId } from '@sc/db';
import { ActionRecordedV1, AuditTopic, EventEnvelope } from '@sc/events';
import {
  GraphQLResult,
  TestStack,
  errorCodes,
  eventFixture,
  eventually,
  moveClock,
  newIdempotencyKey,
  newSeller,
  newStaffMember,
  publishRaw,
  startTestStack,
} from '@sc/testing';
import { CatalogCall, catalogCaller, dataOf, registerShop } from './support/catalog-api';

// The shop's audit log (Shop.auditLog): catalog projects every service's `action.recorded` (fed here as fixtures
// on each service's audit topic, as orders, returns, marketing and creators publish them) and its own staff
// commands and invitation expiries into `audit_log`, which the owner alone reads, newest first.
process.env.CLOCK_MODE = 'controlled';

const HOUR = 3_600_000;

interface AuditEntryView {
  id: string;
  at: string;
  service: string;
  operation: string;
  outcome: 'SUCCEEDED' | 'DENIED';
  actor: { type: 'SELLER_STAFF' | 'SYSTEM'; userId: string | null; staffMember: { id: string; email: string } | null };
  targets: Array<{ type: string | null; id: string }>;
  permission: string | null;
  correlationId: string;
}
interface AuditPage {
  nodes: AuditEntryView[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}
interface AuditFilter {
  userId?: string;
  operation?: string;
  outcome?: 'SUCCEEDED' | 'DENIED';
  from?: string;
  to?: string;
}

const ENTRY = 'id at service operation outcome actor { type userId staffMember { id email } } targets { type id } permission correlationId';
const AUDIT_LOG = `query($first: Int, $after: String, $filter: AuditLogFilter) {
  shop { auditLog(first: $first, after: $after, filter: $filter) { nodes { ${ENTRY} } pageInfo { hasNextPage endCursor } } } }`;
const BARE_AUDIT_LOG = `query($first: Int) { shop { auditLog(first: $first) { nodes { id operation actor { userId } } } } }`;
const INVITE = `mutation($input: InviteStaffInput!) { inviteStaff(input: $input) { invitationCode member { id } } }`;
const ACCEPT = `mutation($input: AcceptStaffInvitationInput!) { acceptStaffInvitation(input: $input) { id status } }`;
const PRICES = `mutation($input: UpdateSkuPricesInput!) { updateSkuPrices(input: $input) { id } }`;
const CUSTOMER_SERVICE: Permission[] = [...DEFAULT_ROLES.CUSTOMER_SERVICE.permissions];

describe('shop audit log (catalog)', () => {
  let stack: TestStack;
  let db: Client;
  let catalog: CatalogCall;

  beforeAll(async () => {
    stack = await startTestStack('audit', { subgraphs: ['catalog'] });
    db = await stack.db('catalog');
    catalog = catalogCaller(stack);
  });

  afterAll(async () => {
    await stack?.dispose();
  });

  const page = async (owner: Identity, variables: { first?: number; after?: string | null; filter?: AuditFilter } = {}): Promise<AuditPage> =>
    dataOf(await catalog<{ shop: { auditLog: AuditPage } }>(owner, AUDIT_LOG, { first: 100, ...variables })).shop.auditLog;
  /** The owner's whole log (first page of 100), once it holds at least `count` entries. */
  const logOf = async (owner: Identity, count: number, filter?: AuditFilter): Promise<AuditEntryView[]> =>
    (
      await eventually(
        () => page(owner, { filter }),
        (p) => p.nodes.length >= count,
      )
    ).nodes;

  /** `action.recorded` as `service` publishes it for `shop`'s staff member `userId`. */
  const action = (
    topic: AuditTopic,
    shop: Identity,
    payload: Partial<ActionRecordedV1> & Pick<ActionRecordedV1, 'operation'>,
  ): EventEnvelope<ActionRecordedV1> => {
    const correlationId = payload.correlationId ?? randomUUID();
    const body = {
      userId: shop.userId,
      at: new Date().toISOString(),
      correlationId,
      ...(payload.outcome === 'DENIED'
        ? { outcome: 'DENIED' as const, targets: [], permission: payload.permission! }
        : { outcome: 'SUCCEEDED' as const, targets: [], permission: null }),
      ...payload,
    } as ActionRecordedV1;
    return eventFixture(topic, 'action.recorded', {
      source: topic.split('.')[0],
      sellerId: shop.sellerId!,
      aggregateType: 'Shop',
      aggregateId: shop.sellerId!,
      correlationId,
      actor: { type: 'SELLER_STAFF', id: body.userId },
      payload: body,
    });
  };

  /** Invites `email` as CUSTOMER_SERVICE and accepts as a new user: the member id and the member's identity. */
  async function activeMember(owner: Identity, email: string): Promise<{ memberId: string; member: Identity }> {
    const invited = dataOf(
      await catalog<{ inviteStaff: { invitationCode: string; member: { id: string } } }>(owner, INVITE, {
        input: { email, roles: ['CUSTOMER_SERVICE'], idempotencyKey: newIdempotencyKey() },
      }),
    ).inviteStaff;
    const invitee = newStaffMember(owner, []);
    dataOf(
      await catalog(invitee, ACCEPT, { input: { memberId: invited.member.id, invitationCode: invited.invitationCode, idempotencyKey: newIdempotencyKey() } }),
    );
    return { memberId: invited.member.id, member: { ...invitee, access: { owner: false, permissions: CUSTOMER_SERVICE } } };
  }

  it("projects every service's audit topic into the owner's log, newest first, with targets, refusals and correlation", async () => {
    const owner = newSeller();
    await registerShop(catalog, owner);
    const agent = 'usr_agent_' + randomUUID().slice(0, 8);
    const base = Date.parse('2030-01-01T10:00:00.000Z');
    const at = (minutes: number) => new Date(base + minutes * 60_000).toISOString();
    const events: Array<[AuditTopic, EventEnvelope<ActionRecordedV1>]> = [
      [
        'orders.audit.v1',
        action('orders.audit.v1', owner, { operation: 'replyToConversation', userId: agent, at: at(1), targets: [{ type: 'Conversation', id: 'cnv_1' }] }),
      ],
      [
        'returns.audit.v1',
        action('returns.audit.v1', owner, { operation: 'approveRefund', userId: agent, at: at(2), outcome: 'DENIED', permission: 'RETURNS:EDIT' }),
      ],
      ['marketing.audit.v1', action('marketing.audit.v1', owner, { operation: 'createPromotion', at: at(3), targets: [{ type: 'Promotion', id: 'prm_1' }] })],
      ['creators.audit.v1', action('creators.audit.v1', owner, { operation: 'createCollaboration', at: at(4), targets: [{ type: null, id: 'col_1' }] })],
      [
        'catalog.audit.v1',
        action('catalog.audit.v1', owner, {
          operation: 'updateSkuPrices',
          at: at(5),
          targets: [
            { type: 'Product', id: 'prd_1' },
            { type: 'Sku', id: 'sku_1' },
          ],
        }),
      ],
    ];
    // Published out of order: the log orders by when the actions happened.
    for (const [topic, event] of [...events].reverse()) await publishRaw(stack.settings, topic, [event]);

    const entries = await logOf(owner, 5);
    expect(entries.map((e) => [e.service, e.operation, e.outcome, e.at])).toEqual([
      ['catalog', 'updateSkuPrices', 'SUCCEEDED', at(5)],
      ['creators', 'createCollaboration', 'SUCCEEDED', at(4)],
      ['marketing', 'createPromotion', 'SUCCEEDED', at(3)],
      ['returns', 'approveRefund', 'DENIED', at(2)],
      ['orders', 'replyToConversation', 'SUCCEEDED', at(1)],
    ]);
    const [prices, , , refund, reply] = entries;
    expect(prices).toMatchObject({
      actor: { type: 'SELLER_STAFF', userId: owner.userId, staffMember: null },
      targets: [
        { type: 'Product', id: 'prd_1' },
        { type: 'Sku', id: 'sku_1' },
      ],
      permission: null,
      correlationId: events[4][1].correlationId,
    });
    expect(refund).toMatchObject({ actor: { type: 'SELLER_STAFF', userId: agent, staffMember: null }, targets: [], permission: 'RETURNS:EDIT' });
    expect(reply).toMatchObject({ targets: [{ type: 'Conversation', id: 'cnv_1' }], correlationId: events[0][1].correlationId });
    expect(entries[1].targets).toEqual([{ type: null, id: 'col_1' }]);
  });

  it("records catalog's own staff commands: the invitation, the acceptance, the refusals, and nothing for a replay", async () => {
    const owner = newSeller();
    await registerShop(catalog, owner);
    const email = `audit-${randomUUID().slice(0, 8)}@shop.example`;
    const key = newIdempotencyKey();
    const inviteInput = { input: { email, roles: ['CUSTOMER_SERVICE'], idempotencyKey: key } };
    const invited = dataOf(await catalog<{ inviteStaff: { invitationCode: string; member: { id: string } } }>(owner, INVITE, inviteInput)).inviteStaff;
    // The same key again: the same member, no second entry.
    expect(dataOf(await catalog<{ inviteStaff: { member: { id: string } } }>(owner, INVITE, inviteInput)).inviteStaff.member.id).toBe(invited.member.id);
    const invitee = newStaffMember(owner, []);
    dataOf(
      await catalog(invitee, ACCEPT, { input: { memberId: invited.member.id, invitationCode: invited.invitationCode, idempotencyKey: newIdempotencyKey() } }),
    );
    const member: Identity = { ...invitee, access: { owner: false, permissions: CUSTOMER_SERVICE } };
    const refusedInvite = await catalog(member, INVITE, { input: { email: 'x@shop.example', roles: ['ADMIN'], idempotencyKey: newIdempotencyKey() } });
    expect(errorCodes(refusedInvite)).toEqual(['FORBIDDEN']);
    const refusedPrice = await catalog(member, PRICES, {
      input: {
        productId: newId('prd'),
        idempotencyKey: newIdempotencyKey(),
        prices: [{ skuId: newId('sku'), price: { amountMinor: '100', currencyCode: 'USD' } }],
      },
    });
    expect(errorCodes(refusedPrice)).toEqual(['FORBIDDEN']);

    const entries = await logOf(owner, 4);
    expect(entries.map((e) => [e.service, e.operation, e.outcome, e.actor.userId, e.permission])).toEqual([
      ['catalog', 'updateSkuPrices', 'DENIED', member.userId, 'PRODUCTS:EDIT'],
      ['catalog', 'inviteStaff', 'DENIED', member.userId, 'STAFF:EDIT'],
      ['catalog', 'acceptStaffInvitation', 'SUCCEEDED', member.userId, null],
      ['catalog', 'inviteStaff', 'SUCCEEDED', owner.userId, null],
    ]);
    const [deniedPrice, , accepted, invitation] = entries;
    // The acting member is named (the owner is not a member); refusals change nothing, so they target nothing.
    expect(accepted.actor).toEqual({ type: 'SELLER_STAFF', userId: member.userId, staffMember: { id: invited.member.id, email } });
    expect(accepted.targets).toEqual([{ type: 'StaffMember', id: invited.member.id }]);
    expect(invitation.actor).toEqual({ type: 'SELLER_STAFF', userId: owner.userId, staffMember: null });
    expect(invitation.targets).toEqual([{ type: 'StaffMember', id: invited.member.id }]);
    expect(deniedPrice.targets).toEqual([]);
    // Nothing more arrives: the replay recorded nothing.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect((await page(owner)).nodes).toHaveLength(4);
  });

  it('pages newest first with a keyset cursor (ties in arrival order), in one statement per page and one for the members', async () => {
    const owner = newSeller();
    await registerShop(catalog, owner);
    const { memberId, member } = await activeMember(owner, `pager-${randomUUID().slice(0, 8)}@shop.example`);
    await logOf(owner, 2); // the invitation and the acceptance
    const base = Date.parse('2031-06-01T00:00:00.000Z');
    const events = Array.from({ length: 7 }, (_, i) =>
      // Two pairs share an instant: 0/1 and 4/5.
      action('orders.audit.v1', owner, {
        operation: `op${i}`,
        userId: i % 2 === 0 ? member.userId : owner.userId,
        at: new Date(base + [0, 0, 1, 2, 3, 3, 4][i] * 1000).toISOString(),
      }),
    );
    await publishRaw(stack.settings, 'orders.audit.v1', events);
    await logOf(owner, 9);

    const seen: AuditEntryView[] = [];
    let after: string | null = null;
    for (let pages = 0; pages < 10; pages += 1) {
      const result: GraphQLResult<{ shop: { auditLog: AuditPage } }> = await catalog<{ shop: { auditLog: AuditPage } }>(owner, AUDIT_LOG, {
        first: 2,
        after,
        filter: { from: new Date(base).toISOString() },
      });
      if (pages === 0) expect(result.extensions?.sqlStatements).toBe(3); // the shop, the page, the page's members
      const current: AuditPage = dataOf(result).shop.auditLog;
      seen.push(...current.nodes);
      if (!current.pageInfo.hasNextPage) break;
      after = current.pageInfo.endCursor;
    }
    expect(seen.map((e) => e.operation)).toEqual(['op6', 'op5', 'op4', 'op3', 'op2', 'op1', 'op0']);
    expect(seen.filter((e) => e.actor.userId === member.userId).every((e) => e.actor.staffMember?.id === memberId)).toBe(true);
    expect(seen.filter((e) => e.actor.userId === owner.userId).every((e) => e.actor.staffMember === null)).toBe(true);
    // Without the members selected, one statement fewer.
    expect((await catalog(owner, BARE_AUDIT_LOG, { first: 5 })).extensions?.sqlStatements).toBe(2);
    // A cursor of another shop's log continues nothing.
    const stranger = newSeller();
    await registerShop(catalog, stranger);
    expect((await page(stranger, { after: (await page(owner, { first: 1 })).pageInfo.endCursor })).nodes).toEqual([]);
    expect(errorCodes(await catalog(owner, AUDIT_LOG, { first: 0 }))).toEqual(['VALIDATION_FAILED']);
  });

  it('filters by user, operation, outcome and time range', async () => {
    const owner = newSeller();
    await registerShop(catalog, owner);
    const agent = 'usr_filter_' + randomUUID().slice(0, 8);
    const at = (minutes: number) => new Date(Date.parse('2032-03-01T08:00:00.000Z') + minutes * 60_000).toISOString();
    await publishRaw(stack.settings, 'returns.audit.v1', [
      action('returns.audit.v1', owner, { operation: 'approveRefund', userId: agent, at: at(0), outcome: 'DENIED', permission: 'RETURNS:EDIT' }),
      action('returns.audit.v1', owner, { operation: 'approveRefund', at: at(1), targets: [{ type: 'ReturnRequest', id: 'ret_1' }] }),
      action('returns.audit.v1', owner, { operation: 'rejectReturn', userId: agent, at: at(2), targets: [{ type: 'ReturnRequest', id: 'ret_2' }] }),
      action('returns.audit.v1', owner, { operation: 'approveReturn', at: at(3), targets: [{ type: 'ReturnRequest', id: 'ret_3' }] }),
    ]);
    await logOf(owner, 4);
    const operations = async (filter: AuditFilter) => (await page(owner, { filter })).nodes.map((e) => e.operation + '@' + e.at.slice(11, 16));
    expect(await operations({ userId: agent })).toEqual(['rejectReturn@08:02', 'approveRefund@08:00']);
    expect(await operations({ operation: 'approveRefund' })).toEqual(['approveRefund@08:01', 'approveRefund@08:00']);
    expect(await operations({ outcome: 'DENIED' })).toEqual(['approveRefund@08:00']);
    expect(await operations({ from: at(1), to: at(3) })).toEqual(['rejectReturn@08:02', 'approveRefund@08:01']);
    expect(await operations({ userId: agent, outcome: 'SUCCEEDED', from: at(1) })).toEqual(['rejectReturn@08:02']);
    expect(await operations({ operation: 'nothing-like-it' })).toEqual([]);
    const empty = await catalog(owner, AUDIT_LOG, { filter: { from: at(2), to: at(2) } });
    expect(errorCodes(empty)).toEqual(['VALIDATION_FAILED']);
  });

  it("is the owner's alone: members with every other permission, and other shops, are refused or see nothing of it", async () => {
    const owner = newSeller();
    const other = newSeller();
    await registerShop(catalog, owner);
    await registerShop(catalog, other);
    await publishRaw(stack.settings, 'orders.audit.v1', [
      action('orders.audit.v1', owner, { operation: 'confirmOrder', targets: [{ type: 'Order', id: 'ord_1' }] }),
    ]);
    await publishRaw(stack.settings, 'orders.audit.v1', [
      action('orders.audit.v1', other, { operation: 'shipPackage', targets: [{ type: 'Order', id: 'ord_2' }] }),
    ]);
    expect((await logOf(owner, 1)).map((e) => e.operation)).toEqual(['confirmOrder']);
    expect((await logOf(other, 1)).map((e) => e.operation)).toEqual(['shipPackage']);

    // ADMIN: every permission a role can grant (staff management is the owner's alone).
    const everyRole = newStaffMember(owner, [...DEFAULT_ROLES.ADMIN.permissions]);
    const refused = await catalog(everyRole, AUDIT_LOG, {});
    expect(errorCodes(refused)).toEqual(['FORBIDDEN']);
    // Through _entities, another shop's owner gets no shop at all, hence no log.
    const entities = await catalog(other, `query($r: [_Any!]!) { _entities(representations: $r) { ... on Shop { auditLog(first: 5) { nodes { id } } } } }`, {
      r: [{ __typename: 'Shop', id: owner.sellerId }],
    });
    expect(entities.errors).toBeUndefined();
    expect(entities.data).toEqual({ _entities: [null] });
    // The member's own shop through _entities: refused like the query.
    const ownEntities = await catalog(
      everyRole,
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Shop { auditLog(first: 5) { nodes { id } } } } }`,
      {
        r: [{ __typename: 'Shop', id: owner.sellerId }],
      },
    );
    expect(errorCodes(ownEntities)).toEqual(['FORBIDDEN']);
  });

  it('records a redelivered event once', async () => {
    const owner = newSeller();
    await registerShop(catalog, owner);
    const event = action('marketing.audit.v1', owner, { operation: 'createPromotion', targets: [{ type: 'Promotion', id: 'prm_9' }] });
    await publishRaw(stack.settings, 'marketing.audit.v1', [event, event]);
    await logOf(owner, 1);
    // A later redelivery, once the first copy is recorded, changes nothing either.
    await publishRaw(stack.settings, 'marketing.audit.v1', [event]);
    const marker = action('marketing.audit.v1', owner, { operation: 'deactivatePromotion', targets: [{ type: 'Promotion', id: 'prm_9' }] });
    await publishRaw(stack.settings, 'marketing.audit.v1', [marker]);
    expect((await logOf(owner, 2)).map((e) => e.operation).sort()).toEqual(['createPromotion', 'deactivatePromotion']);
    const rows = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_log WHERE event_id = $1', [event.id]);
    expect(rows.rows[0].n).toBe(1);
  });

  // Moves catalog's clock: keep last.
  it('records an invitation that expired as the SYSTEM acting on the member', async () => {
    const owner = newSeller();
    await registerShop(catalog, owner);
    const invited = dataOf(
      await catalog<{ inviteStaff: { member: { id: string } } }>(owner, INVITE, {
        input: { email: `lapse-${randomUUID().slice(0, 8)}@shop.example`, roles: ['OPERATIONS'], idempotencyKey: newIdempotencyKey() },
      }),
    ).inviteStaff.member;
    await logOf(owner, 1);
    await moveClock(stack.settings, 'catalog', { advanceMs: 120 * HOUR + 1 });
    const [expired] = await logOf(owner, 2);
    expect(expired).toMatchObject({
      service: 'catalog',
      operation: 'expireStaffInvitation',
      outcome: 'SUCCEEDED',
      actor: { type: 'SYSTEM', userId: null, staffMember: null },
      targets: [{ type: 'StaffMember', id: invited.id }],
      permission: null,
    });
    expect((await page(owner, { filter: { outcome: 'SUCCEEDED', operation: 'expireStaffInvitation' } })).nodes).toHaveLength(1);
  });
});
