import 'reflect-metadata';
import { runSubgraph } from '@sc/service';
import { AppModule } from './app.module';

runSubgraph('returns', (config) => AppModule.register(config));
