import 'reflect-metadata';
import { runPrintSchema } from '@sc/service';
import { AppModule } from './app.module';

runPrintSchema('marketing', (config) => AppModule.register(config));
