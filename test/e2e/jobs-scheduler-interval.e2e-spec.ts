import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { upsertEveryScheduler } from '@msc/queue';
import { testRun } from '@msc/testing';

const SCHEDULER = 'every-scheduler-under-test';
const OLD_EVERY_MS = 300_000;
const OLD_OFFSET_MS = 216_417;
const NEW_EVERY_MS = 1_000;

/**
 * A job scheduler whose interval changes between deployments (RECONCILE_INTERVAL_SECONDS from 300
 * to 1): the new interval holds from the next run on, not up to the old interval later.
 */
describe('an every-scheduler whose interval changed (e2e, real Redis)', () => {
  let connection: Redis;
  let queue: Queue;

  beforeEach(async () => {
    connection = new Redis(process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379', {
      maxRetriesPerRequest: null,
    });
    queue = new Queue(`scheduler-${Date.now()}-${Math.random().toString(36).slice(2)}`, {
      connection,
      prefix: `msc-test-${testRun()}-schedulers`,
    });
    // What the earlier deployment left: its interval, its offset, its next run still waiting.
    await queue.upsertJobScheduler(
      SCHEDULER,
      { every: OLD_EVERY_MS, offset: OLD_OFFSET_MS },
      { name: 'tick', data: {} },
    );
  });
  afterEach(async () => {
    await queue.obliterate({ force: true });
    await queue.close();
    connection.disconnect();
  });

  it('should store the new interval with an offset inside it', async () => {
    await upsertEveryScheduler(queue, SCHEDULER, NEW_EVERY_MS, { name: 'tick', data: {} });

    const stored = await queue.getJobScheduler(SCHEDULER);
    expect(stored).toMatchObject({ every: NEW_EVERY_MS });
    expect(stored!.offset ?? 0).toBeLessThan(NEW_EVERY_MS);
    expect(await queue.getJobSchedulersCount()).toBe(1);
  });

  it('should plan the run after missed ones within the new interval, not the old offset', async () => {
    await upsertEveryScheduler(queue, SCHEDULER, NEW_EVERY_MS, { name: 'tick', data: {} });
    // No worker for a while: the runs of the next two intervals are missed (time itself is the
    // scenario here). A worker coming back upserts again (the same interval, so in place) and runs
    // the overdue job; the run BullMQ plans after it must be due within one interval.
    await new Promise((resolve) => setTimeout(resolve, 2.5 * NEW_EVERY_MS));
    await upsertEveryScheduler(queue, SCHEDULER, NEW_EVERY_MS, { name: 'tick', data: {} });
    const workerConnection = connection.duplicate();
    const worker = new Worker(queue.name, async () => 'done', {
      connection: workerConnection,
      prefix: `msc-test-${testRun()}-schedulers`,
    });
    try {
      await new Promise((resolve) => worker.once('completed', resolve));
      const stored = await queue.getJobScheduler(SCHEDULER);
      expect(stored!.next! - Date.now()).toBeLessThanOrEqual(NEW_EVERY_MS);
    } finally {
      await worker.close();
      workerConnection.disconnect();
    }
    expect(await queue.getJobSchedulersCount()).toBe(1);
  });

  it('should leave a scheduler stored with the same interval in place', async () => {
    await upsertEveryScheduler(queue, SCHEDULER, NEW_EVERY_MS, { name: 'tick', data: {} });
    const before = await queue.getJobScheduler(SCHEDULER);
    await upsertEveryScheduler(queue, SCHEDULER, NEW_EVERY_MS, { name: 'tick', data: {} });

    const after = await queue.getJobScheduler(SCHEDULER);
    expect(after!.next).toBe(before!.next);
    expect(after!.offset).toBe(before!.offset);
    expect(await queue.getJobs(['delayed', 'wait'])).toHaveLength(1);
  });
});
