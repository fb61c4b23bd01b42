import { Body, Controller, Headers, HttpCode, HttpException, Inject, Post } from '@nestjs/common';
import { INTERNAL_CONTEXT_HEADER, verifyInternalContext } from '@sc/auth';
import { SERVICE_CONFIG, ServiceConfig } from '@sc/service';
import { CLOCK, Clock, ControlledClock } from './clock';
import { TimerScheduler } from '../scheduler/timer-scheduler.service';

/**
 * Test-only: moves the controlled clock and fires the timers now due. Answers 404 unless the process runs
 * a controlled clock (which readClockMode refuses outside tests), and 401 without gateway-signed credentials.
 */
@Controller('internal/test-clock')
export class TestClockController {
  constructor(
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
    private readonly scheduler: TimerScheduler,
  ) {}

  @Post()
  @HttpCode(200)
  async move(@Headers(INTERNAL_CONTEXT_HEADER) token: string | undefined, @Body() body: { advanceMs?: number; setTo?: string }) {
    if (!(this.clock instanceof ControlledClock)) throw new HttpException('Not found', 404);
    await verifyInternalContext(token ?? '', this.config.internalSigningSecret).catch(() => {
      throw new HttpException('Unauthenticated', 401);
    });
    if (body.setTo) this.clock.set(new Date(body.setTo));
    if (body.advanceMs) this.clock.advance(body.advanceMs);
    const fired = await this.scheduler.runDue();
    return { now: this.clock.now().toISOString(), fired };
  }
}
