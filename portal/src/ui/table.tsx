import { ReactNode } from "react";

/** A column heading; `{ hidden }` is read to screen readers only (a column of buttons). */
export type Column = string | { hidden: string };

/** A table in a card that scrolls sideways at phone width: its headings, then the rows given. */
export function Table({ label, columns, children }: { label?: string; columns: Column[]; children: ReactNode }) {
  return (
    <div className="card table-wrap">
      <table aria-label={label}>
        <thead>
          <tr>
            {columns.map((column) =>
              typeof column === "string" ? (
                <th scope="col" key={column}>
                  {column}
                </th>
              ) : (
                <th scope="col" key={column.hidden}>
                  <span className="visually-hidden">{column.hidden}</span>
                </th>
              ),
            )}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}
