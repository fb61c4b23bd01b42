import 'reflect-metadata';
import { runPrintSchema } from '@sc/service';
import { AppModule } from './app.module';

runPrintSchema('creators', (config) => AppModule.register(config));
