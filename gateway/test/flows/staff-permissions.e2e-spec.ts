import { randomBytes } from 'node:crypto';
import { DEFAULT_ROLES, Identity, unionOfPermissions } from '@sc/auth';
import { newId } from '@sc/db';
import { subgraphUrlOf } from '@sc/stack';
import {
  GraphQLResult,
  TestStack,
  callGateway,
  callSubgraph,
  errorCodes,
  eventually,
  moveClock,
  newBuyer,
  newIdempotencyKey,
  newSeller,
  newStaffMember,
  startTestStack,
  waitForShopInOrders,
} from '@sc/testing';

// Across services, through the gateway: a shop's owner invites a Customer Service member, who can then do
// what the role allows in every subgraph (reply to a buyer in orders) and nothing else (a price in catalog,
// a refund in returns, staff management); deactivation takes their access away on a later request without
// a new token; an invitation not accepted within 120 h expires. The gateway resolves each member's access
// from catalog and signs it into what subgraphs receive; `_entities` calls carry the same checks.
process.env.CLOCK_MODE = 'controlled';

const HOUR = 3_600_000;

interface MemberView {
  id: string;
  status: string;
  permissions: string[];
}

/** An entry of the owner's audit log, as these tests select it. */
interface AuditEntryView {
  service: string;
  operation: string;
  outcome: 'SUCCEEDED' | 'DENIED';
  actor: { type: 'SELLER_STAFF' | 'SYSTEM'; userId: string | null; staffMember: { id: string } | null };
  targets: Array<{ type: string | null; id: string }>;
  permission: string | null;
}

/** What an expected audit entry must match: service, operation, outcome, acting user (null: the system), and optionally more. */
type ExpectedAudit = [service: string, operation: string, outcome: AuditEntryView['outcome'], userId: string | null, more?: Partial<AuditEntryView>];

