import 'reflect-metadata';
import { runMigrateCli } from '@sc/service';
import { entities } from './entities';
import { migrations } from './migrations';

runMigrateCli({ serviceName: 'marketing', entities, migrations }).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
