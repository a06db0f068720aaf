import type { AppConfig } from '@msc/config';
import type { DataSourceOptions, MixedList } from 'typeorm';
import { SnakeNamingStrategy } from './snake-naming.strategy.js';

type EntityList = DataSourceOptions['entities'];
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export type MigrationList = MixedList<Function | string>;

export type DataSourceConfig = Pick<
  AppConfig,
  | 'DATABASE_URL'
  | 'DATABASE_POOL_SIZE'
  | 'DATABASE_CONNECT_TIMEOUT_MS'
  | 'DATABASE_STATEMENT_TIMEOUT_MS'
>;

/** The one set of connection options, shared by the app, the CLI and the tests. */
export function dataSourceOptions(
  config: DataSourceConfig,
  entities: EntityList,
  migrations: MigrationList,
): DataSourceOptions {
  return {
    type: 'postgres',
    url: config.DATABASE_URL,
    entities,
    migrations,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    // The migrations own the schema: no CREATE EXTENSION at connect for the entities' generated
    // uuid columns (their default, gen_random_uuid(), is built into PostgreSQL 13 and later).
    installExtensions: false,
    uuidExtension: 'pgcrypto',
    migrationsRun: false,
    namingStrategy: new SnakeNamingStrategy(),
    logging: ['error', 'warn'],
    extra: {
      max: config.DATABASE_POOL_SIZE,
      connectionTimeoutMillis: config.DATABASE_CONNECT_TIMEOUT_MS,
      statement_timeout: config.DATABASE_STATEMENT_TIMEOUT_MS,
      idleTimeoutMillis: 30_000,
      application_name: 'msc-pathway',
    },
  };
}
