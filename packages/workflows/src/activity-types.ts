import type { Activities } from '@rewind/activities';

// type-only: workflows must never load activity code (it does I/O), only its signatures
export type { Activities };
