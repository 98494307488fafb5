"use client";

import { useId, useState, type ReactNode } from "react";

import { Button } from "~/app/_components/button";

import { downloadCsv, toCsv, type CsvCell } from "./csv";
import { NO_VALUE } from "./format";

// The first column stays in view while a wide table scrolls sideways on a narrow screen.
const STICKY_FIRST_COLUMN = "sticky left-0 z-[1]";

export interface Column<Row> {
  key: string;
  label: string;
  /** The cell's value, used for sorting. Null sorts last, shows a dash and exports an empty cell. */
  value: (row: Row) => string | number | null;
  /** Turns a non-null value into the text shown and exported. By default numbers and text are shown as they are. */
  format?: (value: string | number, row: Row) => string;
  /** Replaces the displayed cell, with a link for example, while the CSV keeps the formatted text. */
  render?: (row: Row) => ReactNode;
  numeric?: boolean;
}

export interface SortState {
  key: string;
  direction: "ascending" | "descending";
}

interface DataTableProps<Row> {
  caption: string;
  columns: readonly Column<Row>[];
  rows: readonly Row[];
  rowKey: (row: Row) => string;
  initialSort: SortState;
  /** The downloaded file's name, ending in .csv. */
  csvFileName: string;
  emptyText: string;
}

function compareValues(a: string | number | null, b: string | number | null): number {
  if (typeof a === "number" && typeof b === "number") {
    return a - b;
  }

  return String(a).localeCompare(String(b), "en-GB", { numeric: true });
}

/** Sorts rows by one column, with the rows whose value is null last in both directions. */
function sortRows<Row>(rows: readonly Row[], column: Column<Row> | undefined, direction: SortState["direction"]): Row[] {
  if (!column) {
    return [...rows];
  }
  const sign = direction === "ascending" ? 1 : -1;

  return [...rows].sort((left, right) => {
    const a = column.value(left);
    const b = column.value(right);
    if (a === null && b === null) {
      return 0;
    }
    if (a === null) {
      return 1;
    }
    if (b === null) {
      return -1;
    }

    return sign * compareValues(a, b);
  });
}

function sortIcon(direction: SortState["direction"] | null): string {
  if (direction === null) {
    return "↕";
  }

  return direction === "ascending" ? "▲" : "▼";
}

function cellText<Row>(column: Column<Row>, row: Row): CsvCell {
  const value = column.value(row);
  if (value === null) {
    return null;
  }

  return column.format ? column.format(value, row) : value;
}

/**
 * Renders a table whose column headers sort it (buttons, with `aria-sort` on the
 * sorted column) and whose "Download CSV" button saves exactly the rows
 * shown, in the order shown.
 */
export function DataTable<Row>({ caption, columns, rows, rowKey, initialSort, csvFileName, emptyText }: DataTableProps<Row>) {
  const [sort, setSort] = useState<SortState>(initialSort);
  const captionId = useId();
  const sorted = sortRows(
    rows,
    columns.find((column) => column.key === sort.key),
    sort.direction,
  );

  const onSort = (key: string) => {
    setSort((current) => ({ key, direction: current.key === key && current.direction === "ascending" ? "descending" : "ascending" }));
  };

  const onDownload = () => {
    const header = columns.map((column) => column.label);
    const body = sorted.map((row) => columns.map((column) => cellText(column, row)));
    downloadCsv(csvFileName, toCsv(header, body));
  };

  return (
    <div className="space-y-2">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h3 id={captionId} className="font-semibold">
          {caption}
        </h3>
        <Button variant="secondary" className="px-3 py-1.5" onClick={onDownload} aria-label={`Download CSV of ${caption}`}>
          Download CSV
        </Button>
      </div>
      {/* Focusable, so keyboard users can scroll a table wider than the screen. */}
      <div role="region" aria-labelledby={captionId} tabIndex={0} className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
        <table className="w-full border-collapse text-left text-sm">
          <caption className="sr-only">{caption}, sortable by each column</caption>
          <thead className="border-b border-slate-300 bg-slate-50 text-slate-700">
            <tr>
              {columns.map((column) => {
                const active = sort.key === column.key;

                return (
                  <th
                    key={column.key}
                    scope="col"
                    aria-sort={active ? sort.direction : undefined}
                    className={`p-0 font-medium ${column.numeric ? "text-right" : ""} ${column === columns[0] ? STICKY_FIRST_COLUMN + " bg-slate-50" : ""}`}
                  >
                    <button
                      type="button"
                      onClick={() => onSort(column.key)}
                      className={`inline-flex w-full items-center gap-1 px-3 py-2 whitespace-nowrap hover:bg-slate-100 ${column.numeric ? "justify-end" : ""}`}
                    >
                      {column.label}
                      <span aria-hidden="true" className={active ? "text-indigo-700" : "text-slate-400"}>
                        {sortIcon(active ? sort.direction : null)}
                      </span>
                    </button>
                  </th>
                );
              })}
            </tr>
          </thead>
          <tbody>
            {sorted.length === 0 ? (
              <tr>
                <td colSpan={columns.length} className="px-3 py-4 text-slate-700">
                  {emptyText}
                </td>
              </tr>
            ) : (
              sorted.map((row) => (
                <tr key={rowKey(row)} className="border-b border-slate-100 last:border-b-0">
                  {columns.map((column, index) => {
                    const Cell = index === 0 ? "th" : "td";

                    return (
                      <Cell
                        key={column.key}
                        scope={index === 0 ? "row" : undefined}
                        className={`px-3 py-2 font-normal whitespace-nowrap ${column.numeric ? "text-right tabular-nums" : ""} ${index === 0 ? STICKY_FIRST_COLUMN + " bg-white" : ""}`}
                      >
                        {column.render ? column.render(row) : (cellText(column, row) ?? NO_VALUE)}
                      </Cell>
                    );
                  })}
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
    </div>
  );
}
