import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { currentSellerId, requireRole } from '@sc/auth';
import { newId, requestHash, runIdempotent } from '@sc/db';
import { IdempotencyConflictError, assertValid, checkIdempotencyKey } from '@sc/graphql';
import { CLOCK, Clock } from '../clock/clock';
import { HolidayMode } from './conversation.model';
import { InquiryRepository } from './inquiry.repository';
import { SetHolidayModeInput } from './inquiry.inputs';

/**
 * The shop's holiday mode, kept as periods (not a flag) so the response rate can tell, for any past
 * message, whether it arrived in holiday mode. Switching to the current state changes nothing.
 */
@Injectable()
export class HolidayModeService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: InquiryRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async set(input: SetHolidayModeInput): Promise<HolidayMode> {
    const sellerId = currentSellerId();
    const staff = requireRole('SELLER_STAFF');
    assertValid(checkIdempotencyKey('idempotencyKey', input.idempotencyKey));
    const now = this.clock.now();
    await this.dataSource.transaction(async (manager) => {
      const outcome = await runIdempotent(
        manager,
        { scope: staff.userId, operation: 'setHolidayMode', key: input.idempotencyKey, requestHash: requestHash(input) },
        async () => {
          await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`holiday:${sellerId}`]);
          if (input.on) {
            await manager.query(
              `INSERT INTO holiday_periods (id, seller_id, started_at) SELECT $1, $2, $3
                WHERE NOT EXISTS (SELECT 1 FROM holiday_periods WHERE seller_id = $2 AND ended_at IS NULL)`,
              [newId('hol'), sellerId, now],
            );
          } else {
            await manager.query(`UPDATE holiday_periods SET ended_at = greatest($2::timestamptz, started_at) WHERE seller_id = $1 AND ended_at IS NULL`, [sellerId, now]);
          }
          return sellerId;
        },
      );
      if (outcome.kind === 'conflict') throw new IdempotencyConflictError();
    });
    return this.get(sellerId);
  }

  async get(sellerId: string): Promise<HolidayMode> {
    const periods = await this.repository.holidayPeriods(sellerId);
    return {
      on: periods.some((p) => p.ended_at === null),
      periods: periods.map((p) => ({ startedAt: p.started_at, endedAt: p.ended_at })),
    };
  }
}
