import 'reflect-metadata';
import { runMigrateCli } from '@sc/service';
import { entities } from './entities';
import { migrations } from './migrations';

runMigrateCli({ serviceName: 'marketing', entities, migrations });
