import { v7 as uuidv7 } from 'uuid';

/**
 * Ids for seeded data (the demo company): UUID v7 counting up from a fixed instant, their
 * random part drawn from the seeded source the data is drawn from, so every new demo book
 * holds the same rows with the same ids.
 */
export function seededIds(random: () => number, startMs: number): () => string {
  let seq = 0;
  return () => uuidv7({ msecs: startMs + seq++, random: Uint8Array.from({ length: 16 }, () => Math.floor(random() * 256)) });
}
