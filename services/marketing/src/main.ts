import 'reflect-metadata';
import { runSubgraph } from '@sc/service';
import { AppModule } from './app.module';

runSubgraph('marketing', (config) => AppModule.register(config));
