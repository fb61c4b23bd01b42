import { InitialSchema1764200000000 } from './1764200000000-initial-schema';
import { Refunds1764400000000 } from './1764400000000-refunds';
import { ShippedAndCancelledUnits1764480000000 } from './1764480000000-shipped-and-cancelled-units';
import { CurrentLineShares1764490000000 } from './1764490000000-current-line-shares';

/** Every migration of the returns database, oldest first. */
export const migrations = [InitialSchema1764200000000, Refunds1764400000000, ShippedAndCancelledUnits1764480000000, CurrentLineShares1764490000000];
