/** The app's data table, styled once: a header row, a row per item, optional detail rows and an empty message. */
import { Fragment, type ReactNode } from "react";

export interface Column<T> {
  key: string;
  /** "" for a column without a heading, such as row actions */
  header: ReactNode;
  cell(row: T): ReactNode;
  align?: "left" | "right";
  /** extra classes for this column's body cells */
  className?: string;
}

export function Table<T>({
  label,
  columns,
  rows,
  rowKey,
  empty,
  rowClassName,
  detail,
  framed = false,
  dense = false,
}: {
  /** the table's accessible name */
  label: string;
  columns: Column<T>[];
  /** undefined while loading: the header alone, without the empty message */
  rows: readonly T[] | undefined;
  rowKey(row: T): string;
  /** shown in a full-width row when there are no rows */
  empty?: ReactNode;
  rowClassName?(row: T): string;
  /** a full-width row under a row (such as an opened editor); null or false for none */
  detail?(row: T): ReactNode;
  /** a card of its own, for a table standing alone on a page rather than inside a Card */
  framed?: boolean;
  /** smaller type and padding, for tight panes */
  dense?: boolean;
}) {
  // unframed tables sit inside a Card's padding, so their outer columns line up with its edges
  const pad = `${dense ? "px-3 py-1" : "px-4 py-2"} ${framed ? "" : "first:pl-0 last:pr-0"}`;
  const cellClass = (c: Column<T>, extra = "") => `${pad} ${c.align === "right" ? "text-right" : ""} ${extra}`;
  const table = (
    <table aria-label={label} className={`w-full text-left ${dense ? "text-xs" : "text-sm"}`}>
      <thead className="border-b border-slate-200 text-xs text-slate-500 uppercase">
        <tr>
          {columns.map((c) => (
            <th key={c.key} className={cellClass(c, "font-medium")}>
              {c.header}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows?.length === 0 && empty && (
          <tr>
            <td colSpan={columns.length} className="py-6 text-center text-slate-500">
              {empty}
            </td>
          </tr>
        )}
        {rows?.map((row) => {
          const more = detail?.(row);
          return (
            <Fragment key={rowKey(row)}>
              <tr className={`border-b border-slate-100 last:border-0 ${rowClassName?.(row) ?? ""}`}>
                {columns.map((c) => (
                  <td key={c.key} className={cellClass(c, c.className)}>
                    {c.cell(row)}
                  </td>
                ))}
              </tr>
              {more !== null && more !== undefined && more !== false && (
                <tr className="border-b border-slate-100 bg-slate-50 last:border-0">
                  <td colSpan={columns.length} className="px-4 py-4">
                    {more}
                  </td>
                </tr>
              )}
            </Fragment>
          );
        })}
      </tbody>
    </table>
  );
  // overflow-x-auto: a wide table scrolls inside its frame, whose rounded corners also clip the rows' backgrounds
  return framed ? <div className="overflow-x-auto rounded-lg bg-white shadow-sm ring-1 ring-slate-200">{table}</div> : table;
}
