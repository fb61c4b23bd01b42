import 'reflect-metadata';
import type { z } from 'zod';
import { EventEnvelope, TOPICS, TopicName } from '@sc/events';
import { EntityManager } from 'typeorm';
import { EventHandler } from '@sc/messaging';
import { Clock } from './clock';
import { eventCause } from './cause';
import { WriteTx, writeTx } from './write-tx';

/** The event types the contract registry lists for a topic. */
export type EventTypeOf<T extends TopicName> = keyof (typeof TOPICS)[T]['events'] & string;

type VersionsOf<T extends TopicName, E extends EventTypeOf<T>> = (typeof TOPICS)[T]['events'][E];

/** The payload of an event type on a topic, any version the contract still lists. */
export type PayloadOf<T extends TopicName, E extends EventTypeOf<T>> = VersionsOf<T, E>[keyof VersionsOf<T, E>] extends infer S
  ? S extends z.ZodType
    ? z.infer<S>
    : never
  : never;

/** A handler method: applies the event inside the consumer's inbox transaction. */
export type EventHandlerMethod<T extends TopicName, E extends EventTypeOf<T>> = (event: EventEnvelope<PayloadOf<T, E>>, tx: WriteTx) => Promise<void>;

/** Where one handler method is declared. */
export interface EventHandlerDeclaration {
  topic: TopicName;
  eventType: string;
  method: string;
}

const HANDLERS = Symbol('sc:event-handlers');

/**
 * Declares a method of a provider as the handler of one event type, typed by the contract registry:
 * `@OnEvent('orders.order.v1', 'order.paid') onPaid(event, tx)`. The service's messaging host finds every
 * declared handler among its providers at start-up, so a handler is written once and registered by that.
 * The method runs in the transaction that records the event in the inbox (at most once per event);
 * `tx.cause` has the event as causation and `tx.now` is the service clock's.
 */
export function OnEvent<T extends TopicName, E extends EventTypeOf<T>>(topic: T, eventType: E) {
  return (target: object, method: string, _descriptor: TypedPropertyDescriptor<EventHandlerMethod<T, E>>): void => {
    const declared: EventHandlerDeclaration[] = Reflect.getOwnMetadata(HANDLERS, target.constructor) ?? [];
    Reflect.defineMetadata(HANDLERS, [...declared, { topic, eventType, method }], target.constructor);
  };
}

/** The handlers a provider class declares with {@link OnEvent}. */
export function declaredEventHandlers(type: unknown): EventHandlerDeclaration[] {
  return typeof type === 'function' ? (Reflect.getOwnMetadata(HANDLERS, type) ?? []) : [];
}

/**
 * The {@link EventHandler}s of one provider instance: each declared method, adapted to the consumer's
 * `handle(event, manager)` with a {@link WriteTx} whose cause is the event and whose now is the clock's.
 */
export function boundEventHandlers(instance: object, clock: Clock): EventHandler[] {
  return declaredEventHandlers(instance.constructor).map(({ topic, eventType, method }) => {
    const run = (instance as Record<string, (event: EventEnvelope, tx: WriteTx) => Promise<void>>)[method].bind(instance);
    return {
      topic,
      eventType,
      name: `${instance.constructor.name}.${method}`,
      handle: (event: EventEnvelope, manager: EntityManager) => run(event, writeTx(manager, eventCause(event, clock.now()))),
    };
  });
}
