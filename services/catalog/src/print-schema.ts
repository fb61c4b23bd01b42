import 'reflect-metadata';
import { runPrintSchema } from '@sc/service';
import { AppModule } from './app.module';

runPrintSchema('catalog', (config) => AppModule.register(config));
