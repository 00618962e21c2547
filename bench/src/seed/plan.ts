import { base32, Random } from "./random";

/** Every volume of a scale data set (totals), the seed that makes it reproducible, and its "now". */
export interface ScaleOptions {
  seed: number;
  partners: number;
  customers: number;
  trials: number;
  entitlements: number;
  tickets: number;
  notifications: number;
  orders: number;
  deals: number;
  goals: number;
  /** The instant the data set is "now" for (orders reach two years back from it, trials run around it). */
  anchor: Date;
}

/** Volumes not given follow the customers (and partners): ~1M entitlements and trials, ~1M tickets, ~2M notifications. */
const PER_CUSTOMER = { trials: 5, entitlements: 5, tickets: 10, notifications: 20, orders: 2 } as const;
const PER_PARTNER = { deals: 50, goals: 3 } as const;

/** The partners the benchmark asks for, by the customers they have: the first three partners of every data set. */
export const BENCH_PARTNER_SIZES = { large: 5000, medium: 1000, small: 50 } as const;
export type BenchPartnerSize = keyof typeof BENCH_PARTNER_SIZES;

/** The start of the current UTC month: runs within a month make the same rows. */
export function defaultAnchor(now = new Date()): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
}

export function scaleOptions(given: Partial<ScaleOptions> = {}): ScaleOptions {
  const partners = given.partners ?? 1000;
  const customers = given.customers ?? 100_000;
  const options: ScaleOptions = {
    seed: given.seed ?? 1,
    partners,
    customers,
    trials: given.trials ?? PER_CUSTOMER.trials * customers,
    entitlements: given.entitlements ?? PER_CUSTOMER.entitlements * customers,
    tickets: given.tickets ?? PER_CUSTOMER.tickets * customers,
    notifications: given.notifications ?? PER_CUSTOMER.notifications * customers,
    orders: given.orders ?? PER_CUSTOMER.orders * customers,
    deals: given.deals ?? PER_PARTNER.deals * partners,
    goals: given.goals ?? PER_PARTNER.goals * partners,
    anchor: given.anchor ?? defaultAnchor(),
  };
  for (const [name, value] of Object.entries(options)) {
    if (name !== "anchor" && (!Number.isInteger(value) || (value as number) < 0))
      throw new Error(`--${name} must be a whole number ≥ 0, got ${String(value)}`);
  }
  if (options.seed > 1023) throw new Error("--seed must be between 0 and 1023");
  if (options.partners < 3) throw new Error("--partners must be at least 3 (the benchmark's three partners)");
  if (options.customers < 1) throw new Error("--customers must be at least 1");
  if (options.entitlements > 7 * customers) throw new Error("--entitlements: at most 7 per customer (one per service)");
  return options;
}

export interface PartnerPlan {
  index: number;
  id: string;
  name: string;
  /** Indexes into Plan.customers. */
  customers: number[];
  adminUserId: string;
  adminEmail: string;
}

export interface CustomerPlan {
  index: number;
  id: string;
  name: string;
  country: string;
  /** Indexes into Plan.partners: the partners it is ACTIVE-connected to. */
  partners: number[];
  adminUserId: string;
  adminEmail: string;
}

export interface Plan {
  options: ScaleOptions;
  partners: PartnerPlan[];
  customers: CustomerPlan[];
  vendorAdminEmail: string;
  vendorAdminUserId: string;
}

const WORDS = {
  first: ["Blue", "North", "Silver", "Bright", "Harbor", "Summit", "Cedar", "Iron", "Prairie", "Coastal", "Granite"],
  second: ["Ridge", "Field", "Stone", "Bridge", "Valley", "River", "Peak", "Grove", "Point", "Lake", "Forge", "Wind"],
  kind: ["Logistics", "Health", "Foods", "Labs", "Retail", "Energy", "Systems", "Media", "Capital", "Works"],
  partnerKind: ["IT Partners", "Solutions", "Consulting", "Networks", "Cloud Services", "Integrators"],
  country: ["US", "US", "US", "DE", "GB", "FR", "CA", "AU", "NL", "JP", "BR", "IN"],
} as const;

/** A seed's id for an entity kind: `ORG-` + seed (2) + kind letter + index (7) is an ORGID (10 characters). */
export function seedId(prefix: string, seed: number, kind: string, index: number, width = 7): string {
  return `${prefix}-${base32(seed, 2)}${kind}${base32(index, width)}`;
}

/** The people of an organization: a partner has up to 16 (the first its administrator), a customer up to 4. */
export const PARTNER_PEOPLE = 16;
export const CUSTOMER_PEOPLE = 4;
export const partnerUserId = (seed: number, partner: number, person: number) =>
  seedId("USR", seed, "P", partner * PARTNER_PEOPLE + person, 8);
export const customerUserId = (seed: number, customer: number, person: number) =>
  seedId("USR", seed, "C", customer * CUSTOMER_PEOPLE + person, 8);

