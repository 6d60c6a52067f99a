import { csvRow } from './csv.js';
import type { BulkItem } from './bulk-types.js';

const COLUMNS = [
  'line',
  'input',
  'target_form',
  'target',
  'state',
  'outcome',
  'error_kind',
  'error_status',
  'error_message',
  'attempts',
  'user_id',
  'screen_name',
  'updated_at',
];

/** The results as CSV (RFC 4180, CRLF), one row per item in input order, for spreadsheets. */
export function bulkResultsCsv(items: readonly BulkItem[]): string {
  let text = csvRow(COLUMNS);
  const byLine = [...items].sort((a, b) => a.line - b.line || a.index - b.index);
  for (const item of byLine) {
    text += csvRow([
      String(item.line),
      item.input,
      item.target.form,
      item.target.value,
      item.state,
      item.outcome ?? '',
      item.error?.kind ?? '',
      item.error?.status === null || item.error === null ? '' : String(item.error.status),
      item.error?.message ?? '',
      String(item.attempts),
      item.user?.id ?? '',
      item.user?.screenName ?? '',
      item.updatedAt ?? '',
    ]);
  }
  return text;
}
