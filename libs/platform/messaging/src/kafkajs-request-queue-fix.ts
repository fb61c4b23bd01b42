/**
 * kafkajs 2.2.4 (the last release) re-arms its pending-request check with a negative delay when nothing is
 * pending, so every open broker connection runs a 1 ms timer for ever (tulios/kafkajs#1556 and #1704; the fix
 * of PR #1667 was never released). Each service burned ~5 % of a core idle and its event loop woke a thousand
 * times a second per connection, which delays everything else it does. This applies that fix: the check is only
 * scheduled while requests wait, at the end of a client-side throttle or after the library's 10 ms interval.
 */
const CHECK_PENDING_REQUESTS_INTERVAL_MS = 10;

interface RequestQueueInternals {
  pending: unknown[];
  throttledUntil: number;
  throttleCheckTimeoutId: NodeJS.Timeout | null;
  checkPendingRequests(): void;
  scheduleCheckPendingRequests(): void;
}

let applied = false;

/** Patches kafkajs's RequestQueue once per process; idempotent. */
export function applyKafkajsRequestQueueFix(): void {
  if (applied) return;
  applied = true;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const RequestQueue = require('kafkajs/src/network/requestQueue') as { prototype: RequestQueueInternals };
  RequestQueue.prototype.scheduleCheckPendingRequests = function scheduleCheckPendingRequests(this: RequestQueueInternals): void {
    if (this.pending.length === 0 || this.throttleCheckTimeoutId) return;
    const throttledFor = this.throttledUntil - Date.now();
    this.throttleCheckTimeoutId = setTimeout(
      () => {
        this.throttleCheckTimeoutId = null;
        this.checkPendingRequests();
      },
      throttledFor > 0 ? throttledFor : CHECK_PENDING_REQUESTS_INTERVAL_MS,
    );
  };
}
