/** The rolling four quarters against the same quarters a year before, as grouped bars (plain SVG, no library). */
export function QuartersChart({
  quarters,
  currency,
}: {
  quarters: { quarter: string; bookings: string; previousYearBookings: string }[];
  currency: string;
}) {
  const width = 560;
  const height = 220;
  const top = 12;
  const bottom = 28;
  const max = Math.max(1, ...quarters.flatMap((q) => [Number(q.bookings), Number(q.previousYearBookings)]));
  const slot = width / Math.max(1, quarters.length);
  const bar = Math.min(36, slot / 3);
  const scale = (value: string) => ((height - top - bottom) * Number(value)) / max;
  const money = (value: string) =>
    new Intl.NumberFormat("en", { style: "currency", currency, notation: "compact" }).format(Number(value));
  const summary = quarters
    .map((q) => `${q.quarter}: ${money(q.bookings)} against ${money(q.previousYearBookings)} a year before`)
    .join("; ");
  return (
    <figure className="chart">
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label={`Bookings by quarter. ${summary}`}>
        <line x1="0" x2={width} y1={height - bottom} y2={height - bottom} stroke="#dfe4ee" />
        {quarters.map((q, i) => {
          const x = i * slot + slot / 2;
          const now = scale(q.bookings);
          const before = scale(q.previousYearBookings);
          return (
            <g key={q.quarter}>
              <rect x={x - bar - 2} y={height - bottom - before} width={bar} height={before} rx="3" fill="#b9c6f5">
                <title>{`${q.quarter} a year before: ${money(q.previousYearBookings)}`}</title>
              </rect>
              <rect x={x + 2} y={height - bottom - now} width={bar} height={now} rx="3" fill="#3451c7">
                <title>{`${q.quarter}: ${money(q.bookings)}`}</title>
              </rect>
              <text x={x} y={height - 8} textAnchor="middle" fontSize="13" fill="#5b6577">
                {q.quarter}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption>
        <span className="key now" /> This year <span className="key before" /> A year before
      </figcaption>
    </figure>
  );
}
