import { Body, Controller, Headers, HttpCode, HttpException, Inject, Post } from '@nestjs/common';
import { INTERNAL_CONTEXT_HEADER, verifyInternalContext } from '@sc/auth';
import { CLOCK, Clock, ControlledClock, DueWork } from '@sc/kit';
import { SERVICE_CONFIG } from './tokens';
import { ServiceConfig } from './service-config';

/**
 * Test-only, in every service: moves the controlled clock and runs the jobs now due ({@link DueWork}).
 * Answers 404 unless the process runs a controlled clock (which readClockMode refuses outside tests and
 * always in production), and 401 without gateway-signed credentials.
 */
@Controller('internal/test-clock')
export class TestClockController {
  constructor(
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
    private readonly dueWork: DueWork,
  ) {}

  @Post()
  @HttpCode(200)
  async move(@Headers(INTERNAL_CONTEXT_HEADER) token: string | undefined, @Body() body: { advanceMs?: number; setTo?: string }) {
    if (!(this.clock instanceof ControlledClock)) throw new HttpException('Not found', 404);
    await verifyInternalContext(token ?? '', this.config.internalVerifyKeys).catch(() => {
      throw new HttpException('Unauthenticated', 401);
    });
    if (body.setTo) this.clock.set(new Date(body.setTo));
    if (body.advanceMs) this.clock.advance(body.advanceMs);
    const fired = await this.dueWork.runAll();
    return { now: this.clock.now().toISOString(), fired };
  }
}
