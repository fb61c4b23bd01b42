import 'reflect-metadata';
import { createDataSource } from '@sc/db';
import { entities } from './entities';
import { migrations } from './migrations';

/** For the TypeORM CLI (`typeorm migration:generate -d dist/services/returns/src/database/data-source.js`). */
export default createDataSource({
  url: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/sc_returns',
  entities,
  migrations,
  applicationName: 'returns-cli',
});
