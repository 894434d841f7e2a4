// Aggregated results as CSV (UTF-8 with BOM; comma and dot decimals, or the Vietnamese-Excel dialect with semicolons
// and decimal commas), every text cell through the formula guard. The XLSX is results-xlsx.ts.
import { stringify } from 'csv-stringify';
import { csvCell, csvDelimiter, type CsvDialect } from '../../domain/results/csv-dialect.js';
import { resultColumns, type ResultRow } from './table.js';

export function resultsCsv(rows: readonly ResultRow[], dialect: CsvDialect = 'standard'): Promise<string> {
  return new Promise((resolve, reject) => {
    const records = rows.map((r) => resultColumns.map((c) => csvCell(r[c], dialect)));
    stringify([[...resultColumns], ...records], { delimiter: csvDelimiter(dialect) }, (err, text) =>
      err ? reject(err) : resolve(`\uFEFF${text}`),
    );
  });
}
