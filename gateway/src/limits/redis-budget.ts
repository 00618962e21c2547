import { logger } from "@partnergraph/kit";
import Redis from "ioredis";
import { answerFor, Budget, BudgetAnswer, LocalBudget } from "./leaky-bucket";

/**
 * The leaky bucket in one atomic step on the Redis server, on the server's clock (replicas' clocks may differ):
 * leak what has leaked since the last request, admit the cost if it fits, keep the bucket only as long as it takes
 * to leak empty. Returns whether it was admitted and the level after.
 */
const TAKE_SCRIPT = `
local perMinute = tonumber(ARGV[1])
local cost = tonumber(ARGV[2])
local perMs = perMinute / 60000
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local state = redis.call('HMGET', KEYS[1], 'level', 'at')
local level = tonumber(state[1]) or 0
local at = tonumber(state[2]) or now
level = math.max(0, level - math.max(0, now - at) * perMs)
local allowed = 0
if level + cost <= perMinute then
  level = level + cost
  allowed = 1
end
redis.call('HSET', KEYS[1], 'level', tostring(level), 'at', tostring(now))
redis.call('PEXPIRE', KEYS[1], math.ceil(level / perMs) + 1000)
return { allowed, tostring(level) }
`;

type TakeCommand = (key: string, perMinute: number, cost: number) => Promise<[number, string]>;

/**
 * One budget for every gateway replica, kept in Redis. While Redis cannot answer (down, or slower than
 * `timeoutMs`), each replica answers from its own in-process buckets and says so in its log once; requests never
 * fail for it.
 */
export class RedisBudget implements Budget {
  private readonly redis: Redis;
  private readonly fallback: LocalBudget;
  private degraded = false;

  constructor(
    redisUrl: string,
    private readonly keyPrefix: string,
    private readonly perMinute: number,
    timeoutMs = 250,
  ) {
    this.fallback = new LocalBudget(perMinute);
    // No offline queue: while Redis is away a request is answered from the fallback at once, not held.
    this.redis = new Redis(redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 0, commandTimeout: timeoutMs });
    this.redis.on("error", (error: Error) => this.fellBack(error));
    this.redis.defineCommand("takeBudget", { numberOfKeys: 1, lua: TAKE_SCRIPT });
  }

  async take(key: string, cost: number): Promise<BudgetAnswer> {
    try {
      const take = (this.redis as unknown as { takeBudget: TakeCommand }).takeBudget.bind(this.redis);
      const [allowed, level] = await take(`${this.keyPrefix}rate:${key}`, this.perMinute, cost);
      if (this.degraded) {
        this.degraded = false;
        logger.warn("redis answers again: the rate limit budget is shared by every gateway again");
      }
      return answerFor(allowed === 1, Number(level), cost, this.perMinute);
    } catch (error) {
      this.fellBack(error as Error);
      return this.fallback.takeNow(key, cost);
    }
  }

  async stop(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }

  private fellBack(error: Error) {
    if (this.degraded) return;
    this.degraded = true;
    logger.warn("redis does not answer: each gateway keeps its own rate limit budget until it does", {
      error: error.message,
    });
  }
}
