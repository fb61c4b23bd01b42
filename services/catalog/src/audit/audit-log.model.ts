import { Field, ID, InputType, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Connection } from '@sc/graphql';

/** How an audited action ended. */
export enum AuditOutcome {
  /** The action committed. */
  SUCCEEDED = 'SUCCEEDED',
  /** Refused because the staff member lacks `permission`; nothing was changed. */
  DENIED = 'DENIED',
}

registerEnumType(AuditOutcome, { name: 'AuditOutcome', description: 'How an action in the audit log ended.' });

/** Who acted. */
export enum AuditActorType {
  /** A staff member of the shop (the owner included). */
  SELLER_STAFF = 'SELLER_STAFF',
  /** The system on its own (an invitation expiring). */
  SYSTEM = 'SYSTEM',
}

registerEnumType(AuditActorType, { name: 'AuditActorType', description: 'The kind of actor of an audit log entry: a staff member or the system.' });

@ObjectType({ description: "The shop's staff member (invitation) a user holds, as the audit log shows them." })
export class AuditStaffMember {
  @Field(() => ID)
  id: string;

  @Field({ description: 'As stored: trimmed and lower-case.' })
  email: string;
}

@ObjectType({ description: 'Who performed an action in the audit log.' })
export class AuditActor {
  @Field(() => AuditActorType)
  type: AuditActorType;

  @Field(() => String, { nullable: true, description: 'The user who acted; null for the system.' })
  userId: string | null;

  /** The shop whose members `staffMember` is looked up among (not a field). */
  sellerId: string;
}

@ObjectType({ description: 'What an action changed: an entity of the service that ran it.' })
export class AuditTarget {
  @Field(() => String, { nullable: true, description: 'Its type (`Order`, `Product`, `StaffMember`, …); null when only its id is known.' })
  type: string | null;

  @Field(() => ID)
  id: string;
}

@ObjectType({ description: "One state-changing action of the shop's staff (or the system) in any service, as the owner reads it." })
export class AuditLogEntry {
  @Field(() => ID)
  id: string;

  @Field({ description: 'When it happened, by the clock of the service that ran it.' })
  at: Date;

  @Field({ description: 'The service that ran it: catalog, orders, returns, marketing or creators.' })
  service: string;

  @Field({ description: 'The operation, usually the mutation (`updateSkuPrices`); `expireStaffInvitation` for an invitation that expired.' })
  operation: string;

  @Field(() => AuditOutcome)
  outcome: AuditOutcome;

  @Field(() => AuditActor)
  actor: AuditActor;

  @Field(() => [AuditTarget], { description: 'What it changed (none for a refusal).' })
  targets: AuditTarget[];

  @Field(() => String, { nullable: true, description: 'For DENIED: the permission the staff member lacked.' })
  permission: string | null;

  @Field({ description: "The request's correlation id: everything the action caused carries it." })
  correlationId: string;
}

@ObjectType()
export class AuditLogEntryConnection extends Connection(AuditLogEntry, 'AuditLogEntry') {}

@InputType({ description: 'Narrows Shop.auditLog; every given criterion must hold.' })
export class AuditLogFilter {
  @Field(() => String, { nullable: true, description: "One user's actions." })
  userId?: string | null;

  @Field(() => String, { nullable: true, description: 'One operation (exact name).' })
  operation?: string | null;

  @Field(() => AuditOutcome, { nullable: true })
  outcome?: AuditOutcome | null;

  @Field(() => Date, { nullable: true, description: 'Actions at or after this instant.' })
  from?: Date | null;

  @Field(() => Date, { nullable: true, description: 'Actions before this instant.' })
  to?: Date | null;
}
