import { z } from 'zod';
import { StaffPermission } from './staff.events';

// <service>.audit.v1 (one topic per service, each owned by it; key = seller id, so one shop's actions stay in
// order): every command a shop's staff member runs, as the service's CommandRunner records it in the command's own
// transaction (SUCCEEDED), or on its own when the member lacks the permission (DENIED). Catalog projects the five
// topics into the shop's audit log (Shop.auditLog). No event carries the command's input.

/** What an action changed: an aggregate (as its events name it) or, when the command emitted no event, its result id (`type` null). */
export const AuditTarget = z.object({
  type: z.string().min(1).nullable(),
  id: z.string().min(1),
});
/** One target of an audited action. */
export type AuditTarget = z.infer<typeof AuditTarget>;

const recordedAction = {
  /** The use case (usually the mutation's name, e.g. `updateSkuPrices`). */
  operation: z.string().min(1),
  /** The staff member who ran it (the shop is the envelope's `sellerId`). */
  userId: z.string().min(1),
  /** When, by the service clock (the command's one instant). */
  at: z.string(),
  /** The request's correlation id (also the envelope's), to find everything the action caused. */
  correlationId: z.string().min(1),
};

/**
 * `action.recorded` v1 (every `<service>.audit.v1`): a staff member's command committed (`SUCCEEDED`, `targets`
 * the distinct aggregates its events are about, `permission` null) or was refused because the member lacks
 * `permission` (`DENIED`, nothing else written, `targets` empty). A replayed idempotency key records nothing.
 */
export const ActionRecordedV1 = z.discriminatedUnion('outcome', [
  z.object({ ...recordedAction, outcome: z.literal('SUCCEEDED'), targets: z.array(AuditTarget), permission: z.null() }),
  z.object({ ...recordedAction, outcome: z.literal('DENIED'), targets: z.array(AuditTarget).max(0), permission: StaffPermission }),
]);
/** Payload of `action.recorded` v1. */
export type ActionRecordedV1 = z.infer<typeof ActionRecordedV1>;

/** How an audited action ended. */
export type AuditOutcome = ActionRecordedV1['outcome'];
