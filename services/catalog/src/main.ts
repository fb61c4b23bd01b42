import 'reflect-metadata';
import { runSubgraph } from '@sc/service';
import { AppModule } from './app.module';

runSubgraph('catalog', (config) => AppModule.register(config));
