import { GraphQLError, GraphQLScalarType, Kind } from "graphql";

/**
 * An exact amount of money in major units, as a decimal string with two places ("1234.50").
 * Stored as integer minor units (cents); a string, because a float cannot hold every amount exactly.
 * Input: such a string, or a number with at most two decimals. An input that is not one becomes NaN
 * for the input's validation to refuse naming its field (a scalar that throws while variables are
 * coerced answers HTTP 400, which the gateway can only report as an internal error).
 */
export const MoneyScalar = new GraphQLScalarType<number, string>({
  name: "Money",
  description: 'An exact amount in major units of the currency, as a decimal string with two places, e.g. "1234.50"',
  serialize: (cents) => formatCents(cents as number),
  parseValue: (value) => parseMoney(value),
  parseLiteral: (ast) =>
    ast.kind === Kind.STRING || ast.kind === Kind.FLOAT || ast.kind === Kind.INT ? parseMoney(ast.value) : NaN,
});

export function formatCents(cents: number): string {
  if (!Number.isSafeInteger(cents)) throw new GraphQLError("Money out of range");
  const sign = cents < 0 ? "-" : "";
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, "0")}`;
}

/** "12.5" → 1250 cents; more than two decimals or anything else → NaN (refused by the input's validation). */
export function parseMoney(value: unknown): number {
  const text = typeof value === "number" ? String(value) : value;
  if (typeof text !== "string" || !/^-?\d{1,13}(\.\d{1,2})?$/.test(text.trim())) return NaN;
  const [whole, fraction = ""] = text.trim().replace("-", "").split(".");
  const cents = Number(whole) * 100 + Number(fraction.padEnd(2, "0"));
  return text.trim().startsWith("-") ? -cents : cents;
}

/** bigint columns come back as strings on MySQL: read them as numbers (amounts stay far below 2^53). */
export const bigintNumber = {
  to: (value: number | null | undefined) => value,
  from: (value: string | number | null) => (value === null || value === undefined ? value : Number(value)),
};
