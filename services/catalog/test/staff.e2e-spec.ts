import { createHash } from 'node:crypto';
import { Client } from 'pg';
import { DEFAULT_ROLES, INTERNAL_CONTEXT_HEADER, Identity, Permission, generateSigningKey, signInternalContext } from '@sc/auth';
import { newId } from '@sc/db';
import {
  StaffActivatedV1,
  StaffDeactivatedV1,
  StaffInvitationExpiredV1,
  StaffInvitedV1,
  StaffReactivatedV1,
  StaffRoleChangedV1,
  StaffRolesChangedV1,
} from '@sc/events';
import { subgraphUrlOf } from '@sc/stack';
import {
  GraphQLResult,
  TestStack,
  callSubgraph,
  errorCodes,
  moveClock,
  newIdempotencyKey,
  newSeller,
  newStaffMember,
  outboxEvents,
  startTestStack,
} from '@sc/testing';

// Invitations expire by the service clock: the stacks below run a controlled one that only moves when told.
process.env.CLOCK_MODE = 'controlled';

const HOUR = 60 * 60 * 1000;
const CUSTOMER_SERVICE: Permission[] = ['PRODUCTS:VIEW', 'ORDERS:VIEW', 'RETURNS:VIEW', 'INQUIRIES:EDIT'];

interface StaffRoleView {
  id: string;
  name: string;
  isDefault: boolean;
  permissions: string[];
}
interface StaffMemberView {
  id: string;
  email: string;
  status: 'INVITED' | 'ACTIVE' | 'DEACTIVATED' | 'EXPIRED';
  userId: string | null;
  invitedAt: string;
  invitationExpiresAt: string;
  activatedAt: string | null;
  deactivatedAt: string | null;
  roles: StaffRoleView[];
  permissions: string[];
}
interface AccessAnswer {
  owner: boolean;
  permissions: string[];
  status: 'OWNER' | 'ACTIVE' | 'NONE';
}

const MEMBER = 'id email status userId invitedAt invitationExpiresAt activatedAt deactivatedAt roles { id name isDefault permissions } permissions';
const ROLE = 'id name isDefault permissions';
const INVITE = `mutation($input: InviteStaffInput!) { inviteStaff(input: $input) { invitationCode member { ${MEMBER} } } }`;
const ACCEPT = `mutation($input: AcceptStaffInvitationInput!) { acceptStaffInvitation(input: $input) { ${MEMBER} } }`;
const DEACTIVATE = `mutation($input: StaffMemberCommandInput!) { deactivateStaff(input: $input) { ${MEMBER} } }`;
const REACTIVATE = `mutation($input: StaffMemberCommandInput!) { reactivateStaff(input: $input) { ${MEMBER} } }`;
const SET_ROLES = `mutation($input: SetStaffRolesInput!) { setStaffRoles(input: $input) { ${MEMBER} } }`;
const CREATE_ROLE = `mutation($input: CreateStaffRoleInput!) { createStaffRole(input: $input) { ${ROLE} } }`;
const UPDATE_ROLE = `mutation($input: UpdateStaffRoleInput!) { updateStaffRole(input: $input) { ${ROLE} } }`;
const DELETE_ROLE = `mutation($input: DeleteStaffRoleInput!) { deleteStaffRole(input: $input) { deletedRoleId } }`;
const MEMBERS = `query($status: StaffMemberStatus, $first: Int, $after: String) {
  shop { staffMembers(status: $status, first: $first, after: $after) { nodes { ${MEMBER} } pageInfo { hasNextPage endCursor } } } }`;
const ROLES = `{ shop { staffRoles { ${ROLE} } } }`;
const MY_ACCESS = `{ shop { id myAccess { owner permissions } } }`;
const REGISTER = `mutation { registerShop(input: { name: "Staffed shop", currencyCode: "USD", timeZone: "Asia/Jakarta" }) { id } }`;

