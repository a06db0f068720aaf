import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { loadConfig } from '@msc/config';
import { dataSourceOptions } from '@msc/db';
import { migrations } from '@msc/migrations';
import { allEntities } from './entities.js';

/** The DataSource of the TypeORM CLI: the same options the app uses, with every entity listed. */
export default new DataSource(dataSourceOptions(loadConfig(), allEntities, migrations));
