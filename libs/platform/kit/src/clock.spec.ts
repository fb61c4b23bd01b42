import { ControlledClock } from './clock';

describe('controlled clock', () => {
  it('stands still until moved, and only moves forward', () => {
    const clock = new ControlledClock();
    const start = clock.now().getTime();
    expect(clock.now().getTime()).toBe(start);
    expect(clock.advance(1000).getTime()).toBe(start + 1000);
    expect(clock.set(new Date(start)).getTime()).toBe(start + 1000);
    expect(clock.set(new Date(start + 5000)).getTime()).toBe(start + 5000);
    expect(() => clock.advance(-1)).toThrow();
  });
});
