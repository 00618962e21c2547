import type { BenchReport } from "./report";
import { ENGINES, Scenario } from "./scenarios";

const COLORS = { partnergraph: "#2f6fdf", hive: "#e0a020", monolith: "#8a8a8a" } as const;
const escape = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;");

/** Req/s per cell as grouped bars (median of the rounds, the min–max spread as a whisker), plain SVG. */
export function chart(report: BenchReport, cells: Scenario[]): string {
  const groups = cells.map((s) => ({
    label: `${s.operation}${s.operation === "PartnerDashboard" ? ` (${s.size.toLocaleString("en-US")})` : ""}`,
    bars: ENGINES.map((engine) => ({ engine, cell: report.results[engine][s.operation]?.[String(s.size)] })),
  }));
  const max = Math.max(...groups.flatMap((g) => g.bars.map((b) => b.cell?.rpsMax ?? 0)), 1);
  const width = 820;
  const height = 360;
  const left = 50;
  const bottom = 300;
  const top = 50;
  const groupWidth = (width - left - 20) / groups.length;
  const barWidth = Math.min(36, (groupWidth - 24) / ENGINES.length);
  const y = (value: number) => bottom - ((bottom - top) * value) / max;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12">`,
    `<rect width="${width}" height="${height}" fill="white"/>`,
    `<text x="${left}" y="22" font-size="15" font-weight="bold">Requests per second (${report.settings.connections} concurrent; median of ${report.settings.rounds} rounds, whisker min–max)</text>`,
    `<text x="${left}" y="40" fill="#555">${escape(`${report.date} · ${report.commit} · ${report.mode} · ${report.machine.cpus} CPUs, shared`)}</text>`,
    `<line x1="${left}" y1="${bottom}" x2="${width - 10}" y2="${bottom}" stroke="#333"/>`,
  ];
  for (let tick = 0; tick <= 4; tick++) {
    const value = (max * tick) / 4;
    parts.push(
      `<line x1="${left}" y1="${y(value)}" x2="${width - 10}" y2="${y(value)}" stroke="#eee"/>`,
      `<text x="${left - 6}" y="${y(value) + 4}" text-anchor="end" fill="#555">${value.toFixed(0)}</text>`,
    );
  }
  groups.forEach((group, g) => {
    const x0 = left + g * groupWidth + (groupWidth - barWidth * ENGINES.length) / 2;
    group.bars.forEach(({ engine, cell }, b) => {
      if (!cell) return;
      const x = x0 + b * barWidth;
      parts.push(
        `<rect x="${x}" y="${y(cell.rps)}" width="${barWidth - 4}" height="${bottom - y(cell.rps)}" fill="${COLORS[engine]}"/>`,
        `<line x1="${x + (barWidth - 4) / 2}" y1="${y(cell.rpsMin)}" x2="${x + (barWidth - 4) / 2}" y2="${y(cell.rpsMax)}" stroke="#000"/>`,
        `<text x="${x + (barWidth - 4) / 2}" y="${y(cell.rpsMax) - 4}" text-anchor="middle" font-size="10">${cell.rps.toFixed(0)}</text>`,
      );
    });
    parts.push(
      `<text x="${left + g * groupWidth + groupWidth / 2}" y="${bottom + 18}" text-anchor="middle">${escape(group.label)}</text>`,
    );
  });
  ENGINES.forEach((engine, i) => {
    parts.push(
      `<rect x="${left + i * 150}" y="${height - 26}" width="12" height="12" fill="${COLORS[engine]}"/>`,
      `<text x="${left + i * 150 + 18}" y="${height - 16}">${engine}</text>`,
    );
  });
  parts.push("</svg>");
  return parts.join("\n") + "\n";
}
