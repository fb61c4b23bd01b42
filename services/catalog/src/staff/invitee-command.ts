import { requestHash, runIdempotent } from '@sc/db';
import { IdempotencyConflictError } from '@sc/graphql';
import { CommandRunner, WriteTx, requestCause } from '@sc/kit';

/** An invitee's command: its use case, its whole input (hashed for replays) and who owns the key. */
export interface InviteeCommand {
  operation: string;
  input: { idempotencyKey: string };
  scope: string;
}

/**
 * Runs a command of a shop's staff identity that needs no permission, because it is how that identity gets
 * one: accepting an invitation (the gateway resolves an invitee to no access at all, so any
 * `CommandRunner.run` staff command, which must name a permission, would refuse it). It keeps run's
 * guarantees, through the runner's own transaction: one claim per idempotency key (a replay returns the
 * first result id, the key with other input is IDEMPOTENCY_CONFLICT), the request's one instant, a
 * SELLER_STAFF cause, and everything rolled back on any error, the key included. The caller checks who
 * may run it (the invitation code).
 */
export async function runInviteeCommand(runner: CommandRunner, command: InviteeCommand, work: (tx: WriteTx) => Promise<string>): Promise<string> {
  const at = runner.now();
  return runner.write(
    () => requestCause('SELLER_STAFF', at),
    async (tx) => {
      const claim = { scope: command.scope, operation: command.operation, key: command.input.idempotencyKey, requestHash: requestHash(command.input) };
      const outcome = await runIdempotent(tx.manager, claim, () => work(tx));
      if (outcome.kind === 'conflict') throw new IdempotencyConflictError();
      return outcome.resultId;
    },
  );
}
