import 'reflect-metadata';
import { runPrintSchema } from '@sc/service';
import { AppModule } from './app.module';

runPrintSchema('orders', (config) => AppModule.register(config));
