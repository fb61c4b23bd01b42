import { applyKafkajsRequestQueueFix } from './kafkajs-request-queue-fix';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const RequestQueue = require('kafkajs/src/network/requestQueue') as new (options: Record<string, unknown>) => {
  pending: unknown[];
  throttledUntil: number;
  throttleCheckTimeoutId: NodeJS.Timeout | null;
  checkPendingRequests(): void;
  scheduleCheckPendingRequests(): void;
  destroy(): void;
};

const silentLogger = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };
const newQueue = () => new RequestQueue({ maxInFlightRequests: 1, requestTimeout: 30_000, clientId: 'spec', broker: 'spec:9092', logger: silentLogger });

describe('kafkajs RequestQueue fix', () => {
  beforeAll(() => applyKafkajsRequestQueueFix());

  it('arms no timer when no request waits, so an idle connection does not spin', () => {
    const queue = newQueue();
    queue.checkPendingRequests();
    expect(queue.throttleCheckTimeoutId).toBeNull();
  });

  it('still checks again while requests wait, at the end of a throttle', () => {
    jest.useFakeTimers();
    try {
      const queue = newQueue();
      const check = jest.spyOn(queue, 'checkPendingRequests').mockImplementation(() => undefined);
      queue.pending.push({});
      queue.throttledUntil = Date.now() + 500;
      queue.scheduleCheckPendingRequests();
      expect(queue.throttleCheckTimeoutId).not.toBeNull();
      jest.advanceTimersByTime(499);
      expect(check).not.toHaveBeenCalled();
      jest.advanceTimersByTime(1);
      expect(check).toHaveBeenCalledTimes(1);
      expect(queue.throttleCheckTimeoutId).toBeNull();
    } finally {
      jest.useRealTimers();
    }
  });
});
