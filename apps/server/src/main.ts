import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { createHttpApp } from '@msc/api';
import { loadConfigOrExit } from '@msc/config';
import { prepareDatabase } from '@msc/db';
import { IdentityService } from '@msc/domain/identity';
import { migrations } from '@msc/migrations';
import { waitForRedis } from '@msc/queue';
import { PlatformModule } from './platform.module.js';

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const database = await prepareDatabase(config, migrations);
  if (database.created) console.log('created the database');
  if (database.applied.length) console.log(`applied migrations: ${database.applied.join(', ')}`);
  await waitForRedis(config.REDIS_URL);
  const root = PlatformModule.forRole(config.PROCESS_ROLE);
  if (!config.runsApi) {
    const context = await NestFactory.createApplicationContext(root, { bufferLogs: true });
    context.useLogger(context.get(Logger));
    context.enableShutdownHooks();
    await context.init();
    context.get(Logger).log(`worker started; links in e-mails carry ${config.PUBLIC_BASE_URL}`);
    return;
  }
  const app = await createHttpApp(root, config);
  if (config.ADMIN_EMAIL && config.ADMIN_PASSWORD) {
    const outcome = await app
      .get(IdentityService)
      .bootstrapAdmin(config.ADMIN_EMAIL, config.ADMIN_PASSWORD);
    app.get(Logger).log(`first admin ${config.ADMIN_EMAIL}: ${outcome}`);
  }
  await app.listen({ port: config.PORT, host: config.HOST });
  app
    .get(Logger)
    .log(
      `${config.PROCESS_ROLE === 'all' ? 'API and worker' : 'API'} listening on ${await app.getUrl()}; ` +
        `links in e-mails and signed credentials carry ${config.PUBLIC_BASE_URL}`,
    );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