/**
 * How many customers each partner has: the benchmark's 5,000, 1,000 and 50 first; then a few more with
 * 5,000 and some with 1,000; then a long tail (Pareto weights, at least 5, most in the tens) sharing what
 * is left of the customers, so that most customers have one partner.
 */
export function partnerSizes(partners: number, customers: number, random: Random): number[] {
  const fixed = [BENCH_PARTNER_SIZES.large, BENCH_PARTNER_SIZES.medium, BENCH_PARTNER_SIZES.small];
  const extraLarge = Math.max(0, Math.floor(partners / 250) - 1);
  const extraMedium = Math.max(0, Math.floor(partners / 100) - 1);
  for (let i = 0; i < extraLarge && fixed.length < partners; i++) fixed.push(BENCH_PARTNER_SIZES.large);
  for (let i = 0; i < extraMedium && fixed.length < partners; i++) fixed.push(BENCH_PARTNER_SIZES.medium);
  const sizes = fixed.map((size) => Math.min(size, customers));
  const tail = partners - sizes.length;
  if (tail === 0) return sizes;
  const weights = Array.from({ length: tail }, () => Math.pow(1 - random.next(), -1 / 1.3));
  const total = weights.reduce((a, b) => a + b, 0);
  const left = Math.max(tail * 10, customers - sizes.reduce((a, b) => a + b, 0));
  for (const weight of weights) sizes.push(Math.min(customers, 2000, Math.max(5, Math.round((left * weight) / total))));
  return sizes;
}

/** `total` spread over `n` buckets, each at most `max`: pairs move a random share between them, so the sum stays exact. */
export function spread(total: number, n: number, max: number, random: Random): Uint8Array | Uint16Array {
  const counts = max <= 255 ? new Uint8Array(n) : new Uint16Array(n);
  if (n === 0) return counts;
  const base = Math.floor(total / n);
  let remainder = total - base * n;
  for (let i = 0; i < n; i++) counts[i] = Math.min(max, base + (remainder-- > 0 ? 1 : 0));
  for (let i = 0; i + 1 < n; i += 2) {
    const room = Math.min(counts[i + 1], max - counts[i]);
    const moved = random.int(0, Math.max(0, room));
    counts[i] += moved;
    counts[i + 1] -= moved;
  }
  return counts;
}

export function sumOf(counts: ArrayLike<number>): number {
  let total = 0;
  for (let i = 0; i < counts.length; i++) total += counts[i];
  return total;
}

/** The organizations and people of a data set and who is connected to whom: everything the tables are made from. */
export function buildPlan(options: ScaleOptions): Plan {
  const random = new Random(options.seed, "plan");
  const { seed } = options;
  const customers: CustomerPlan[] = Array.from({ length: options.customers }, (_, index) => {
    const id = seedId("ORG", seed, "C", index);
    return {
      index,
      id,
      name: `${random.pick(WORDS.first)} ${random.pick(WORDS.second)} ${random.pick(WORDS.kind)} ${base32(index, 4)}`,
      country: random.pick(WORDS.country),
      partners: [],
      adminUserId: customerUserId(seed, index, 0),
      adminEmail: `admin@${id.toLowerCase()}.bench.example`,
    };
  });
  const sizes = partnerSizes(options.partners, options.customers, random);
  // Customers are dealt out in a shuffled order, wrapping when the partners' customers outnumber them.
  const order = random.shuffle(Array.from({ length: options.customers }, (_, i) => i));
  let next = 0;
  const partners: PartnerPlan[] = sizes.map((size, index) => {
    const id = seedId("ORG", seed, "P", index);
    const mine: number[] = [];
    for (let k = 0; k < size; k++) {
      const customer = order[next++ % order.length];
      mine.push(customer);
      customers[customer].partners.push(index);
    }
    return {
      index,
      id,
      name: `${random.pick(WORDS.first)} ${random.pick(WORDS.second)} ${random.pick(WORDS.partnerKind)} ${base32(index, 3)}`,
      customers: mine,
      adminUserId: partnerUserId(seed, index, 0),
      adminEmail: `admin@${id.toLowerCase()}.bench.example`,
    };
  });
  return {
    options,
    partners,
    customers,
    vendorAdminEmail: `ops-${seed}@vendor.bench.example`,
    vendorAdminUserId: seedId("USR", seed, "V", 0, 8),
  };
}

/** The partner the benchmark uses for a size (the first three partners are 5,000, 1,000 and 50 customers). */
export function benchPartner(plan: Plan, size: BenchPartnerSize): PartnerPlan {
  return plan.partners[["large", "medium", "small"].indexOf(size)];
}

/** Days as milliseconds, and instants relative to the anchor. */
export const DAY_MS = 86_400_000;
export const daysFrom = (anchor: Date, days: number) => new Date(anchor.getTime() + days * DAY_MS);
