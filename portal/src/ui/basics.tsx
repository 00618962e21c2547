import { ReactNode } from "react";

export function Loading({ what }: { what: string }) {
  return (
    <p className="loading" role="status" aria-live="polite">
      Loading {what}…
    </p>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <p className="empty">{children}</p>;
}

export function PageTitle({ children, aside }: { children: ReactNode; aside?: ReactNode }) {
  return (
    <div className="page-title">
      <h1>{children}</h1>
      {aside}
    </div>
  );
}

const dateFormat = new Intl.DateTimeFormat("en", { year: "numeric", month: "short", day: "numeric" });

export function formatDate(iso: string | null | undefined): string {
  return iso ? dateFormat.format(new Date(iso)) : "—";
}

const DAY_MS = 86_400_000;

/** Whole days from now until the moment (negative once past). */
export function daysUntil(iso: string, now = Date.now()): number {
  return Math.ceil((new Date(iso).getTime() - now) / DAY_MS);
}

export function formatMoney(amount: string | number, currency = "USD"): string {
  return new Intl.NumberFormat("en", { style: "currency", currency, maximumFractionDigits: 0 }).format(Number(amount));
}

/** `SOLUTION_ADVISOR` → `Solution advisor`. */
export function words(code: string): string {
  const text = code.replace(/_/g, " ").toLowerCase();
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function Badge({ program, tier }: { program: string; tier?: string | null }) {
  return (
    <span className="badge">
      {words(program)}
      {tier ? ` · ${words(tier)}` : ""}
    </span>
  );
}
