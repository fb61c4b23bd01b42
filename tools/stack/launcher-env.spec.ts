import { DEMO_STACK_ENV } from '@sc/demo';
import { launcherEnv } from './launcher-env';

describe("npm start's environment", () => {
  it('is production, without the demo shortcuts production refuses, unless the caller says otherwise', () => {
    expect(launcherEnv({})).toEqual({ nodeEnv: 'production', env: { NODE_ENV: 'production' } });
    expect(launcherEnv({ NODE_ENV: '' })).toEqual({ nodeEnv: 'production', env: { NODE_ENV: 'production' } });
    expect(launcherEnv({ NODE_ENV: 'production' }).env).toEqual({ NODE_ENV: 'production' });
  });

  it("keeps the caller's NODE_ENV, with the demo shortcuts when it is not production", () => {
    expect(launcherEnv({ NODE_ENV: 'development' })).toEqual({ nodeEnv: 'development', env: { NODE_ENV: 'development', ...DEMO_STACK_ENV } });
    expect(launcherEnv({ NODE_ENV: 'test' }).env).toEqual({ NODE_ENV: 'test', ORDER_REMORSE_WINDOW_SECONDS: '0' });
  });

  it("leaves a demo shortcut the caller set to the caller's value", () => {
    expect(launcherEnv({ NODE_ENV: 'development', ORDER_REMORSE_WINDOW_SECONDS: '90' }).env).toEqual({ NODE_ENV: 'development' });
  });
});
