// What of XLSForm this engine does not run: the types and columns refused (with the reason shown to the author),
// and the form metadata rows left out because the engine records its own paradata.
/** Types refused with the reason, so the author knows what to change. */
export const refusedTypes: Readonly<Record<string, string>> = {
  begin_repeat: 'repeat groups are not supported: one interview answers each question once',
  begin_loop: 'loops (begin loop over) are not supported: one interview answers each question once',
  geopoint: 'locations (geopoint) are not supported',
  geotrace: 'locations (geotrace) are not supported',
  geoshape: 'locations (geoshape) are not supported',
  image: 'photos (image) are not supported',
  audio: 'audio recordings are not supported',
  video: 'video recordings are not supported',
  file: 'file attachments are not supported',
  barcode: 'barcodes are not supported',
  time: 'times of day are not supported; use date or text',
  datetime: 'date and time answers are not supported; use date',
  rank: 'rank questions are not supported',
  acknowledge: 'acknowledge is not supported; use select_one yes/no',
  select_one_from_file: 'choices from an attached file are not supported',
  select_multiple_from_file: 'choices from an attached file are not supported',
  select_one_external: 'external choices (select_one_external) are not supported: put the choices on the choices sheet',
  trigger: 'trigger is not supported',
  hidden: 'hidden is not supported; use calculate',
};
/** Form metadata ODK collects by itself; this engine records its own paradata, so these rows are left out. */
export const metadataTypes = new Set([
  'start',
  'end',
  'today',
  'deviceid',
  'subscriberid',
  'simserial',
  'phonenumber',
  'username',
  'email',
  'audit',
  'start-geopoint',
]);
/** Columns whose presence on a row means a feature the engine does not run. */
export const refusedColumns: Readonly<Record<string, string>> = {
  repeat_count: 'repeat groups are not supported',
  trigger: 'trigger is not supported',
  'media::image': 'images in questions are not supported',
  'media::audio': 'audio in questions are not supported',
  'media::video': 'video in questions are not supported',
  image: 'images in questions are not supported',
  audio: 'audio in questions are not supported',
  video: 'video in questions are not supported',
};
