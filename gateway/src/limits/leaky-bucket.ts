/** What a budget said about one request: admitted or not, and what the RateLimit-* headers tell the client. */
export interface BudgetAnswer {
  allowed: boolean;
  /** The budget: cost per minute. */
  limit: number;
  /** What the caller may still spend at once. */
  remaining: number;
  /** Seconds until the bucket is empty again (the whole budget available). */
  resetSeconds: number;
  /** When refused: seconds until this request's cost fits. */
  retryAfterSeconds: number;
}

export interface Budget {
  /** Charges `cost` to `key` if it fits in what the key's bucket holds; a refused request is not charged. */
  take(key: string, cost: number): Promise<BudgetAnswer>;
  stop(): Promise<void>;
}

/** The figures of an answer once the bucket holds `level` (what has been spent and has not leaked yet). */
export function answerFor(allowed: boolean, level: number, cost: number, perMinute: number): BudgetAnswer {
  const perSecond = perMinute / 60;
  return {
    allowed,
    limit: perMinute,
    remaining: Math.max(0, Math.floor(perMinute - level)),
    resetSeconds: Math.ceil(level / perSecond),
    retryAfterSeconds: allowed ? 0 : Math.max(1, Math.ceil((level + cost - perMinute) / perSecond)),
  };
}

interface Bucket {
  level: number;
  updatedAt: number;
}

/**
 * A leaky bucket per key, in this process: each key may hold `perMinute` of cost, and what it spent leaks away at
 * `perMinute` a minute. Buckets that have leaked empty are forgotten, so keys (client addresses) cannot pile up.
 */
export class LocalBudget implements Budget {
  private readonly buckets = new Map<string, Bucket>();
  private readonly perMs: number;
  private sweptAt = 0;

  constructor(
    private readonly perMinute: number,
    private readonly now: () => number = Date.now,
  ) {
    this.perMs = perMinute / 60_000;
  }

  async take(key: string, cost: number): Promise<BudgetAnswer> {
    return this.takeNow(key, cost);
  }

  takeNow(key: string, cost: number): BudgetAnswer {
    const now = this.now();
    const bucket = this.buckets.get(key) ?? { level: 0, updatedAt: now };
    bucket.level = Math.max(0, bucket.level - (now - bucket.updatedAt) * this.perMs);
    bucket.updatedAt = now;
    const allowed = bucket.level + cost <= this.perMinute;
    if (allowed) bucket.level += cost;
    this.buckets.set(key, bucket);
    if (this.buckets.size > 10_000 && now - this.sweptAt > 1_000) this.forgetEmpty(now);
    return answerFor(allowed, bucket.level, cost, this.perMinute);
  }

  async stop(): Promise<void> {}

  private forgetEmpty(now: number) {
    this.sweptAt = now;
    for (const [key, bucket] of this.buckets) {
      if (bucket.level - (now - bucket.updatedAt) * this.perMs <= 0) this.buckets.delete(key);
    }
  }
}