describe('staff permissions across the graph (catalog + orders + returns + gateway)', () => {
  let stack: TestStack;
  const owner = newSeller();
  const buyer = newBuyer();

  const gateway = <T>(identity: Identity, query: string, variables?: unknown): Promise<GraphQLResult<T>> =>
    callGateway<T>(stack.gatewayUrl, stack.settings.clientTokenKey, identity, query, variables);
  const mutate = <T>(identity: Identity, name: string, inputType: string, input: Record<string, unknown>, selection: string) =>
    gateway<Record<string, T>>(identity, `mutation($input: ${inputType}!) { ${name}(input: $input) { ${selection} } }`, {
      input: { idempotencyKey: newIdempotencyKey(), ...input },
    });
  const ok = async <T>(identity: Identity, name: string, inputType: string, input: Record<string, unknown>, selection: string): Promise<T> => {
    const result = await mutate<T>(identity, name, inputType, input, selection);
    expect(result.errors).toBeUndefined();
    return result.data![name];
  };

  /** A user of the owner's shop, as the login service would issue their token (the gateway resolves what they may do). */
  const shopUser = (): Identity => ({ userId: `usr_${randomBytes(6).toString('hex')}`, sellerId: owner.sellerId, roles: ['SELLER_STAFF'] });

  /** Invites `email` with `roles`; returns the member id and the one-time code. */
  async function invite(roles: string[]): Promise<{ memberId: string; code: string }> {
    const email = `cs-${randomBytes(4).toString('hex')}@shop.example`;
    const invited = await ok<{ member: MemberView; invitationCode: string }>(
      owner,
      'inviteStaff',
      'InviteStaffInput',
      { email, roles },
      'member { id status } invitationCode',
    );
    expect(invited.member.status).toBe('INVITED');
    return { memberId: invited.member.id, code: invited.invitationCode };
  }

  // The page size as a variable: the gateway's cost limit multiplies a literal `first` into the cost.
  const AUDIT_LOG = `query($first: Int) {
    shop { auditLog(first: $first) { nodes { service operation outcome actor { type userId staffMember { id } } targets { type id } permission } } } }`;
  const matches = (entry: AuditEntryView, [service, operation, outcome, userId, more]: ExpectedAudit): boolean =>
    entry.service === service &&
    entry.operation === operation &&
    entry.outcome === outcome &&
    entry.actor.userId === userId &&
    (userId !== null || entry.actor.type === 'SYSTEM') &&
    Object.entries(more ?? {}).every(([field, value]) => JSON.stringify(entry[field as keyof AuditEntryView]) === JSON.stringify(value));
  /** The owner's audit log once every expected entry has arrived (actions reach catalog's log through each service's audit topic). */
  const auditLogShows = async (expected: ExpectedAudit[]): Promise<AuditEntryView[]> =>
    eventually(
      async () => {
        const result = await gateway<{ shop: { auditLog: { nodes: AuditEntryView[] } } }>(owner, AUDIT_LOG, { first: 100 });
        expect(result.errors).toBeUndefined();
        return result.data!.shop.auditLog.nodes;
      },
      (entries) => expected.every((e) => entries.some((entry) => matches(entry, e))),
    );

  const reply = (identity: Identity, conversationId: string) =>
    mutate(identity, 'replyToConversation', 'ReplyToConversationInput', { conversationId, text: 'Thanks, it ships tomorrow.' }, 'id');

  beforeAll(async () => {
    stack = await startTestStack('staff-flow', { subgraphs: ['catalog', 'orders', 'returns'], gateway: true });
    const shop = await gateway(owner, `mutation { registerShop(input: { name: "Staff shop", currencyCode: "USD", timeZone: "UTC" }) { id } }`);
    expect(shop.errors).toBeUndefined();
    await waitForShopInOrders(await stack.db('orders'), owner.sellerId!);
  });

  afterAll(async () => {
    await stack?.dispose();
  });

  it('lets a Customer Service member reply to buyers but not change prices, approve refunds or manage staff, until deactivated', async () => {
    const { memberId, code } = await invite(['CUSTOMER_SERVICE']);
    const member = shopUser();
    // Before accepting, the invitee may do nothing in the shop.
    expect(errorCodes(await gateway(member, `query { shop { id } }`))).toEqual(['FORBIDDEN']);
    const accepted = await ok<MemberView>(
      member,
      'acceptStaffInvitation',
      'AcceptStaffInvitationInput',
      { memberId, invitationCode: code },
      'id status permissions',
    );
    expect(accepted).toEqual({ id: memberId, status: 'ACTIVE', permissions: unionOfPermissions([DEFAULT_ROLES.CUSTOMER_SERVICE.permissions]) });
    const mine = await gateway<{ shop: { myAccess: { owner: boolean; permissions: string[] } } }>(member, `query { shop { myAccess { owner permissions } } }`);
    expect(mine.data!.shop.myAccess.owner).toBe(false);

    const started = await ok<{ id: string }>(
      buyer,
      'startConversation',
      'StartConversationInput',
      { shopId: owner.sellerId, text: 'Where is my parcel?' },
      'id',
    );
    const answered = await reply(member, started.id);
    expect(answered.errors).toBeUndefined();

    const refused = await Promise.all([
      mutate(
        member,
        'updateSkuPrices',
        'UpdateSkuPricesInput',
        { productId: newId('prd'), prices: [{ skuId: newId('sku'), price: { amountMinor: '100', currencyCode: 'USD' } }] },
        'id',
      ),
      mutate(member, 'approveRefund', 'ReturnDecisionInput', { returnId: newId('ret') }, 'id'),
      mutate(member, 'inviteStaff', 'InviteStaffInput', { email: 'someone@shop.example', roles: ['ADMIN'] }, 'invitationCode'),
      mutate(member, 'deactivateStaff', 'StaffMemberCommandInput', { memberId }, 'id'),
      gateway(member, `query { shop { staffMembers(first: 5) { edges { node { id } } } } }`),
    ]);
    for (const result of refused) expect(errorCodes(result)).toEqual(['FORBIDDEN']);
    // Reads the role allows keep working: the shop's orders list.
    expect((await gateway(member, `query { shop { orders(first: 1) { edges { node { id } } } } }`)).errors).toBeUndefined();

    expect((await ok<MemberView>(owner, 'deactivateStaff', 'StaffMemberCommandInput', { memberId }, 'id status')).status).toBe('DEACTIVATED');
    // The same token, without logging in again: refused once the gateway's short cache of the member's access has turned over.
    await eventually(
      async () => errorCodes(await reply(member, started.id)),
      (codes) => codes.includes('FORBIDDEN'),
    );
    expect(errorCodes(await gateway(member, `query { shop { id } }`))).toEqual(['FORBIDDEN']);

    // The owner's audit log shows each of these actions, from every service, with who, what and on what.
    const memberRef = { id: memberId };
    const entries = await auditLogShows([
      ['catalog', 'inviteStaff', 'SUCCEEDED', owner.userId, { targets: [{ type: 'StaffMember', id: memberId }], permission: null }],
      ['catalog', 'acceptStaffInvitation', 'SUCCEEDED', member.userId, { targets: [{ type: 'StaffMember', id: memberId }] }],
      ['orders', 'replyToConversation', 'SUCCEEDED', member.userId, { targets: [{ type: 'Conversation', id: started.id }] }],
      ['catalog', 'updateSkuPrices', 'DENIED', member.userId, { permission: 'PRODUCTS:EDIT', targets: [] }],
      ['returns', 'approveRefund', 'DENIED', member.userId, { permission: 'RETURNS:EDIT', targets: [] }],
      ['catalog', 'inviteStaff', 'DENIED', member.userId, { permission: 'STAFF:EDIT' }],
      ['catalog', 'deactivateStaff', 'DENIED', member.userId, { permission: 'STAFF:EDIT' }],
      ['catalog', 'deactivateStaff', 'SUCCEEDED', owner.userId, { targets: [{ type: 'StaffMember', id: memberId }] }],
      // After deactivation the member holds no permission at all: the late reply is refused and recorded.
      ['orders', 'replyToConversation', 'DENIED', member.userId, { permission: 'INQUIRIES:EDIT' }],
    ]);
    const byMember = entries.filter((e) => e.actor.userId === member.userId);
    expect(byMember.every((e) => e.actor.type === 'SELLER_STAFF' && JSON.stringify(e.actor.staffMember) === JSON.stringify(memberRef))).toBe(true);
    expect(entries.filter((e) => e.actor.userId === owner.userId).every((e) => e.actor.staffMember === null)).toBe(true);
    // The buyer's conversation is not a staff action, and the member's refused reads are not actions.
    expect(entries.some((e) => e.operation === 'startConversation')).toBe(false);
    // (Waiting for the deactivation to take effect may have sent more successful replies.)
    const succeeded = new Set(byMember.filter((e) => e.outcome === 'SUCCEEDED').map((e) => e.operation));
    expect([...succeeded].sort()).toEqual(['acceptStaffInvitation', 'replyToConversation']);
    // Only the owner reads it.
    expect(errorCodes(await gateway(member, AUDIT_LOG, { first: 5 }))).toEqual(['FORBIDDEN']);
  });

  it('expires an invitation not accepted within 120 hours, and refuses a late acceptance', async () => {
    const early = await invite(['OPERATIONS']);
    const late = await invite(['OPERATIONS']);
    await moveClock(stack.settings, 'catalog', { advanceMs: 119 * HOUR });
    const accepter = shopUser();
    const accepted = await ok<MemberView>(
      accepter,
      'acceptStaffInvitation',
      'AcceptStaffInvitationInput',
      { memberId: early.memberId, invitationCode: early.code },
      'status',
    );
    expect(accepted.status).toBe('ACTIVE');
    await moveClock(stack.settings, 'catalog', { advanceMs: HOUR + 1 });
    const members = await gateway<{ shop: { staffMembers: { edges: Array<{ node: MemberView }> } } }>(
      owner,
      `query { shop { staffMembers(first: 50) { edges { node { id status } } } } }`,
    );
    expect(members.data!.shop.staffMembers.edges.find((e) => e.node.id === late.memberId)?.node.status).toBe('EXPIRED');
    const refused = await mutate(
      shopUser(),
      'acceptStaffInvitation',
      'AcceptStaffInvitationInput',
      { memberId: late.memberId, invitationCode: late.code },
      'status',
    );
    expect(errorCodes(refused)).toEqual(['INVALID_TRANSITION']);

    // The expiry is the system's action on the member; the late acceptance changed nothing and is not an entry.
    const entries = await auditLogShows([
      ['catalog', 'expireStaffInvitation', 'SUCCEEDED', null, { targets: [{ type: 'StaffMember', id: late.memberId }], permission: null }],
      ['catalog', 'acceptStaffInvitation', 'SUCCEEDED', accepter.userId, { targets: [{ type: 'StaffMember', id: early.memberId }] }],
    ]);
    expect(entries.filter((e) => e.operation === 'expireStaffInvitation').map((e) => e.targets)).toEqual([[{ type: 'StaffMember', id: late.memberId }]]);
    expect(entries.find((e) => e.operation === 'expireStaffInvitation')!.actor).toEqual({ type: 'SYSTEM', userId: null, staffMember: null });
    expect(entries.some((e) => e.operation === 'acceptStaffInvitation' && e.targets.some((t) => t.id === late.memberId))).toBe(false);
  });

  it('applies the same checks when a subgraph is reached through _entities with a member lacking the permission', async () => {
    const started = await ok<{ id: string }>(buyer, 'startConversation', 'StartConversationInput', { shopId: owner.sellerId, text: 'Hello?' }, 'id');
    const entities = (service: 'orders' | 'returns' | 'catalog', identity: Identity, selection: string) =>
      callSubgraph(
        subgraphUrlOf(stack.settings, service),
        stack.settings.internalSigningKey,
        identity,
        `query($r: [_Any!]!) { _entities(representations: $r) { ${selection} } }`,
        {
          r: [{ __typename: 'Shop', id: owner.sellerId }],
        },
      );
    const marketer = newStaffMember(owner, [...DEFAULT_ROLES.MARKETING.permissions]);
    expect(errorCodes(await entities('orders', marketer, '... on Shop { orders(first: 1) { edges { node { id } } } }'))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await entities('orders', marketer, '... on Shop { conversations(first: 1) { edges { node { id } } } }'))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await entities('returns', marketer, '... on Shop { returnRequests(first: 1) { edges { node { id } } } }'))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await entities('catalog', marketer, '... on Shop { staffMembers(first: 1) { edges { node { id } } } }'))).toEqual(['FORBIDDEN']);
    // The owner's context reads the same entities.
    const asOwner = await entities('orders', owner, '... on Shop { conversations(first: 5) { edges { node { id } } } }');
    expect(asOwner.errors).toBeUndefined();
    expect(JSON.stringify(asOwner.data)).toContain(started.id);
  });
});
