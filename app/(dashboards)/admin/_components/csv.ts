/** One CSV cell: text, a number, or null for an empty cell. */
export type CsvCell = string | number | null;

/**
 * Characters that make a spreadsheet read a cell as a formula. Text cells
 * starting with one get a leading apostrophe, as OWASP's CSV injection
 * guidance recommends. Numbers are written unchanged.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/** Quotes one field as RFC 4180 requires: inside double quotes, with each double quote doubled. */
function csvField(cell: CsvCell): string {
  if (cell === null) {
    return "";
  }
  if (typeof cell === "number") {
    return String(cell);
  }
  const text = FORMULA_START.test(cell) ? `'${cell}` : cell;
  const needsQuotes = /[",\r\n]/.test(text) || text !== text.trim();

  return needsQuotes ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Builds CSV text with a header line, CRLF line ends and a final CRLF (RFC 4180). */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  return [header, ...rows].map((row) => row.map(csvField).join(",")).join("\r\n") + "\r\n";
}

/**
 * Saves CSV text as a file through a temporary Blob URL. A UTF-8 byte
 * order mark goes first, because Excel otherwise reads the file in the
 * system's legacy code page and garbles accented names.
 */
export function downloadCsv(fileName: string, csv: string): void {
  const blob = new Blob(["\uFEFF", csv], { type: "text/csv;charset=utf-8" });
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = fileName;
  link.style.display = "none";
  document.body.append(link);
  link.click();
  link.remove();
  // Revoking at once can cancel the download in some browsers, so the URL lives a little longer.
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
