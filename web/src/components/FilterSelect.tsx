/** A filter's drop-down: "every …" (the empty value) first, then the values it can take. */
export function FilterSelect({
  label,
  value,
  onChange,
  anyLabel,
  options,
  format = (v) => v,
  testId,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  anyLabel: string;
  options: readonly string[];
  format?: (value: string) => string;
  testId?: string;
}) {
  return (
    <select aria-label={label} value={value} onChange={(e) => onChange(e.target.value)} data-testid={testId}>
      <option value="">{anyLabel}</option>
      {options.map((o) => (
        <option key={o} value={o}>
          {format(o)}
        </option>
      ))}
    </select>
  );
}
