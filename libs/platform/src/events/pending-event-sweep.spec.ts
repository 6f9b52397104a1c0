import type { Logger } from '@nestjs/common';
import { startPendingEventSweep } from './pending-event-sweep';

const logger = { warn: jest.fn() } as unknown as Logger;

describe('startPendingEventSweep', () => {
  it('sweeps at once and again at every interval, logging a failed sweep and carrying on', async () => {
    let sweeps = 0;
    const sweep = startPendingEventSweep(
      async () => {
        sweeps++;
        if (sweeps === 1) throw new Error('NATS unreachable');
      },
      logger,
      20,
    );
    // Waits for the third sweep rather than a fixed 70 ms: on a busy machine timers fire late, not never.
    const deadline = Date.now() + 5000;
    while (sweeps < 3 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
    await sweep.stop();

    expect(sweeps).toBeGreaterThanOrEqual(3);
    expect(logger.warn).toHaveBeenCalledWith('republishing pending events failed: Error: NATS unreachable');
  });

  it('never runs two sweeps at once, and stop() waits for the one in progress', async () => {
    let active = 0;
    let maxActive = 0;
    let finished = 0;
    const sweep = startPendingEventSweep(
      async () => {
        active++;
        maxActive = Math.max(maxActive, active);
        await new Promise((resolve) => setTimeout(resolve, 50));
        active--;
        finished++;
      },
      logger,
      5,
    );
    await new Promise((resolve) => setTimeout(resolve, 30));
    await sweep.stop();

    expect(maxActive).toBe(1);
    expect(finished).toBe(1);
  });
});
