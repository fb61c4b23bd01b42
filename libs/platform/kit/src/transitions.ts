import { ActorType } from '@sc/events';
import { InvalidTransitionError } from '@sc/graphql';

/** One allowed change of an aggregate: from a status, by an action, to a status, for these actors. */
export interface Transition<S extends string, A extends string, Actor extends string = ActorType> {
  from: S;
  action: A;
  to: S;
  actors: readonly Actor[];
}

/**
 * An aggregate's transition table (architecture §6): every allowed change and who may make it; anything
 * else is INVALID_TRANSITION. Rows whose `to` equals `from` are allowed actions that keep the status.
 * Looked up by (from, action) in a map, since some tables are walked on every row of a sweep.
 */
export class TransitionTable<S extends string, A extends string, Actor extends string = ActorType> {
  private readonly byStep = new Map<string, Transition<S, A, Actor>>();

  constructor(
    /** The aggregate's name in INVALID_TRANSITION errors (`Order`, `ReturnRequest`, …). */
    readonly aggregate: string,
    readonly rows: readonly Transition<S, A, Actor>[],
  ) {
    for (const row of rows) {
      const step = `${row.from}|${row.action}`;
      const existing = this.byStep.get(step);
      if (existing && existing.to !== row.to) throw new Error(`${aggregate}: ${row.action} from ${row.from} leads to both ${existing.to} and ${row.to}`);
      this.byStep.set(step, existing ? { ...row, actors: [...new Set([...existing.actors, ...row.actors])] } : row);
    }
  }

  /** The status after `action` by `actor`, or INVALID_TRANSITION when the table does not allow it. */
  next(from: S, action: A, actor: Actor): S {
    const row = this.byStep.get(`${from}|${action}`);
    if (!row || !row.actors.includes(actor)) throw new InvalidTransitionError(this.aggregate, from, action);
    return row.to;
  }

  /** True when the table allows `action` from `from` for `actor`. */
  can(from: S, action: A, actor: Actor): boolean {
    return this.byStep.get(`${from}|${action}`)?.actors.includes(actor) ?? false;
  }

  /** Every action of the table, once each. */
  get actions(): A[] {
    return [...new Set(this.rows.map((row) => row.action))];
  }
}
