import { InitialSchema1764200000000 } from './1764200000000-initial-schema';

/** Every migration of the returns database, oldest first. */
export const migrations = [InitialSchema1764200000000];
