import { Module } from '@nestjs/common';
import { AuditLogRepository } from './audit-log.repository';
import { AuditEventHandlers } from './audit-event.handlers';
import { AuditActorResolver, ShopAuditResolver } from './shop-audit.resolver';

/**
 * The shop's audit log (issue #14): every service's staff commands (`action.recorded` on `<service>.audit.v1`,
 * recorded by the kit's CommandRunner) and catalog's invitation expiries, projected into `audit_log`
 * (`AuditEventHandlers`) and read by the owner as `Shop.auditLog`. Depends on the shop module only for the Shop
 * type; reads `staff_members` in SQL for the acting member. Exports nothing.
 */
@Module({
  providers: [AuditLogRepository, AuditEventHandlers, ShopAuditResolver, AuditActorResolver],
})
export class AuditModule {}
