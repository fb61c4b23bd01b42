import { CallHandler, ExecutionContext, Inject, Injectable, NestInterceptor, Provider } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { GraphQLError, GraphQLResolveInfo } from 'graphql';
import { Observable, catchError, from } from 'rxjs';
import { DataSource, EntityManager } from 'typeorm';
import { ActionRecordedV1, AuditTarget, AuditTopic, EventEnvelope, auditTopicOf } from '@sc/events';
import { actingSellerId, currentContext, requestContextStore } from '@sc/auth';
import { appendToOutbox } from '@sc/messaging';
import { logger } from '@sc/logging';
import { CLOCK, Clock, requestNow } from './clock';
import { Cause, requestCause } from './cause';
import { aggregateEvent } from './aggregate-event';

const log = logger('audit');

/** Injection token of the running service's name (`catalog`, `orders`, …): it names the audit topic the service writes. */
export const SERVICE_NAME = Symbol('SERVICE_NAME');

/** The permission a FORBIDDEN refusal names (`staffSellerId` puts it in `extensions.permission`), or null for any other error. */
export function deniedPermissionOf(error: unknown): string | null {
  if (!(error instanceof GraphQLError) || error.extensions?.code !== 'FORBIDDEN') return null;
  const permission = error.extensions.permission;
  return typeof permission === 'string' ? permission : null;
}

/**
 * The audit trail of a service's staff commands: one `action.recorded` event per command on the service's own
 * audit topic (`<service>.audit.v1`, key = seller id), which catalog projects into the shop's audit log.
 * A command that commits records `SUCCEEDED` in its own transaction (so the record exists if and only if the
 * change does); a command refused for a missing permission records `DENIED` on its own, since the refusal
 * itself writes nothing. Only calls by a shop's staff are recorded (the shop is the one they act for).
 */
@Injectable()
export class CommandAudit {
  readonly topic: AuditTopic;
  private readonly service: string;
  /** Refusals already recorded: the same error is seen by the command runner and again by the mutation's interceptor. */
  private readonly recorded = new WeakSet<object>();

  constructor(
    @Inject(SERVICE_NAME) service: string,
    private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    const topic = auditTopicOf(service);
    if (!topic) throw new Error(`Service "${service}" has no audit topic: add <service>.audit.v1 to TOPICS and AUDIT_TOPICS (@sc/events)`);
    this.service = service;
    this.topic = topic;
  }

  /** In the command's transaction: `operation` succeeded for the calling staff member, changing `targets`. */
  async recordSucceeded(manager: EntityManager, operation: string, cause: Cause, targets: AuditTarget[]): Promise<void> {
    const sellerId = actingSellerId(currentContext().identity);
    if (!sellerId || !cause.actor.id) return;
    const payload: ActionRecordedV1 = {
      operation,
      outcome: 'SUCCEEDED',
      userId: cause.actor.id,
      at: cause.at.toISOString(),
      targets,
      permission: null,
      correlationId: cause.correlationId,
    };
    await appendToOutbox(manager, this.topic, [this.event(sellerId, cause, payload)]);
  }

  /**
   * When `error` refuses the calling staff member a permission: records `operation` as DENIED, once per error,
   * in a statement of its own (nothing else of the refused call is written). Any other error records nothing.
   * A failure to record is logged, never thrown: the caller rethrows the refusal either way.
   */
  async recordDenied(operation: string, error: unknown): Promise<void> {
    const permission = deniedPermissionOf(error);
    if (permission === null || this.recorded.has(error as object) || !requestContextStore.getStore()) return;
    this.recorded.add(error as object);
    const { identity } = currentContext();
    const sellerId = actingSellerId(identity);
    if (!sellerId) return;
    const cause = requestCause('SELLER_STAFF', requestNow(this.clock));
    const payload: ActionRecordedV1 = {
      operation,
      outcome: 'DENIED',
      userId: identity.userId,
      at: cause.at.toISOString(),
      targets: [],
      permission,
      correlationId: cause.correlationId,
    };
    try {
      await appendToOutbox(this.dataSource.manager, this.topic, [this.event(sellerId, cause, payload)]);
    } catch (failure) {
      log.error({ err: failure, operation, permission }, 'could not record a denied staff action in the audit trail');
    }
  }

  private event(sellerId: string, cause: Cause, payload: ActionRecordedV1): EventEnvelope<ActionRecordedV1> {
    // The shop is the aggregate, so the message key is the seller id and one shop's actions keep their order.
    return aggregateEvent<ActionRecordedV1>(
      { source: this.service, aggregateType: 'Shop', aggregateId: sellerId, sellerId },
      'action.recorded',
      cause,
      payload,
    );
  }
}

/**
 * Records as DENIED every mutation refused because the staff member lacks a permission, named by the mutation:
 * most use cases check their permission before they reach {@link CommandRunner.run} (their validation needs the
 * shop id), so the runner alone would miss those refusals. Refusals the runner already recorded are not
 * recorded twice.
 */
@Injectable()
export class DeniedMutationAudit implements NestInterceptor {
  constructor(private readonly audit: CommandAudit) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType<string>() !== 'graphql') return next.handle();
    const info = context.getArgByIndex<GraphQLResolveInfo | undefined>(3);
    if (info?.parentType?.name !== 'Mutation') return next.handle();
    return next.handle().pipe(
      catchError((error: unknown) =>
        from(
          this.audit.recordDenied(info.fieldName, error).then(() => {
            throw error;
          }),
        ),
      ),
    );
  }
}

/**
 * What a service core provides for the audit trail: the service's name (hence its audit topic), the
 * {@link CommandAudit} that {@link CommandRunner} records with, and the interceptor recording refused mutations.
 */
export function commandAuditProviders(serviceName: string): Provider[] {
  return [{ provide: SERVICE_NAME, useValue: serviceName }, CommandAudit, { provide: APP_INTERCEPTOR, useClass: DeniedMutationAudit }];
}
