import { createEvent, isEventEnvelope } from './envelope';
import { TOPICS, payloadSchemaFor } from './topics';

describe('event contracts', () => {
  it('names every topic <service>.<aggregate>.v<major> owned by its service', () => {
    for (const [topic, contract] of Object.entries(TOPICS)) {
      expect(topic).toMatch(/^[a-z]+\.[a-z-]+\.v\d+$/);
      expect(topic.startsWith(`${contract.owner}.`)).toBe(true);
    }
  });

  it('names event types in the past tense and versions them from 1', () => {
    for (const contract of Object.values(TOPICS)) {
      for (const [type, versions] of Object.entries(contract.events)) {
        expect(type).toMatch(/^[a-z_]+\.[a-z_]+$/);
        expect(Object.keys(versions)).toContain('1');
      }
    }
  });

  it('validates payloads against the contract', () => {
    const schema = payloadSchemaFor('orders.order.v1', 'order.cancelled', 1)!;
    expect(schema.safeParse({ orderId: 'ord_1', reason: 'INSUFFICIENT_STOCK', cancelledBy: 'SYSTEM' }).success).toBe(true);
    expect(schema.safeParse({ orderId: 'ord_1', reason: 'X', cancelledBy: 'ROBOT' }).success).toBe(false);
    expect(payloadSchemaFor('orders.order.v1', 'order.cancelled', 2)).toBeUndefined();
  });

  it('builds complete envelopes', () => {
    const event = createEvent({
      occurredAt: new Date(),
      type: 'order.confirmed',
      source: 'orders',
      sellerId: 'shp_1',
      aggregateType: 'Order',
      aggregateId: 'ord_1',
      actor: { type: 'SYSTEM', id: null },
      payload: { orderId: 'ord_1', status: 'UNPAID' },
    });
    expect(isEventEnvelope(event)).toBe(true);
    expect(event.correlationId).toBe(event.id);
    expect(new Date(event.occurredAt).toISOString()).toBe(event.occurredAt);
    expect(isEventEnvelope({ ...event, payload: null })).toBe(false);
  });
});
