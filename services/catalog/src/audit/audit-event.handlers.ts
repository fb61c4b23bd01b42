import { Injectable } from '@nestjs/common';
import { ActionRecordedV1, EventEnvelope, StaffInvitationExpiredV1 } from '@sc/events';
import { OnEvent, WriteTx } from '@sc/kit';
import { AuditActorType, AuditOutcome } from './audit-log.model';
import { AuditLogRepository } from './audit-log.repository';

/** The operation an expired invitation is recorded under (the system's, on the member). */
export const EXPIRE_INVITATION_OPERATION = 'expireStaffInvitation';

/**
 * Every service's audit topic (`action.recorded`) and catalog's own invitation expiries → `audit_log`, the shop's
 * audit log. Each event becomes one row, once (the inbox, and the row's unique event id besides). The service is
 * the topic's owner, the shop the envelope's seller.
 */
@Injectable()
export class AuditEventHandlers {
  constructor(private readonly log: AuditLogRepository) {}

  @OnEvent('catalog.audit.v1', 'action.recorded')
  onCatalogAction(event: EventEnvelope<ActionRecordedV1>, tx: WriteTx): Promise<void> {
    return this.recordAction('catalog', event, tx);
  }

  @OnEvent('orders.audit.v1', 'action.recorded')
  onOrdersAction(event: EventEnvelope<ActionRecordedV1>, tx: WriteTx): Promise<void> {
    return this.recordAction('orders', event, tx);
  }

  @OnEvent('returns.audit.v1', 'action.recorded')
  onReturnsAction(event: EventEnvelope<ActionRecordedV1>, tx: WriteTx): Promise<void> {
    return this.recordAction('returns', event, tx);
  }

  @OnEvent('marketing.audit.v1', 'action.recorded')
  onMarketingAction(event: EventEnvelope<ActionRecordedV1>, tx: WriteTx): Promise<void> {
    return this.recordAction('marketing', event, tx);
  }

  @OnEvent('creators.audit.v1', 'action.recorded')
  onCreatorsAction(event: EventEnvelope<ActionRecordedV1>, tx: WriteTx): Promise<void> {
    return this.recordAction('creators', event, tx);
  }

  /** An invitation nobody accepted in 120 h: the system's action on the member, whichever transaction noticed it. */
  @OnEvent('catalog.staff.v1', 'staff.invitation_expired')
  async onInvitationExpired(event: EventEnvelope<StaffInvitationExpiredV1>, { manager }: WriteTx): Promise<void> {
    await this.log.record(manager, {
      eventId: event.id,
      sellerId: event.sellerId,
      at: new Date(event.occurredAt),
      service: 'catalog',
      operation: EXPIRE_INVITATION_OPERATION,
      outcome: AuditOutcome.SUCCEEDED,
      actorType: AuditActorType.SYSTEM,
      userId: null,
      targets: [{ type: 'StaffMember', id: event.payload.memberId }],
      permission: null,
      correlationId: event.correlationId,
    });
  }

  private async recordAction(service: string, event: EventEnvelope<ActionRecordedV1>, { manager }: WriteTx): Promise<void> {
    const action = event.payload;
    await this.log.record(manager, {
      eventId: event.id,
      sellerId: event.sellerId,
      at: new Date(action.at),
      service,
      operation: action.operation,
      outcome: action.outcome === 'DENIED' ? AuditOutcome.DENIED : AuditOutcome.SUCCEEDED,
      actorType: AuditActorType.SELLER_STAFF,
      userId: action.userId,
      targets: action.targets,
      permission: action.permission,
      correlationId: action.correlationId,
    });
  }
}
