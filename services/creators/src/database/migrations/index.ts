import { InitialSchema1764100000000 } from './1764100000000-initial-schema';

/** Every migration of the creators database, oldest first. */
export const migrations = [InitialSchema1764100000000];
