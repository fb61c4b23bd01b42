import path from 'node:path';
import { ManagedProcess, findFreePort, waitForHealth } from '@sc/stack';
import { runLoad } from './run-load';

/** node:http hello world throughput on this machine (closed loop, c=4 and c=10): the machine-speed constant. */
export async function calibrate(durationS: number, logDir: string): Promise<{ c4Rps: number; c10Rps: number; c1P50Ms: number }> {
  const port = await findFreePort();
  const server = new ManagedProcess(
    'hello-world',
    process.execPath,
    ['-e', `require('node:http').createServer((req, res) => { req.resume(); req.on('end', () => res.end('hello')); }).listen(${port}, '127.0.0.1')`],
    { ...process.env, NODE_ENV: 'production' },
    path.join(logDir, 'hello-world.log'),
  );
  try {
    await waitForHealth(`http://127.0.0.1:${port}/`, server);
    const target = { url: `http://127.0.0.1:${port}/`, next: () => ({ body: '{}', headers: {} }) };
    const c1 = await runLoad(target, { durationS: Math.max(1, Math.round(durationS / 2)), connections: 1 });
    const c4 = await runLoad(target, { durationS, connections: 4 });
    const c10 = await runLoad(target, { durationS, connections: 10 });
    return { c4Rps: c4.rps, c10Rps: c10.rps, c1P50Ms: c1.p50 };
  } finally {
    await server.stop();
  }
}
