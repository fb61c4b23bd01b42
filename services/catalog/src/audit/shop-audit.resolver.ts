import { Args, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { ownShopId } from '@sc/auth';
import { PageArgs, assertValid, batchLoader, readPageArgs, toConnection } from '@sc/graphql';
import { Shop } from '../shop/shop.model';
import { AuditActor, AuditLogEntry, AuditLogEntryConnection, AuditLogFilter, AuditStaffMember } from './audit-log.model';
import { AuditLogCriteria, AuditLogRepository, AuditLogRow } from './audit-log.repository';
import { validateAuditLogFilter } from './audit-log.validation';

const criteriaOf = (filter: AuditLogFilter | null | undefined): AuditLogCriteria => ({
  userId: filter?.userId ?? null,
  operation: filter?.operation ?? null,
  outcome: filter?.outcome ?? null,
  from: filter?.from ?? null,
  to: filter?.to ?? null,
});

const toEntry = (row: AuditLogRow): AuditLogEntry => ({
  id: row.id,
  at: row.at,
  service: row.service,
  operation: row.operation,
  outcome: row.outcome,
  actor: { type: row.actor_type, userId: row.user_id, sellerId: row.seller_id },
  targets: row.targets,
  permission: row.permission,
  correlationId: row.correlation_id,
});

/** `Shop.auditLog`: what the shop's staff did in every service, newest first (owner only). */
@Resolver(() => Shop)
export class ShopAuditResolver {
  constructor(private readonly log: AuditLogRepository) {}

  @ResolveField(() => AuditLogEntryConnection, {
    nullable: true,
    description:
      "Every state-changing action of the shop's staff in any service (and invitations that expired), newest first: who, when, what and on what, " +
      'including actions refused for a missing permission (owner only). Entries arrive within seconds of the action.',
  })
  async auditLog(@Parent() shop: Shop, @Args() page: PageArgs, @Args('filter', { type: () => AuditLogFilter, nullable: true }) filter?: AuditLogFilter | null) {
    const sellerId = ownShopId(shop.id, 'STAFF:VIEW', 'its audit log');
    const { limit, afterKey } = readPageArgs(page);
    assertValid(validateAuditLogFilter(filter));
    return toConnection((await this.log.page(sellerId, criteriaOf(filter), limit, afterKey)).map(toEntry), limit);
  }
}

/** `AuditActor.staffMember`: the member each acting user is in the shop, one statement per page. */
@Resolver(() => AuditActor)
export class AuditActorResolver {
  constructor(private readonly log: AuditLogRepository) {}

  @ResolveField(() => AuditStaffMember, { nullable: true, description: 'The staff member this user is in the shop; null for the owner and the system.' })
  async staffMember(@Parent() actor: AuditActor): Promise<AuditStaffMember | null> {
    if (actor.userId === null) return null;
    // Read only through Shop.auditLog, which checked the owner's access to this shop.
    const loader = batchLoader(
      `catalog.auditMemberByUser:${actor.sellerId}`,
      (userIds: readonly string[]) => this.log.membersOfUsers(actor.sellerId, userIds),
      (row) => row.userId,
    );
    const member = await loader.load(actor.userId);
    return member && { id: member.id, email: member.email };
  }
}
