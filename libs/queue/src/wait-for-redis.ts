import { Redis } from 'ioredis';

/**
 * Waits until Redis answers a PING, retrying once a second; throws naming the URL when it has not
 * answered within `timeoutMs`, so that a process never hangs at boot on an unreachable Redis.
 */
export async function waitForRedis(url: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    const client = new Redis(url, {
      lazyConnect: true,
      connectTimeout: 2000,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
    });
    client.on('error', () => undefined);
    try {
      await client.connect();
      await client.ping();
      return;
    } catch (error) {
      lastError = error;
    } finally {
      client.disconnect();
    }
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  const safeUrl = url.replace(/\/\/[^@/]*@/, '//***@');
  throw new Error(
    `Redis at ${safeUrl} (REDIS_URL) did not answer within ${timeoutMs / 1000} s: ${String(lastError)}`,
  );
}
