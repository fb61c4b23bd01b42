import { Injectable } from '@nestjs/common';

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
