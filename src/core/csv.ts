/** CSV text: one field, quoted when it holds a comma, a quote or a line break (RFC 4180). */
export function csvCell(v: unknown): string {
  const s = v === null || v === undefined ? '' : String(v);
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
