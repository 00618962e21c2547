import { createHash } from "node:crypto";

/**
 * A small seeded generator (mulberry32): the same seed and stream name give the same numbers on every
 * machine, so a scale data set is reproducible. Each table draws from its own stream, so changing one
 * volume does not reshuffle the others.
 */
export class Random {
  private state: number;

  constructor(seed: number, stream: string) {
    this.state = createHash("sha256").update(`${seed}:${stream}`).digest().readUInt32LE(0);
  }

  /** A float in [0, 1). */
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) | 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  /** Fisher–Yates, in place. */
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [items[i], items[j]] = [items[j], items[i]];
    }
    return items;
  }
}

// Crockford base32 (the alphabet of kit's newId): its characters sort in the order of the numbers they write.
const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/** `n` in base32, left-padded to `width` characters. */
export function base32(n: number, width: number): string {
  let out = "";
  for (let i = 0; i < width; i++) {
    out = ALPHABET[n % 32] + out;
    n = Math.floor(n / 32);
  }
  if (n > 0) throw new Error(`number too large for ${width} base32 characters`);
  return out;
}
