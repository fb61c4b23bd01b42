/**
 * Environment of every process of a stack the demo seed runs on (`npm start`, the gateway system test).
 * A paid order is released from its buyer-remorse hold by the next timer poll instead of after an hour,
 * so the seed can ship, deliver and refund orders right away. Orders refuses it when NODE_ENV=production.
 */
export const DEMO_STACK_ENV: Readonly<Record<string, string>> = {
  ORDER_REMORSE_WINDOW_SECONDS: '0',
};
