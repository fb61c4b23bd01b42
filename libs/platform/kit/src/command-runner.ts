import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ActorType } from '@sc/events';
import { Permission, currentContext, staffSellerId } from '@sc/auth';
import { requestHash, runIdempotent } from '@sc/db';
import { IdempotencyConflictError } from '@sc/graphql';
import { CLOCK, Clock, requestNow } from './clock';
import { Cause, requestCause } from './cause';
import { WriteTx, writeTx } from './write-tx';

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
 */
@Injectable()
export class CommandRunner {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Runs `work` once per key; resolves with the id of what it changed (the first run's, on a replay). */
  async run(command: Command, work: (tx: WriteTx) => Promise<string>): Promise<string> {
    if (command.actor === 'SELLER_STAFF' && command.permission !== 'ONBOARDING') staffSellerId(command.permission);
    // The request's one instant: the same one its validation and its answer were judged at (requestNow).
    const cause = requestCause(command.actor, requestNow(this.clock));
    const scope = command.scope ?? currentContext().identity.userId;
    return this.dataSource.transaction(async (manager) => {
      const outcome = await runIdempotent(
        manager,
        { scope, operation: command.operation, key: command.idempotencyKey ?? command.input.idempotencyKey, requestHash: requestHash(command.input) },
        () => work(writeTx(manager, cause)),
      );
      if (outcome.kind === 'conflict') throw new IdempotencyConflictError();
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
