import { randomUUID } from 'node:crypto';

/** Who caused an event; mirrors the actors of the state machines. */
export type ActorType = 'SELLER_STAFF' | 'BUYER' | 'PLATFORM' | 'SYSTEM' | 'CARRIER' | 'CREATOR';

/** The envelope every event on every topic carries (architecture §5). */
export interface EventEnvelope<TPayload = unknown> {
  id: string;
  type: string;
  version: number;
  occurredAt: string;
  source: string;
  sellerId: string;
  aggregateType: string;
  aggregateId: string;
  aggregateVersion: number;
  correlationId: string;
  causationId: string | null;
  actor: { type: ActorType; id: string | null };
  payload: TPayload;
}

/** Fields the caller supplies; the id and defaults are filled in by {@link createEvent}. */
export interface NewEvent<TPayload> {
  type: string;
  version?: number;
  source: string;
  sellerId: string;
  aggregateType: string;
  aggregateId: string;
  aggregateVersion?: number;
  correlationId?: string;
  causationId?: string | null;
  actor: { type: ActorType; id: string | null };
  payload: TPayload;
  /** When it happened, by the producing service's clock (required: a default would be the wall clock, not the service's). */
  occurredAt: Date;
}

/** Builds a complete envelope with a fresh UUID and a UTC ISO-8601 timestamp. */
export function createEvent<TPayload>(event: NewEvent<TPayload>): EventEnvelope<TPayload> {
  const id = randomUUID();
  return {
    id,
    type: event.type,
    version: event.version ?? 1,
    occurredAt: event.occurredAt.toISOString(),
    source: event.source,
    sellerId: event.sellerId,
    aggregateType: event.aggregateType,
    aggregateId: event.aggregateId,
    aggregateVersion: event.aggregateVersion ?? 1,
    correlationId: event.correlationId ?? id,
    causationId: event.causationId ?? null,
    actor: event.actor,
    payload: event.payload,
  };
}

/** Narrows an unknown decoded message to an envelope, rejecting anything without the required fields. */
export function isEventEnvelope(value: unknown): value is EventEnvelope {
  if (!value || typeof value !== 'object') return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.id === 'string' &&
    typeof v.type === 'string' &&
    typeof v.version === 'number' &&
    typeof v.sellerId === 'string' &&
    typeof v.aggregateId === 'string' &&
    typeof v.payload === 'object' &&
    v.payload !== null
  );
}
