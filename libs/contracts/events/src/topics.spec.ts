import { createEvent, isEventEnvelope } from './envelope';
import { AUDIT_TOPICS, TOPICS, auditTopicOf, payloadSchemaFor } from './topics';

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

  it('gives each audited service its own audit topic, keyed by seller id', () => {
    for (const [service, topic] of Object.entries(AUDIT_TOPICS)) {
      expect(topic).toBe(`${service}.audit.v1`);
      expect(TOPICS[topic].owner).toBe(service);
      expect(Object.keys(TOPICS[topic].events)).toEqual(['action.recorded']);
      expect(auditTopicOf(service)).toBe(topic);
    }
    expect(auditTopicOf('storefront')).toBeNull();
    expect(auditTopicOf('toString')).toBeNull();
  });

  it('requires the permission of a DENIED action and none of a SUCCEEDED one', () => {
    const schema = payloadSchemaFor('orders.audit.v1', 'action.recorded', 1)!;
    const base = { operation: 'replyToConversation', userId: 'usr_1', at: new Date(0).toISOString(), correlationId: 'c-1' };
    expect(schema.safeParse({ ...base, outcome: 'SUCCEEDED', targets: [{ type: 'Conversation', id: 'cnv_1' }], permission: null }).success).toBe(true);
    expect(schema.safeParse({ ...base, outcome: 'SUCCEEDED', targets: [{ type: null, id: 'cnv_1' }], permission: 'INQUIRIES:EDIT' }).success).toBe(false);
    expect(schema.safeParse({ ...base, outcome: 'DENIED', targets: [], permission: 'ORDERS:EDIT' }).success).toBe(true);
    expect(schema.safeParse({ ...base, outcome: 'DENIED', targets: [], permission: null }).success).toBe(false);
    expect(schema.safeParse({ ...base, outcome: 'DENIED', targets: [{ type: 'Order', id: 'ord_1' }], permission: 'ORDERS:EDIT' }).success).toBe(false);
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
