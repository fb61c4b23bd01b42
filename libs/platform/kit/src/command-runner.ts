import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ActorType, AuditTarget, EventEnvelope } from '@sc/events';
import { Permission, currentContext, staffSellerId } from '@sc/auth';
import { requestHash, runIdempotent } from '@sc/db';
import { IdempotencyConflictError } from '@sc/graphql';
import { CLOCK, Clock, requestNow } from './clock';
import { Cause, requestCause } from './cause';
import { WriteTx, writeTx } from './write-tx';
import { CommandAudit } from './command-audit';

/** One state-changing use case called by a client. */
export type Command = StaffCommand | OtherCommand;

/**
 * A use case a shop's staff member runs: it names the permission it needs, checked before anything is read or
 * written. `ONBOARDING` is the one staff command that needs none, because it is how a member gets access
 * (accepting an invitation, which the use case itself checks by its one-time code).
 */
export interface StaffCommand extends CommandBase {
  actor: 'SELLER_STAFF';
  permission: Permission | 'ONBOARDING';
}

/** A use case of a buyer, carrier, creator, the platform or the system (their role checks are the caller's). */
export interface OtherCommand extends CommandBase {
  actor: Exclude<ActorType, 'SELLER_STAFF'>;
  permission?: never;
}

interface CommandBase {
  /** Names the use case in the idempotency table (usually the mutation's name). */
  operation: string;
  /** Who the caller acts as: the events' actor type and the transition table's actor. */
  actor: ActorType;
  /** The whole input; its hash tells a replay from a key reused with other input. */
  input: { idempotencyKey: string };
  /** Who owns the key (default: the calling user); a shop-wide scope lets one staff member replay another's call. */
  scope?: string;
  /** The key to claim, when it is not `input.idempotencyKey` (a bulk call's items claim one each). */
  idempotencyKey?: string;
}

/**
 * A command whose actor is known only at run time (a use case both staff and another actor run): a staff
 * actor needs `staffPermission`, others need none.
 */
export function commandFor(actor: ActorType, staffPermission: Permission, command: Omit<CommandBase, 'actor'>): Command {
  return actor === 'SELLER_STAFF' ? { ...command, actor, permission: staffPermission } : { ...command, actor };
}

/**
 * Runs every state-changing use case the same way: one transaction; once per idempotency key (a replay
 * returns the first result id, the same key with other input is IDEMPOTENCY_CONFLICT); one "now" from the
 * service clock; a cause from the request context; events appended to the outbox in that transaction.
 * Any error rolls everything back, the key included, so a refused command writes nothing.
 *
 * A staff member's command is audited ({@link CommandAudit}): one `action.recorded` on the service's audit
 * topic in the same transaction (SUCCEEDED, the targets being what its events are about), none for a replay,
 * and DENIED on its own when the member lacks the command's permission.
 */
@Injectable()
export class CommandRunner {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly audit: CommandAudit,
  ) {}

  /** Runs `work` once per key; resolves with the id of what it changed (the first run's, on a replay). */
  async run(command: Command, work: (tx: WriteTx) => Promise<string>): Promise<string> {
    if (command.actor === 'SELLER_STAFF' && command.permission !== 'ONBOARDING') {
      try {
        staffSellerId(command.permission);
      } catch (error) {
        await this.audit.recordDenied(command.operation, error);
        throw error;
      }
    }
    // The request's one instant: the same one its validation and its answer were judged at (requestNow).
    const cause = requestCause(command.actor, requestNow(this.clock));
    const scope = command.scope ?? currentContext().identity.userId;
    return this.dataSource.transaction(async (manager) => {
      const targets = new TouchedAggregates();
      const outcome = await runIdempotent(
        manager,
        { scope, operation: command.operation, key: command.idempotencyKey ?? command.input.idempotencyKey, requestHash: requestHash(command.input) },
        () => work(writeTx(manager, cause, (_topic, events) => targets.add(events))),
      );
      if (outcome.kind === 'conflict') throw new IdempotencyConflictError();
      // A replay changed nothing, so it records nothing.
      if (outcome.kind === 'fresh' && command.actor === 'SELLER_STAFF') {
        await this.audit.recordSucceeded(manager, command.operation, cause, targets.orResult(outcome.resultId));
      }
      return outcome.resultId;
    });
  }

  /**
   * Runs a write that has no idempotency key of its own (a timer firing, a sweep) in one transaction,
   * with `cause` built from the clock's now.
   */
  async write<T>(cause: (now: Date) => Cause, work: (tx: WriteTx) => Promise<T>): Promise<T> {
    const stamped = cause(this.clock.now());
    return this.dataSource.transaction((manager) => work(writeTx(manager, stamped)));
  }

  /** The request's now (the clock's, read once per request), for validation before a command (a window check, a status derived from time). */
  now(): Date {
    return requestNow(this.clock);
  }
}

/** The distinct aggregates a command's events are about, in the order first emitted. */
class TouchedAggregates {
  private readonly byKey = new Map<string, AuditTarget>();

  add(events: readonly EventEnvelope[]): void {
    for (const { aggregateType, aggregateId } of events) {
      const key = `${aggregateType}\u0000${aggregateId}`;
      if (!this.byKey.has(key)) this.byKey.set(key, { type: aggregateType, id: aggregateId });
    }
  }

  /** The aggregates, or the command's result id (type unknown) when it emitted no event. */
  orResult(resultId: string): AuditTarget[] {
    return this.byKey.size > 0 ? [...this.byKey.values()] : [{ type: null, id: resultId }];
  }
}
