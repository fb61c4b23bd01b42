import { Writable } from 'node:stream';
import { addLogContextSource, configureLogging, logger, withLogContext } from './logger';

function capture(): { lines: () => Array<Record<string, unknown>>; stream: Writable } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      chunks.push(String(chunk));
      done();
    },
  });
  return {
    stream,
    lines: () =>
      chunks
        .join('')
        .trim()
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line)),
  };
}

describe('structured logging', () => {
  it('writes one JSON line with service, component, ISO time and the level name', () => {
    const out = capture();
    const log = logger('relay');
    configureLogging('orders', out.stream);
    log.warn({ attempt: 2 }, 'retrying');
    const [line] = out.lines();
    expect(line).toMatchObject({ level: 'warn', service: 'orders', component: 'relay', attempt: 2, msg: 'retrying' });
    expect(new Date(line.time as string).toISOString()).toBe(line.time);
  });

  it('adds the correlation id of the work in progress to every line, from a scope or a registered source', async () => {
    const out = capture();
    configureLogging('catalog', out.stream);
    const log = logger('consumer');
    let requestCorrelation: string | undefined;
    addLogContextSource(() => (requestCorrelation ? { correlationId: requestCorrelation } : undefined));
    await withLogContext({ correlationId: 'cor-event', eventId: 'evt-1' }, async () => {
      await Promise.resolve();
      log.info('applied');
    });
    requestCorrelation = 'cor-request';
    log.info('served');
    requestCorrelation = undefined;
    log.info('idle');
    expect(out.lines().map((l) => [l.msg, l.correlationId, l.eventId])).toEqual([
      ['applied', 'cor-event', 'evt-1'],
      ['served', 'cor-request', undefined],
      ['idle', undefined, undefined],
    ]);
  });

  it('serializes an error with its stack only when one is passed', () => {
    const out = capture();
    configureLogging('returns', out.stream);
    logger('x').error({ err: new Error('boom') }, 'unexpected');
    logger('x').info({ code: 'NOT_FOUND' }, 'refused');
    const [unexpected, refused] = out.lines();
    expect((unexpected.err as { stack: string }).stack).toContain('boom');
    expect(refused).not.toHaveProperty('err');
    expect(JSON.stringify(refused)).not.toContain('stack');
  });
});
