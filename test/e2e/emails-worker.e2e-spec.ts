import 'reflect-metadata';
import { Test } from '@nestjs/testing';
import { PlatformModule } from '@msc/server';
import { AppConfig, loadConfig } from '@msc/config';
import { PASSWORD_RESET_MINTER } from '@msc/domain/identity';
import { EmailLinkMinters } from '@msc/domain/notifications';
import { ensureWorkerDatabase, testRun } from '@msc/testing';

describe('a worker-only process and secret e-mail links (e2e)', () => {
  it('should be able to make the link of a password-reset e-mail (PROCESS_ROLE=worker)', async () => {
    const config = loadConfig({
      NODE_ENV: 'test',
      PROCESS_ROLE: 'worker',
      DATABASE_URL: await ensureWorkerDatabase(),
      REDIS_URL: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379',
      REDIS_PREFIX: `msc-test-${testRun()}-worker-only-${process.env.JEST_WORKER_ID ?? '1'}`,
      LOG_LEVEL: 'silent',
      DATA_DIR: `/tmp/msc-test-data/${testRun()}-worker-only`,
    });
    const moduleRef = await Test.createTestingModule({
      imports: [PlatformModule.forRole('worker')],
    })
      .overrideProvider(AppConfig)
      .useValue(config)
      .compile();
    await moduleRef.init();
    try {
      const minters = moduleRef.get(EmailLinkMinters, { strict: false });
      expect(() => minters.get(PASSWORD_RESET_MINTER)).not.toThrow();
    } finally {
      await moduleRef.close();
    }
  });
});
