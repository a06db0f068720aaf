import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { loadConfig } from '@msc/config';
import { dataSourceOptions, ensureDatabase, migrateWithLock } from '@msc/db';
import { migrations } from '@msc/migrations';

const command = process.argv[2] ?? 'run';
const config = loadConfig();
await ensureDatabase(config.DATABASE_URL);
const dataSource = new DataSource(dataSourceOptions(config, [], migrations));
await dataSource.initialize();
try {
  if (command === 'run') {
    const applied = await migrateWithLock(dataSource);
    console.log(applied.length ? `applied: ${applied.join(', ')}` : 'the database is up to date');
  } else if (command === 'revert') {
    await dataSource.undoLastMigration({ transaction: 'each' });
    console.log('reverted the last migration');
  } else {
    console.error(`unknown command "${command}"; use run or revert`);
    process.exitCode = 2;
  }
} finally {
  await dataSource.destroy();
}
