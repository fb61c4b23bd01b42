import { readClockMode } from './clock-mode';

describe('clock mode', () => {
  it('defaults to the system clock', () => {
    expect(readClockMode({})).toBe('system');
  });

  it('allows a controlled clock in tests or with the explicit flag only', () => {
    expect(readClockMode({ CLOCK_MODE: 'controlled', NODE_ENV: 'test' })).toBe('controlled');
    expect(readClockMode({ CLOCK_MODE: 'controlled', ALLOW_CONTROLLED_CLOCK: 'true' })).toBe('controlled');
    expect(() => readClockMode({ CLOCK_MODE: 'controlled', NODE_ENV: 'development' })).toThrow(/needs NODE_ENV=test/);
  });

  it('never allows it in production, whatever the flag', () => {
    expect(() => readClockMode({ CLOCK_MODE: 'controlled', NODE_ENV: 'production', ALLOW_CONTROLLED_CLOCK: 'true' })).toThrow(/production/);
  });

  it('refuses unknown modes', () => {
    expect(() => readClockMode({ CLOCK_MODE: 'fast' })).toThrow(/CLOCK_MODE/);
  });
});
