import { Injectable } from '@nestjs/common';
import { staffSellerId } from '@sc/auth';
import { newId } from '@sc/db';
import { assertValid, checkIdempotencyKey } from '@sc/graphql';
import { CommandRunner } from '@sc/kit';
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
    private readonly runner: CommandRunner,
    private readonly repository: InquiryRepository,
  ) {}

  async set(input: SetHolidayModeInput): Promise<HolidayMode> {
    const sellerId = staffSellerId('INQUIRIES:EDIT');
    assertValid(checkIdempotencyKey('idempotencyKey', input.idempotencyKey));
    await this.runner.run({ operation: 'setHolidayMode', actor: 'SELLER_STAFF', permission: 'INQUIRIES:EDIT', input }, async ({ manager, now }) => {
      await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`holiday:${sellerId}`]);
      if (input.on) {
        await manager.query(
          `INSERT INTO holiday_periods (id, seller_id, started_at) SELECT $1, $2, $3
            WHERE NOT EXISTS (SELECT 1 FROM holiday_periods WHERE seller_id = $2 AND ended_at IS NULL)`,
          [newId('hol'), sellerId, now],
        );
      } else {
        await manager.query(`UPDATE holiday_periods SET ended_at = greatest($2::timestamptz, started_at) WHERE seller_id = $1 AND ended_at IS NULL`, [
          sellerId,
          now,
        ]);
      }
      return sellerId;
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