/** A catalog test stack with its helpers: GraphQL as an identity, the staff-access endpoint, the database. */
function staffHarness() {
  let stack: TestStack;
  let db: Client;
  const harness = {
    get stack() {
      return stack;
    },
    get db() {
      return db;
    },
    async start(label: string, env?: Record<string, string>) {
      stack = await startTestStack(label, { subgraphs: ['catalog'], env });
      db = await stack.db('catalog');
    },
    catalog<T>(identity: Identity, query: string, variables?: unknown): Promise<GraphQLResult<T>> {
      return callSubgraph<T>(subgraphUrlOf(stack.settings, 'catalog'), stack.settings.internalSigningKey, identity, query, variables);
    },
    /** POST /internal/staff-access as the gateway asks it: the caller's identity, without access, signed. */
    async staffAccess(identity: Identity, token?: string): Promise<{ status: number; body: AccessAnswer; sqlStatements: string | null }> {
      const signed = token ?? (await signInternalContext({ ...identity, access: undefined }, stack.settings.internalSigningKey));
      const response = await fetch(subgraphUrlOf(stack.settings, 'catalog').replace('/graphql', '/internal/staff-access'), {
        method: 'POST',
        headers: signed ? { [INTERNAL_CONTEXT_HEADER]: signed } : {},
      });
      return { status: response.status, body: (await response.json()) as AccessAnswer, sqlStatements: response.headers.get('x-sql-statements') };
    },
    async register(owner: Identity) {
      expect((await harness.catalog(owner, REGISTER)).errors).toBeUndefined();
    },
    /** Invites `email` into `owner`'s shop; the member and the code shown once. */
    async invite(owner: Identity, email: string, roles: string[] = ['CUSTOMER_SERVICE']) {
      const result = await harness.catalog<{ inviteStaff: { invitationCode: string | null; member: StaffMemberView } }>(owner, INVITE, {
        input: { email, roles, idempotencyKey: newIdempotencyKey() },
      });
      expect(result.errors).toBeUndefined();
      return { member: result.data!.inviteStaff.member, code: result.data!.inviteStaff.invitationCode! };
    },
    /** The invitee as the gateway resolves them before acceptance: acting for the shop, with no access. */
    invitee: (owner: Identity): Identity => newStaffMember(owner, []),
    accept(invitee: Identity, memberId: string, invitationCode: string, idempotencyKey = newIdempotencyKey()) {
      return harness.catalog<{ acceptStaffInvitation: StaffMemberView }>(invitee, ACCEPT, { input: { memberId, invitationCode, idempotencyKey } });
    },
    /** A member who accepted: the member and their identity with the access the gateway would resolve. */
    async activeMember(owner: Identity, email: string, roles: string[] = ['CUSTOMER_SERVICE']) {
      const { member, code } = await harness.invite(owner, email, roles);
      const invitee = harness.invitee(owner);
      const accepted = await harness.accept(invitee, member.id, code);
      expect(accepted.errors).toBeUndefined();
      const { body } = await harness.staffAccess(invitee);
      return {
        member: accepted.data!.acceptStaffInvitation,
        identity: { ...invitee, access: { owner: false, permissions: body.permissions as Permission[] } },
      };
    },
    memberCommand(owner: Identity, mutation: string, memberId: string, idempotencyKey = newIdempotencyKey()) {
      return harness.catalog<Record<string, StaffMemberView>>(owner, mutation, { input: { memberId, idempotencyKey } });
    },
    async statusOf(memberId: string): Promise<string> {
      return (await db.query('SELECT status FROM staff_members WHERE id = $1', [memberId])).rows[0].status;
    },
    /** Everything a refused staff command must leave untouched (its audit record aside: test/audit-log.e2e-spec.ts). */
    async counts() {
      return (
        await db.query(`SELECT (SELECT count(*) FROM staff_members)::int AS members, (SELECT coalesce(sum(version), 0)::int FROM staff_members) AS versions,
          (SELECT count(*) FROM staff_roles)::int AS roles, (SELECT coalesce(sum(version), 0)::int FROM staff_roles) AS role_versions,
          (SELECT count(*) FROM staff_member_roles)::int AS assignments, (SELECT count(*) FROM outbox WHERE topic <> 'catalog.audit.v1')::int AS events,
          (SELECT count(*) FROM idempotency_keys)::int AS keys, (SELECT count(*) FROM shops WHERE owner_user_id IS NOT NULL)::int AS owned_shops`)
      ).rows[0];
    },
    async dispose() {
      await stack?.dispose();
    },
  };
  return harness;
}

