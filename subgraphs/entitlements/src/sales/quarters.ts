/** A half-open UTC period [start, end). */
export interface Period {
  start: Date;
  end: Date;
}

/** One calendar quarter of a rolling comparison, with the same quarter a year before. */
export interface QuarterWindow {
  quarter: string;
  period: Period;
  previousYear: Period;
}

const quarterIndex = (d: Date) => d.getUTCFullYear() * 4 + Math.floor(d.getUTCMonth() / 3);
const quarterStart = (index: number) => new Date(Date.UTC(Math.floor(index / 4), (index % 4) * 3, 1));
const label = (index: number) => `${Math.floor(index / 4)}-Q${(index % 4) + 1}`;

/** The UTC calendar day of `now`. */
export function today(now: Date): Period {
  const start = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  return { start, end: new Date(start.getTime() + 86_400_000) };
}

/** The UTC calendar quarter of `now`, from its first day to the quarter's end. */
export function currentQuarter(now: Date): Period {
  const index = quarterIndex(now);
  return { start: quarterStart(index), end: quarterStart(index + 1) };
}

/**
 * The last `last` UTC calendar quarters up to and including the one of `now`, oldest first,
 * each with the same quarter a year before: now = 2027-01-15, last = 4 → 2026-Q2 … 2027-Q1.
 */
export function quarterWindows(now: Date, last: number): QuarterWindow[] {
  const current = quarterIndex(now);
  return Array.from({ length: last }, (_, i) => {
    const index = current - last + 1 + i;
    return {
      quarter: label(index),
      period: { start: quarterStart(index), end: quarterStart(index + 1) },
      previousYear: { start: quarterStart(index - 4), end: quarterStart(index - 3) },
    };
  });
}
