/**
 * Environment of every process of a non-production stack the demo seed runs on (the gateway system test,
 * `npm start` with NODE_ENV set to something else than production). A paid order is released from its
 * buyer-remorse hold by the next timer poll instead of after an hour, so the seed can ship, deliver and refund
 * orders right away. Orders refuses it when NODE_ENV=production, so a production `npm start` goes without it.
 */
export const DEMO_STACK_ENV: Readonly<Record<string, string>> = {
  ORDER_REMORSE_WINDOW_SECONDS: '0',
};
