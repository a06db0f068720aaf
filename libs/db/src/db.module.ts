import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '@msc/config';
import { migrations } from '@msc/migrations';
import { dataSourceOptions } from './data-source-options.js';
import { Outbox } from './outbox.js';
import { OutboxMessage } from './outbox.entity.js';
import { TransactionHost } from './transaction-host.js';

/** The one DataSource (entities registered by each domain module), transactions and the outbox. */
@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        ...dataSourceOptions(config, [OutboxMessage], migrations),
        autoLoadEntities: true,
      }),
    }),
  ],
  providers: [TransactionHost, Outbox],
  exports: [TransactionHost, Outbox],
})
export class DbModule {}
