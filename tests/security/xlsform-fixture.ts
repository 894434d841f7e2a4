// A small valid XLSForm for the route matrix's upload (written once, when the matrix module loads).
import { exportXlsForm } from '../../src/domain/xlsform/export.js';
import { parseDefinition } from '../../src/domain/questionnaire/index.js';
import { writeXlsFormFile } from '../../src/services/surveys/xlsform-file.js';

const definition = {
  code: 'matrix-form',
  version: '1',
  kind: 'household',
  title: { vi: 'Biểu mẫu thử' },
  languages: ['vi'],
  sections: [{ id: 's1', title: { vi: 'Phần 1' }, questions: [{ id: 'q1', type: 'text', label: { vi: 'Câu 1' } }] }],
};

export const matrixXlsForm: Buffer = await writeXlsFormFile(
  exportXlsForm(parseDefinition(definition, 'matrix').definition),
);
