import { Controller, Headers, HttpCode, HttpException, Inject, Post, Res } from '@nestjs/common';
import type { Response } from 'express';
import { INTERNAL_CONTEXT_HEADER, verifyInternalContext } from '@sc/auth';
import { queryTallyStore } from '@sc/db';
import { SERVICE_CONFIG, ServiceConfig } from '@sc/service';
import { StaffAccessAnswer, StaffAccessService } from './staff-access.service';

/** Response header with the SQL statements the lookup ran, when the service exposes statement counts (test stacks). */
export const SQL_STATEMENTS_HEADER = 'x-sql-statements';

/**
 * `POST /internal/staff-access` (not part of the graph): the gateway asks, for a SELLER_STAFF caller, what
 * they may do in the shop their identity acts for, and signs the answer into the internal context of the
 * request. The request carries the gateway's internal context for the caller (401 without a valid one),
 * no body; the answer is `{ owner, permissions, status: OWNER | ACTIVE | NONE }`, from one SQL statement.
 */
@Controller('internal/staff-access')
export class StaffAccessController {
  constructor(
    private readonly access: StaffAccessService,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
  ) {}

  @Post()
  @HttpCode(200)
  async staffAccess(@Headers(INTERNAL_CONTEXT_HEADER) token: string | undefined, @Res({ passthrough: true }) res: Response): Promise<StaffAccessAnswer> {
    const identity = await verifyInternalContext(token ?? '', this.config.internalVerifyKeys).catch(() => {
      throw new HttpException('Unauthenticated', 401);
    });
    if (!this.config.exposeSqlStatementCount) return this.access.accessOf(identity);
    const tally = { count: 0 };
    const answer = await queryTallyStore.run(tally, () => this.access.accessOf(identity));
    res.setHeader(SQL_STATEMENTS_HEADER, String(tally.count));
    return answer;
  }
}
