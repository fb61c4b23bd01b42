import 'reflect-metadata';
import { runSubgraph } from '@sc/service';
import { AppModule } from './app.module';

runSubgraph('creators', (config) => AppModule.register(config));
