import 'reflect-metadata';
import { runSubgraph } from '@sc/service';
import { AppModule } from './app.module';

runSubgraph('orders', (config) => AppModule.register(config));
