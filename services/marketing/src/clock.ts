import { Injectable } from '@nestjs/common';
import { requestScoped } from '@sc/auth';

/**
 * The one source of "now" in marketing. A promotion's status is derived from the time, so every read and
 * write asks this provider instead of the system clock; tests replace it to move time.
 */
@Injectable()
export class Clock {
  now(): Date {
    return new Date();
  }
}

/**
 * "Now" for the request being served, read from `clock` once and reused, so every status in one
 * response is derived from the same instant.
 */
export const requestTime = (clock: Clock): Date => requestScoped('marketing.requestTime', () => clock.now());
