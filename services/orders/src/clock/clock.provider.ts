import { Provider } from '@nestjs/common';
import { CLOCK, ControlledClock, SystemClock } from './clock';
import { readClockMode } from './clock-mode';

/** The process's {@link Clock}: wall-clock time, or a controlled clock in test stacks (see readClockMode). */
export const clockProvider: Provider = {
  provide: CLOCK,
  useFactory: () => (readClockMode() === 'controlled' ? new ControlledClock() : new SystemClock()),
};
