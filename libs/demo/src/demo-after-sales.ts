import { GatewayClient, retrying } from './gateway-client';
import { DEMO_SELLER } from './demo-identities';
import { DemoOrder } from './demo-orders';

/**
 * After-sales on the demo orders that shipped: a pending return request on the shipped lamp, and a
 * refund-only request on the delivered serum that the seller grants (the dashboard shows the refund).
 * Returns learns about shipments from orders' events, so each request is retried until it has.
 * Orders the seed could not ship (see seedDemoOrders) get none.
 */
export async function seedDemoAfterSales(client: GatewayClient, orders: DemoOrder[], log: (msg: string) => void): Promise<void> {
  const shipped = orders.find((o) => o.plan.journey === 'SHIPPED' && o.reached);
  if (shipped) {
    await retrying(() =>
      client.run(shipped.buyer, `mutation($input: RequestReturnInput!) { requestReturn(input: $input) { id } }`, {
        input: {
          orderId: shipped.id,
          reason: 'NO_LONGER_NEEDED',
          reasonText: 'Bought a floor lamp instead',
          idempotencyKey: 'demo-return-lamp',
          lines: [{ orderLineId: shipped.lines[0].id, quantity: 1 }],
        },
      }),
    );
    log('a return request: done');
  }

  const delivered = orders.find((o) => o.plan.journey === 'DELIVERED' && o.reached);
  if (!delivered) return;
  const requested = await retrying(() =>
    client.run(delivered.buyer, `mutation($input: RequestReturnInput!) { requestReturn(input: $input) { id } }`, {
      input: {
        orderId: delivered.id,
        type: 'REFUND',
        reason: 'NOT_AS_DESCRIBED',
        reasonText: 'Smells different from the last bottle',
        idempotencyKey: 'demo-refund-serum',
        lines: [{ orderLineId: delivered.lines[0].id, quantity: 1 }],
      },
    }),
  );
  await client.run(DEMO_SELLER, `mutation($input: ReturnDecisionInput!) { approveRefund(input: $input) { id } }`, {
    input: { returnId: requested.requestReturn.id, idempotencyKey: 'demo-approve-refund-serum' },
  });
  log('a refund after delivery: done');
}
