/** A CSV field, quoted when it holds a comma, a quote or a line break (RFC 4180). */
export function csvField(value: string | number): string {
  const text = String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** CSV text from a header and rows, one line each, ending with a line break. */
export function csvText(
  header: readonly string[],
  rows: readonly (readonly (string | number)[])[],
) {
  return `${[header, ...rows].map((row) => row.map(csvField).join(",")).join("\n")}\n`;
}
