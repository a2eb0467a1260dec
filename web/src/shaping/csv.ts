/** One CSV column: its header and how to read a row's value. */
export interface CsvColumn<T> {
  header: string;
  value: (row: T) => unknown;
}

/**
 * RFC 4180 CSV: fields with a comma, quote, or line break are quoted and quotes doubled; CRLF line ends. Values that
 * a spreadsheet would run as a formula (=, +, -, @ at the start, when not a number) get a leading apostrophe, so an
 * exported query text cannot become a formula when opened.
 */
export function toCsv<T>(rows: T[], columns: CsvColumn<T>[]): string {
  const lines = [columns.map((c) => field(c.header)).join(',')];
  for (const row of rows) {
    lines.push(columns.map((c) => field(c.value(row))).join(','));
  }
  return lines.join('\r\n') + '\r\n';
}

function field(value: unknown): string {
  if (value === null || value === undefined) return '';
  let text = typeof value === 'object' ? JSON.stringify(value) : String(value);
  if (typeof value === 'string' && /^[=+\-@]/.test(text) && Number.isNaN(Number(text))) {
    text = `'${text}`;
  }
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A file name for an export: the name, the time and the extension, free of characters file systems dislike. */
export function exportFileName(name: string, extension: string, at: Date = new Date()): string {
  const stamp = at.toISOString().slice(0, 19).replace(/[:T]/g, '-');
  return `dwpilot-${name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')}-${stamp}.${extension}`;
}
