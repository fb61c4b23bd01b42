import 'reflect-metadata';
import { runPrintSchema } from '@sc/service';
import { AppModule } from './app.module';

runPrintSchema('returns', (config) => AppModule.register(config));
