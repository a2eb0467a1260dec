import { describe, expect, it } from 'vitest';
import { exportFileName, toCsv } from './csv';

describe('toCsv', () => {
  const columns = [
    { header: 'id', value: (r: { id: number; sql: string | null }) => r.id },
    { header: 'sql', value: (r: { id: number; sql: string | null }) => r.sql },
  ];

  it('quotes what needs quoting and doubles quotes', () => {
    const csv = toCsv(
      [
        { id: 1, sql: 'SELECT "a", b\nFROM t' },
        { id: 2, sql: null },
      ],
      columns,
    );
    expect(csv).toBe('id,sql\r\n1,"SELECT ""a"", b\nFROM t"\r\n2,\r\n');
  });

  it('defuses spreadsheet formulas but keeps negative numbers', () => {
    const csv = toCsv(
      [
        { id: 1, sql: '=HYPERLINK("x")' },
        { id: 2, sql: '-12.5' },
      ],
      columns,
    );
    expect(csv.split('\r\n')[1]).toBe(`1,"'=HYPERLINK(""x"")"`);
    expect(csv.split('\r\n')[2]).toBe('2,-12.5');
  });
});

describe('exportFileName', () => {
  it('is safe for file systems', () => {
    expect(exportFileName('Top queries / slowest', 'csv', new Date('2026-03-04T05:06:07Z'))).toBe(
      'dwpilot-top-queries-slowest-2026-03-04-05-06-07.csv',
    );
  });
});
