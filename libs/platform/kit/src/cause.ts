import { ActorType, EventEnvelope } from '@sc/events';
import { currentContext } from '@sc/auth';

/** Who and what caused a change, and when by the service clock: stamped on every event the change emits. */
export interface Cause {
  correlationId: string;
  causationId: string | null;
  actor: { type: ActorType; id: string | null };
  at: Date;
}

/** The cause of a change a request makes: its correlation id, the caller as `actor`, no causing event. */
export function requestCause(actor: ActorType, at: Date): Cause {
  const { identity, correlationId } = currentContext();
  return { correlationId, causationId: null, actor: { type: actor, id: identity.userId }, at };
}

/** The cause of a change an event makes: the event's correlation, the event as causation, SYSTEM as actor. */
export function eventCause(event: EventEnvelope, at: Date): Cause {
  return { correlationId: event.correlationId, causationId: event.id, actor: { type: 'SYSTEM', id: null }, at };
}

/** The cause of a change a timer or another background job makes, under its own correlation id. */
export function systemCause(correlationId: string, at: Date): Cause {
  return { correlationId, causationId: null, actor: { type: 'SYSTEM', id: null }, at };
}
