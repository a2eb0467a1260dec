/**
 * Orders two table values: numbers by size, text case-insensitively with numbers inside compared as numbers, and
 * missing values last whichever the direction.
 */
export function compareValues(a: unknown, b: unknown, descending: boolean): number {
  const missingA = a === null || a === undefined || (typeof a === 'number' && Number.isNaN(a));
  const missingB = b === null || b === undefined || (typeof b === 'number' && Number.isNaN(b));
  if (missingA || missingB) return missingA === missingB ? 0 : missingA ? 1 : -1;
  let order: number;
  if (typeof a === 'number' && typeof b === 'number') order = a - b;
  else if (typeof a === 'boolean' && typeof b === 'boolean') order = Number(a) - Number(b);
  else order = String(a).localeCompare(String(b), 'en', { numeric: true, sensitivity: 'base' });
  return descending ? -order : order;
}