// Catalog alone over real PostgreSQL and Kafka: the shop's owner invites staff, invitees accept with the code,
// the owner deactivates, reactivates and sets roles, custom roles; what POST /internal/staff-access answers
// the gateway; invitation expiry by the controlled clock; idempotent replays; refusals that write nothing.
describe('shop staff (catalog)', () => {
  const h = staffHarness();
  const owner = newSeller();

  beforeAll(async () => {
    await h.start('staff');
    await h.register(owner);
  });

  afterAll(async () => {
    await h.dispose();
  });

  it('invites a Customer Service member, who accepts with the code once and then has exactly its permissions', async () => {
    const invited = await h.catalog<{ inviteStaff: { invitationCode: string; member: StaffMemberView } }>(owner, INVITE, {
      input: { email: '  Ana.CS@Example.COM ', roles: ['CUSTOMER_SERVICE'], idempotencyKey: newIdempotencyKey() },
    });
    expect(invited.errors).toBeUndefined();
    const { member, invitationCode } = invited.data!.inviteStaff;
    expect(member).toMatchObject({
      email: 'ana.cs@example.com',
      status: 'INVITED',
      userId: null,
      activatedAt: null,
      deactivatedAt: null,
      permissions: CUSTOMER_SERVICE,
    });
    expect(member.roles).toEqual([{ id: 'CUSTOMER_SERVICE', name: 'Customer Service', isDefault: true, permissions: CUSTOMER_SERVICE }]);
    expect(new Date(member.invitationExpiresAt).getTime() - new Date(member.invitedAt).getTime()).toBe(120 * HOUR);
    expect(invitationCode).toMatch(/^[A-Za-z0-9_-]{32}$/);
    // Only the code's hash is stored, and no event carries the address or the code.
    const row = (await h.db.query('SELECT * FROM staff_members WHERE id = $1', [member.id])).rows[0];
    expect(row.invitation_code_hash).toBe(createHash('sha256').update(invitationCode).digest('hex'));
    expect(JSON.stringify(row)).not.toContain(invitationCode);

    const invitee = h.invitee(owner);
    expect((await h.staffAccess(invitee)).body).toEqual({ owner: false, permissions: [], status: 'NONE' });
    // A wrong code is refused and changes nothing.
    const before = await h.counts();
    const wrong = await h.accept(invitee, member.id, 'not-the-code-not-the-code-000000');
    expect(errorCodes(wrong)).toEqual(['FORBIDDEN']);
    expect(wrong.errors![0].extensions).toMatchObject({ reason: 'INVITATION_CODE_MISMATCH' });
    expect(await h.counts()).toEqual(before);

    const key = newIdempotencyKey();
    const accepted = await h.accept(invitee, member.id, invitationCode, key);
    expect(accepted.errors).toBeUndefined();
    expect(accepted.data!.acceptStaffInvitation).toMatchObject({ id: member.id, status: 'ACTIVE', userId: invitee.userId, permissions: CUSTOMER_SERVICE });
    expect(accepted.data!.acceptStaffInvitation.activatedAt).not.toBeNull();
    // The same call again replays; a new call with the used code is refused.
    const replay = await h.accept(invitee, member.id, invitationCode, key);
    expect(replay.data!.acceptStaffInvitation).toEqual(accepted.data!.acceptStaffInvitation);
    const again = await h.accept(invitee, member.id, invitationCode);
    expect(errorCodes(again)).toEqual(['INVALID_TRANSITION']);
    expect(again.errors![0].extensions).toMatchObject({ entity: 'StaffMember', from: 'ACTIVE', action: 'accept' });
    const someoneElse = await h.accept(h.invitee(owner), member.id, invitationCode);
    expect(errorCodes(someoneElse)).toEqual(['INVALID_TRANSITION']);

    const access = await h.staffAccess(invitee);
    expect(access).toEqual({ status: 200, body: { owner: false, permissions: CUSTOMER_SERVICE, status: 'ACTIVE' }, sqlStatements: '1' });

    const events = await outboxEvents(h.db, { key: member.id });
    expect(events.map((e) => e.type)).toEqual(['staff.invited', 'staff.activated']);
    expect(events.map((e) => [e.aggregateType, e.aggregateVersion, e.sellerId, e.actor])).toEqual([
      ['StaffMember', 1, owner.sellerId, { type: 'SELLER_STAFF', id: owner.userId }],
      ['StaffMember', 2, owner.sellerId, { type: 'SELLER_STAFF', id: invitee.userId }],
    ]);
    expect((events[0].payload as StaffInvitedV1).roles).toEqual(['CUSTOMER_SERVICE']);
    expect(events[1].payload as StaffActivatedV1).toMatchObject({
      memberId: member.id,
      userId: invitee.userId,
      roles: ['CUSTOMER_SERVICE'],
      permissions: CUSTOMER_SERVICE,
    });
    for (const event of events) {
      expect(JSON.stringify(event)).not.toMatch(/ana\.cs@example\.com/i);
      expect(JSON.stringify(event)).not.toContain(invitationCode);
    }
  });

  it('answers the gateway OWNER, ACTIVE or NONE from one statement, and 401 without its credentials', async () => {
    expect(await h.staffAccess(owner)).toEqual({ status: 200, body: { owner: true, permissions: [], status: 'OWNER' }, sqlStatements: '1' });
    // An unknown user of the shop, a shop that does not exist, a buyer.
    expect((await h.staffAccess(newStaffMember(owner, []))).body).toEqual({ owner: false, permissions: [], status: 'NONE' });
    expect((await h.staffAccess(newSeller())).body).toEqual({ owner: false, permissions: [], status: 'NONE' });
    expect((await h.staffAccess({ userId: 'byr_1', sellerId: null, roles: ['BUYER'] })).body).toEqual({ owner: false, permissions: [], status: 'NONE' });
    // Access claimed by the caller is ignored: only the database decides.
    const claims = await signInternalContext({ ...newStaffMember(owner, ['ORDERS:EDIT']) }, h.stack.settings.internalSigningKey);
    expect((await h.staffAccess(owner, claims)).body.status).toBe('NONE');
    expect((await h.staffAccess(owner, '')).status).toBe(401);
    expect((await h.staffAccess(owner, 'not-a-token')).status).toBe(401);
    // Signed by any key but the gateway's (the subgraph holds only the gateway's public key).
    const forged = await signInternalContext(owner, generateSigningKey());
    expect((await h.staffAccess(owner, forged)).status).toBe(401);
  });

  it('shows every member its own access on Shop.myAccess, and the owner full access', async () => {
    const { identity } = await h.activeMember(owner, 'my-access@example.com');
    expect((await h.catalog(identity, MY_ACCESS)).data).toEqual({ shop: { id: owner.sellerId, myAccess: { owner: false, permissions: CUSTOMER_SERVICE } } });
    expect((await h.catalog(owner, MY_ACCESS)).data).toEqual({ shop: { id: owner.sellerId, myAccess: { owner: true, permissions: [] } } });
    // A member without access does not see the shop at all.
    expect(errorCodes(await h.catalog(newStaffMember(owner, []), MY_ACCESS))).toEqual(['FORBIDDEN']);
  });

  it('keeps staff management for the owner: an Admin member gets FORBIDDEN everywhere, and nothing is written', async () => {
    const { member } = await h.activeMember(owner, 'target@example.com');
    const role = await h.catalog<{ createStaffRole: StaffRoleView }>(owner, CREATE_ROLE, {
      input: { name: 'Night shift', permissions: ['ORDERS:VIEW'], idempotencyKey: newIdempotencyKey() },
    });
    const roleId = role.data!.createStaffRole.id;
    const admin = newStaffMember(owner, DEFAULT_ROLES.ADMIN.permissions);
    const before = await h.counts();
    const key = newIdempotencyKey;
    const calls: Array<[string, string, unknown]> = [
      ['inviteStaff', INVITE, { email: 'sneaky@example.com', roles: ['ADMIN'], idempotencyKey: key() }],
      ['deactivateStaff', DEACTIVATE, { memberId: member.id, idempotencyKey: key() }],
      ['reactivateStaff', REACTIVATE, { memberId: member.id, idempotencyKey: key() }],
      ['setStaffRoles', SET_ROLES, { memberId: member.id, roles: ['ADMIN'], idempotencyKey: key() }],
      ['createStaffRole', CREATE_ROLE, { name: 'Everything', permissions: ['ORDERS:EDIT'], idempotencyKey: key() }],
      ['updateStaffRole', UPDATE_ROLE, { roleId, permissions: ['ORDERS:EDIT'], idempotencyKey: key() }],
      ['deleteStaffRole', DELETE_ROLE, { roleId, idempotencyKey: key() }],
    ];
    for (const [name, mutation, input] of calls) {
      const result = await h.catalog(admin, mutation, { input });
      expect([name, errorCodes(result)]).toEqual([name, ['FORBIDDEN']]);
      expect(result.errors![0].extensions).toMatchObject({ permission: 'STAFF:EDIT' });
    }
    // Bad input from a non-owner is still FORBIDDEN: the permission is checked before anything else.
    expect(errorCodes(await h.catalog(admin, INVITE, { input: { email: 'x', roles: [], idempotencyKey: 'k' } }))).toEqual(['FORBIDDEN']);
    for (const query of [MEMBERS, ROLES]) {
      const result = await h.catalog(admin, query);
      expect(errorCodes(result)).toEqual(['FORBIDDEN']);
      expect(result.errors![0].extensions).toMatchObject({ permission: 'STAFF:VIEW' });
    }
    // The shop profile is owner-only too: registering the shop again as a member is refused.
    expect(errorCodes(await h.catalog(admin, REGISTER))).toEqual(['FORBIDDEN']);
    expect(await h.counts()).toEqual(before);
    // The invitee of another shop cannot accept into this one, nor the owner into their own shop.
    const { member: pending, code } = await h.invite(owner, 'pending@example.com');
    const afterInvite = await h.counts();
    expect(errorCodes(await h.accept(newStaffMember(newSeller(), []), pending.id, code))).toEqual(['NOT_FOUND']);
    const ownerAccepts = await h.accept(owner, pending.id, code);
    expect(errorCodes(ownerAccepts)).toEqual(['CONFLICT']);
    expect(ownerAccepts.errors![0].extensions).toMatchObject({ reason: 'IS_OWNER' });
    expect(await h.counts()).toEqual(afterInvite);
    expect(afterInvite.members).toBe(before.members + 1);
    expect(afterInvite.events).toBe(before.events + 1);
  });

  it('deactivates a member (NONE at once), reactivates them, and withdraws a pending invitation', async () => {
    const { member, identity } = await h.activeMember(owner, 'ops@example.com', ['OPERATIONS']);
    const key = newIdempotencyKey();
    const deactivated = await h.memberCommand(owner, DEACTIVATE, member.id, key);
    expect(deactivated.data!.deactivateStaff).toMatchObject({ status: 'DEACTIVATED', userId: identity.userId });
    expect(deactivated.data!.deactivateStaff.deactivatedAt).not.toBeNull();
    expect((await h.staffAccess(identity)).body).toEqual({ owner: false, permissions: [], status: 'NONE' });
    // Replay: the same answer, no second event; a new call is refused.
    expect((await h.memberCommand(owner, DEACTIVATE, member.id, key)).data).toEqual(deactivated.data);
    const twice = await h.memberCommand(owner, DEACTIVATE, member.id);
    expect(errorCodes(twice)).toEqual(['INVALID_TRANSITION']);
    expect(twice.errors![0].extensions).toMatchObject({ from: 'DEACTIVATED', action: 'deactivate' });

    const reactivated = await h.memberCommand(owner, REACTIVATE, member.id);
    expect(reactivated.data!.reactivateStaff).toMatchObject({ status: 'ACTIVE', deactivatedAt: null });
    const operations = [...DEFAULT_ROLES.OPERATIONS.permissions].sort();
    expect([...(await h.staffAccess(identity)).body.permissions].sort()).toEqual(operations);
    expect(errorCodes(await h.memberCommand(owner, REACTIVATE, member.id))).toEqual(['INVALID_TRANSITION']);

    const events = await outboxEvents(h.db, { key: member.id });
    expect(events.map((e) => [e.type, e.aggregateVersion])).toEqual([
      ['staff.invited', 1],
      ['staff.activated', 2],
      ['staff.deactivated', 3],
      ['staff.reactivated', 4],
    ]);
    expect(events[2].payload as StaffDeactivatedV1).toMatchObject({ memberId: member.id, userId: identity.userId, from: 'ACTIVE' });
    expect(events[3].payload as StaffReactivatedV1).toMatchObject({ memberId: member.id, userId: identity.userId, roles: ['OPERATIONS'] });

    // A pending invitation withdrawn: its code no longer works, it cannot be reactivated, and the address can be invited again.
    const { member: pending, code } = await h.invite(owner, 'withdrawn@example.com');
    expect((await h.memberCommand(owner, DEACTIVATE, pending.id)).data!.deactivateStaff.status).toBe('DEACTIVATED');
    const late = await h.accept(h.invitee(owner), pending.id, code);
    expect(errorCodes(late)).toEqual(['INVALID_TRANSITION']);
    expect(late.errors![0].extensions).toMatchObject({ from: 'DEACTIVATED', action: 'accept' });
    const revived = await h.memberCommand(owner, REACTIVATE, pending.id);
    expect(errorCodes(revived)).toEqual(['INVALID_TRANSITION']);
    expect(revived.errors![0].extensions).toMatchObject({ reason: 'NEVER_ACCEPTED' });
    expect((await outboxEvents<StaffDeactivatedV1>(h.db, { key: pending.id, type: 'staff.deactivated' })).map((e) => e.payload)).toEqual([
      expect.objectContaining({ memberId: pending.id, userId: null, from: 'INVITED' }),
    ]);
    const reinvited = await h.invite(owner, 'Withdrawn@Example.com');
    expect(reinvited.member.id).not.toBe(pending.id);
    // An address with a member who holds (or held) the account cannot be invited again.
    const taken = await h.catalog(owner, INVITE, { input: { email: 'OPS@example.com', roles: ['ADMIN'], idempotencyKey: newIdempotencyKey() } });
    expect(errorCodes(taken)).toEqual(['CONFLICT']);
  });

  it('manages custom roles: union of permissions, role changes reach the members, deletion refused while held', async () => {
    const created = await h.catalog<{ createStaffRole: StaffRoleView }>(owner, CREATE_ROLE, {
      input: { name: ' Packers ', permissions: ['ORDERS:VIEW', 'ORDERS:EDIT', 'INVENTORY:VIEW'], idempotencyKey: newIdempotencyKey() },
    });
    expect(created.errors).toBeUndefined();
    const packers = created.data!.createStaffRole;
    expect(packers).toEqual({ id: expect.stringMatching(/^rol_/), name: 'Packers', isDefault: false, permissions: ['INVENTORY:VIEW', 'ORDERS:EDIT'] });
    const duplicate = await h.catalog(owner, CREATE_ROLE, { input: { name: 'PACKERS', permissions: ['ORDERS:VIEW'], idempotencyKey: newIdempotencyKey() } });
    expect(errorCodes(duplicate)).toEqual(['CONFLICT']);

    const roles = (await h.catalog<{ shop: { staffRoles: StaffRoleView[] } }>(owner, ROLES)).data!.shop.staffRoles;
    expect(roles.slice(0, 5).map((r) => [r.id, r.name, r.isDefault])).toEqual([
      ['ADMIN', 'Admin', true],
      ['OPERATIONS', 'Operations', true],
      ['CUSTOMER_SERVICE', 'Customer Service', true],
      ['MARKETING', 'Marketing', true],
      ['FINANCE', 'Finance', true],
    ]);
    expect(roles.find((r) => r.id === 'ADMIN')!.permissions).toEqual(DEFAULT_ROLES.ADMIN.permissions);
    expect(roles).toContainEqual(packers);

    const { member, identity } = await h.activeMember(owner, 'packer@example.com');
    const set = await h.catalog<{ setStaffRoles: StaffMemberView }>(owner, SET_ROLES, {
      input: { memberId: member.id, roles: [packers.id, 'CUSTOMER_SERVICE'], idempotencyKey: newIdempotencyKey() },
    });
    expect(set.errors).toBeUndefined();
    const union = ['PRODUCTS:VIEW', 'INVENTORY:VIEW', 'ORDERS:EDIT', 'RETURNS:VIEW', 'INQUIRIES:EDIT'];
    expect(set.data!.setStaffRoles.permissions).toEqual(union);
    expect(set.data!.setStaffRoles.roles.map((r) => r.id).sort()).toEqual(['CUSTOMER_SERVICE', packers.id].sort());
    expect((await h.staffAccess(identity)).body).toEqual({ owner: false, permissions: union, status: 'ACTIVE' });
    const [rolesChanged] = await outboxEvents<StaffRolesChangedV1>(h.db, { key: member.id, type: 'staff.roles_changed' });
    expect(rolesChanged.payload).toEqual({
      memberId: member.id,
      userId: identity.userId,
      status: 'ACTIVE',
      previousRoles: ['CUSTOMER_SERVICE'],
      roles: ['CUSTOMER_SERVICE', packers.id].sort(),
      permissions: union,
    });

    // Editing the role changes the access of its members at once.
    const updated = await h.catalog<{ updateStaffRole: StaffRoleView }>(owner, UPDATE_ROLE, {
      input: { roleId: packers.id, permissions: ['INVENTORY:EDIT'], idempotencyKey: newIdempotencyKey() },
    });
    expect(updated.data!.updateStaffRole).toEqual({ ...packers, permissions: ['INVENTORY:EDIT'] });
    expect((await h.staffAccess(identity)).body.permissions).toEqual([...CUSTOMER_SERVICE.slice(0, 1), 'INVENTORY:EDIT', ...CUSTOMER_SERVICE.slice(1)]);

    // A role still held cannot be deleted; once nobody holds it, it can, and it can no longer be given.
    const held = await h.catalog(owner, DELETE_ROLE, { input: { roleId: packers.id, idempotencyKey: newIdempotencyKey() } });
    expect(errorCodes(held)).toEqual(['CONFLICT']);
    expect(held.errors![0].extensions).toMatchObject({ memberIds: [member.id] });
    await h.catalog(owner, SET_ROLES, { input: { memberId: member.id, roles: ['CUSTOMER_SERVICE'], idempotencyKey: newIdempotencyKey() } });
    const deleteKey = newIdempotencyKey();
    const deleted = await h.catalog<{ deleteStaffRole: { deletedRoleId: string } }>(owner, DELETE_ROLE, {
      input: { roleId: packers.id, idempotencyKey: deleteKey },
    });
    expect(deleted.data).toEqual({ deleteStaffRole: { deletedRoleId: packers.id } });
    expect((await h.catalog(owner, DELETE_ROLE, { input: { roleId: packers.id, idempotencyKey: deleteKey } })).data).toEqual(deleted.data);
    expect(errorCodes(await h.catalog(owner, DELETE_ROLE, { input: { roleId: packers.id, idempotencyKey: newIdempotencyKey() } }))).toEqual(['NOT_FOUND']);
    expect((await h.catalog<{ shop: { staffRoles: StaffRoleView[] } }>(owner, ROLES)).data!.shop.staffRoles.map((r) => r.id)).not.toContain(packers.id);
    const gone = await h.catalog(owner, SET_ROLES, { input: { memberId: member.id, roles: [packers.id], idempotencyKey: newIdempotencyKey() } });
    expect(errorCodes(gone)).toEqual(['VALIDATION_FAILED']);
    expect(gone.errors![0].extensions!.fields).toEqual([{ field: 'roles[0]', message: 'is not a role of this shop' }]);

    const roleEvents = await outboxEvents<StaffRoleChangedV1>(h.db, { key: packers.id });
    expect(roleEvents.map((e) => [e.type, e.aggregateType, e.aggregateVersion, e.payload.change, e.payload.memberIds])).toEqual([
      ['staff.role_changed', 'StaffRole', 1, 'CREATED', []],
      ['staff.role_changed', 'StaffRole', 2, 'UPDATED', [member.id]],
      ['staff.role_changed', 'StaffRole', 3, 'DELETED', []],
    ]);
    expect(roleEvents[1].payload).toMatchObject({ permissions: ['INVENTORY:EDIT'], previousPermissions: ['INVENTORY:VIEW', 'ORDERS:EDIT'] });
  });

  it('replays an invitation for the same key without showing the code again, and refuses the key with other input', async () => {
    const input = { email: 'replay@example.com', roles: ['FINANCE'], idempotencyKey: newIdempotencyKey() };
    type Invited = { inviteStaff: { invitationCode: string | null; member: StaffMemberView } };
    const first = await h.catalog<Invited>(owner, INVITE, { input });
    const second = await h.catalog<Invited>(owner, INVITE, { input });
    expect(first.data!.inviteStaff.invitationCode).toEqual(expect.any(String));
    expect(second.data!.inviteStaff).toEqual({ invitationCode: null, member: first.data!.inviteStaff.member });
    expect(await outboxEvents(h.db, { key: first.data!.inviteStaff.member.id })).toHaveLength(1);
    expect(errorCodes(await h.catalog(owner, INVITE, { input: { ...input, roles: ['ADMIN'] } }))).toEqual(['IDEMPOTENCY_CONFLICT']);
  });

  it('refuses bad input with typed errors and writes nothing', async () => {
    const { member } = await h.activeMember(owner, 'bad-input@example.com');
    const otherOwner = newSeller();
    await h.register(otherOwner);
    const { member: othersMember } = await h.invite(otherOwner, 'other-shop@example.com');
    const otherRole = (
      await h.catalog<{ createStaffRole: StaffRoleView }>(otherOwner, CREATE_ROLE, {
        input: { name: 'Theirs', permissions: ['ORDERS:VIEW'], idempotencyKey: newIdempotencyKey() },
      })
    ).data!.createStaffRole.id;
    const key = newIdempotencyKey;
    const before = await h.counts();
    const cases: Array<[string, string, Record<string, unknown>, string, string[]?]> = [
      ['bad email', INVITE, { input: { email: 'not-an-email', roles: ['ADMIN'], idempotencyKey: key() } }, 'VALIDATION_FAILED', ['email']],
      [
        'long email',
        INVITE,
        { input: { email: `${'a'.repeat(60)}@${'b'.repeat(200)}.com`, roles: ['ADMIN'], idempotencyKey: key() } },
        'VALIDATION_FAILED',
        ['email'],
      ],
      ['no role', INVITE, { input: { email: 'a@example.com', roles: [], idempotencyKey: key() } }, 'VALIDATION_FAILED', ['roles']],
      ['unknown default role', INVITE, { input: { email: 'a@example.com', roles: ['OWNER'], idempotencyKey: key() } }, 'VALIDATION_FAILED', ['roles[0]']],
      ['unknown custom role', INVITE, { input: { email: 'a@example.com', roles: [newId('rol')], idempotencyKey: key() } }, 'VALIDATION_FAILED', ['roles[0]']],
      [
        "another shop's role",
        INVITE,
        { input: { email: 'a@example.com', roles: ['ADMIN', otherRole], idempotencyKey: key() } },
        'VALIDATION_FAILED',
        ['roles[1]'],
      ],
      ['bad key', INVITE, { input: { email: 'a@example.com', roles: ['ADMIN'], idempotencyKey: 'short' } }, 'VALIDATION_FAILED', ['idempotencyKey']],
      ['repeated role', SET_ROLES, { input: { memberId: member.id, roles: ['ADMIN', 'ADMIN'], idempotencyKey: key() } }, 'VALIDATION_FAILED', ['roles']],
      ['malformed member id', DEACTIVATE, { input: { memberId: 'ana', idempotencyKey: key() } }, 'VALIDATION_FAILED', ['memberId']],
      ["another shop's member", DEACTIVATE, { input: { memberId: othersMember.id, idempotencyKey: key() } }, 'NOT_FOUND'],
      ['unknown member', SET_ROLES, { input: { memberId: newId('stf'), roles: ['ADMIN'], idempotencyKey: key() } }, 'NOT_FOUND'],
      ['accept malformed', ACCEPT, { input: { memberId: member.id, invitationCode: '', idempotencyKey: key() } }, 'VALIDATION_FAILED', ['invitationCode']],
      [
        'owner-only permission',
        CREATE_ROLE,
        { input: { name: 'Staff admins', permissions: ['STAFF:EDIT'], idempotencyKey: key() } },
        'VALIDATION_FAILED',
        ['permissions[0]'],
      ],
      [
        'unknown permission',
        CREATE_ROLE,
        { input: { name: 'Odd', permissions: ['ORDERS:DELETE'], idempotencyKey: key() } },
        'VALIDATION_FAILED',
        ['permissions[0]'],
      ],
      ['no permission', CREATE_ROLE, { input: { name: 'Empty', permissions: [], idempotencyKey: key() } }, 'VALIDATION_FAILED', ['permissions']],
      ['empty name', CREATE_ROLE, { input: { name: '  ', permissions: ['ORDERS:VIEW'], idempotencyKey: key() } }, 'VALIDATION_FAILED', ['name']],
      ['long name', CREATE_ROLE, { input: { name: 'n'.repeat(61), permissions: ['ORDERS:VIEW'], idempotencyKey: key() } }, 'VALIDATION_FAILED', ['name']],
      ['default role name', CREATE_ROLE, { input: { name: 'admin', permissions: ['ORDERS:VIEW'], idempotencyKey: key() } }, 'VALIDATION_FAILED', ['name']],
      ['lone surrogate', CREATE_ROLE, { input: { name: 'Pack\uD800ers', permissions: ['ORDERS:VIEW'], idempotencyKey: key() } }, 'VALIDATION_FAILED', ['name']],
      ['update nothing', UPDATE_ROLE, { input: { roleId: newId('rol'), idempotencyKey: key() } }, 'VALIDATION_FAILED', ['name']],
      ["another shop's role update", UPDATE_ROLE, { input: { roleId: otherRole, name: 'Mine now', idempotencyKey: key() } }, 'NOT_FOUND'],
      ['malformed role id', DELETE_ROLE, { input: { roleId: 'ADMIN', idempotencyKey: key() } }, 'VALIDATION_FAILED', ['roleId']],
      ['page size', MEMBERS, { first: 0 }, 'VALIDATION_FAILED', ['first']],
      ['cursor', MEMBERS, { after: 'bm9wZQ' }, 'VALIDATION_FAILED', ['after']],
    ];
    for (const [label, query, variables, code, fields] of cases) {
      const result = await h.catalog(owner, query, variables);
      expect([label, errorCodes(result)]).toEqual([label, [code]]);
      if (fields) expect([label, (result.errors![0].extensions!.fields as Array<{ field: string }>).map((f) => f.field)]).toEqual([label, fields]);
    }
    expect(await h.counts()).toEqual(before);
  });

  it('lists members newest first in keyset pages, optionally by status', async () => {
    const shop = newSeller();
    await h.register(shop);
    const ids: string[] = [];
    for (let i = 0; i < 3; i += 1) ids.push((await h.invite(shop, `list-${i}@example.com`)).member.id);
    const { member: active } = await h.activeMember(shop, 'list-active@example.com');
    type Page = { shop: { staffMembers: { nodes: StaffMemberView[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } } };
    const first = (await h.catalog<Page>(shop, MEMBERS, { first: 2 })).data!.shop.staffMembers;
    expect(first.nodes.map((n) => n.id)).toEqual([active.id, ids[2]]);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const second = (await h.catalog<Page>(shop, MEMBERS, { first: 2, after: first.pageInfo.endCursor })).data!.shop.staffMembers;
    expect(second.nodes.map((n) => n.id)).toEqual([ids[1], ids[0]]);
    expect(second.pageInfo.hasNextPage).toBe(false);
    const invited = await h.catalog<Page>(shop, MEMBERS, { status: 'INVITED' });
    expect(invited.data!.shop.staffMembers.nodes.map((n) => n.id)).toEqual([ids[2], ids[1], ids[0]]);
    // The page and every member's roles: one statement for the shop, one for the members, one for their roles.
    expect(invited.extensions?.sqlStatements).toBe(3);
    expect((await h.catalog<Page>(shop, MEMBERS, { status: 'ACTIVE' })).data!.shop.staffMembers.nodes.map((n) => [n.id, n.roles[0].id])).toEqual([
      [active.id, 'CUSTOMER_SERVICE'],
    ]);
  });

  it('records the registering user as owner, and lets a member claim a shop registered before owners existed (legacy path)', async () => {
    const fresh = newSeller();
    await h.register(fresh);
    expect((await h.db.query('SELECT owner_user_id FROM shops WHERE id = $1', [fresh.sellerId])).rows[0].owner_user_id).toBe(fresh.userId);
    expect(errorCodes(await h.catalog(newStaffMember(fresh, []), REGISTER))).toEqual(['FORBIDDEN']);
    expect((await h.catalog(fresh, REGISTER)).data).toEqual({ registerShop: { id: fresh.sellerId } });

    // A shop as the migration left it: no owner, so nobody has access until a member replays registerShop.
    const legacy = newSeller();
    await h.register(legacy);
    await h.db.query('UPDATE shops SET owner_user_id = NULL WHERE id = $1', [legacy.sellerId]);
    expect((await h.staffAccess(legacy)).body.status).toBe('NONE');
    const claimer = newStaffMember(legacy, []);
    expect((await h.catalog(claimer, REGISTER)).errors).toBeUndefined();
    expect((await h.staffAccess(claimer)).body).toEqual({ owner: true, permissions: [], status: 'OWNER' });
    expect((await h.staffAccess(legacy)).body.status).toBe('NONE');
    expect(errorCodes(await h.catalog(legacy, REGISTER))).toEqual(['FORBIDDEN']);
  });

  // Moves this stack's clock: keep it last.
  it('expires an invitation not accepted in 120 h exactly once (controlled clock), and not at 119 h', async () => {
    const { member: lapsing } = await h.invite(owner, 'lapsing@example.com');
    const { member: lastMinute, code: lastMinuteCode } = await h.invite(owner, 'last-minute@example.com');
    const lapsingInvitee = h.invitee(owner);

    await moveClock(h.stack.settings, 'catalog', { advanceMs: 119 * HOUR });
    expect(await h.statusOf(lapsing.id)).toBe('INVITED');
    expect(await outboxEvents(h.db, { key: lapsing.id, type: 'staff.invitation_expired' })).toEqual([]);
    // Just before the deadline the code still works.
    const lastMinuteInvitee = h.invitee(owner);
    expect((await h.accept(lastMinuteInvitee, lastMinute.id, lastMinuteCode)).data!.acceptStaffInvitation.status).toBe('ACTIVE');

    const moved = await moveClock(h.stack.settings, 'catalog', { advanceMs: HOUR });
    expect(moved.fired).toBeGreaterThanOrEqual(1);
    expect(await h.statusOf(lapsing.id)).toBe('EXPIRED');
    expect(await h.statusOf(lastMinute.id)).toBe('ACTIVE');
    const expired = await outboxEvents<StaffInvitationExpiredV1>(h.db, { key: lapsing.id, type: 'staff.invitation_expired' });
    expect(expired.map((e) => [e.payload, e.actor, e.aggregateVersion])).toEqual([
      [{ memberId: lapsing.id, invitationExpiresAt: lapsing.invitationExpiresAt }, { type: 'SYSTEM', id: 'timer:STAFF_INVITATION_EXPIRY' }, 2],
    ]);
    expect((await h.staffAccess(lapsingInvitee)).body.status).toBe('NONE');

    // Exactly once: moving on expires nothing again; the member stays listed as EXPIRED; its address is free again.
    await moveClock(h.stack.settings, 'catalog', { advanceMs: HOUR });
    expect(await outboxEvents(h.db, { key: lapsing.id, type: 'staff.invitation_expired' })).toHaveLength(1);
    type Page = { shop: { staffMembers: { nodes: StaffMemberView[] } } };
    expect((await h.catalog<Page>(owner, MEMBERS, { status: 'EXPIRED' })).data!.shop.staffMembers.nodes.map((n) => n.id)).toContain(lapsing.id);
    const before = await h.counts();
    expect(errorCodes(await h.memberCommand(owner, DEACTIVATE, lapsing.id))).toEqual(['INVALID_TRANSITION']);
    expect(await h.counts()).toEqual(before);
    expect((await h.invite(owner, 'lapsing@example.com')).member.status).toBe('INVITED');
  });
});

// A catalog process without workers (no expiry poller, nothing but the test clock runs due work): an
// invitation past its deadline that no job has marked yet is refused all the same.
describe('shop staff: acceptance after the deadline, before the expiry job', () => {
  const h = staffHarness();
  const owner = newSeller();

  beforeAll(async () => {
    await h.start('staffnojob', { RUN_WORKERS: 'false' });
    await h.register(owner);
  });

  afterAll(async () => {
    await h.dispose();
  });

  it('refuses an overdue invitation while it is still INVITED, and the next due-work run expires it once', async () => {
    const { member, code } = await h.invite(owner, 'overdue@example.com');
    // Put the deadline a millisecond behind the service's (standing) clock, as if 120 h had passed unnoticed.
    const now = new Date((await moveClock(h.stack.settings, 'catalog', {})).now);
    await h.db.query(`UPDATE staff_members SET invited_at = $2, invitation_expires_at = $3 WHERE id = $1`, [
      member.id,
      new Date(now.getTime() - 120 * HOUR - 1),
      new Date(now.getTime() - 1),
    ]);
    const before = await h.counts();
    const refused = await h.accept(h.invitee(owner), member.id, code);
    expect(errorCodes(refused)).toEqual(['INVALID_TRANSITION']);
    expect(refused.errors![0].extensions).toMatchObject({ from: 'EXPIRED', action: 'accept' });
    expect(await h.counts()).toEqual(before);
    expect(await h.statusOf(member.id)).toBe('INVITED');
    // A roles change of an overdue invitation is refused the same way.
    expect(errorCodes(await h.catalog(owner, SET_ROLES, { input: { memberId: member.id, roles: ['ADMIN'], idempotencyKey: newIdempotencyKey() } }))).toEqual([
      'INVALID_TRANSITION',
    ]);

    expect((await moveClock(h.stack.settings, 'catalog', {})).fired).toBe(1);
    expect(await h.statusOf(member.id)).toBe('EXPIRED');
    expect((await moveClock(h.stack.settings, 'catalog', {})).fired).toBe(0);
    expect((await outboxEvents(h.db, { key: member.id })).map((e) => e.type)).toEqual(['staff.invited', 'staff.invitation_expired']);
  });
});
