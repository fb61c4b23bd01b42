import { GatewayClient } from './gateway-client';
import { DEMO_BUYERS, DEMO_SELLER } from './demo-identities';

/** Two buyer inquiries: one about an order, answered and read; one about the lamp, still unread. */
export async function seedDemoInquiries(client: GatewayClient, orderId: string): Promise<void> {
  const answered = await client.run(DEMO_BUYERS[0], `mutation($input: StartConversationInput!) { startConversation(input: $input) { id } }`, {
    input: { shopId: DEMO_SELLER.sellerId, orderId, text: 'Can you ship before the weekend?', idempotencyKey: 'demo-inquiry-shipping' },
  });
  const conversationId = answered.startConversation.id;
  await client.run(DEMO_SELLER, `mutation($input: ReplyToConversationInput!) { replyToConversation(input: $input) { id } }`, {
    input: { conversationId, text: 'Yes, it leaves our warehouse on Friday morning.', idempotencyKey: 'demo-inquiry-shipping-reply' },
  });
  await client.run(DEMO_SELLER, `mutation($input: ConversationActionInput!) { markConversationRead(input: $input) { id } }`, {
    input: { conversationId, idempotencyKey: 'demo-inquiry-shipping-read' },
  });
  await client.run(DEMO_BUYERS[1], `mutation($input: StartConversationInput!) { startConversation(input: $input) { id } }`, {
    input: { shopId: DEMO_SELLER.sellerId, text: 'Does the lamp come with a bulb?', idempotencyKey: 'demo-inquiry-lamp' },
  });
}
