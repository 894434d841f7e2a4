// Improvement plans: departments (seeded with those the provinces' plans name), plans and their targets with a
// lead and coordinating departments, the published national tables, and administrative indicators with their
// values per period. Frozen in time: typed Kysely<any> and never imports application code.
import { sql, type Kysely } from 'kysely';
import { identity } from './dialect.js';

/** The departments the seed plans name (../shared/seeds), as the admin starts with them. */
const departments: [string, string][] = [
  ['snv', 'Sở Nội vụ'],
  ['vp-ubnd', 'Văn phòng UBND tỉnh'],
  ['stp', 'Sở Tư pháp'],
  ['stttt', 'Sở Thông tin và Truyền thông'],
  ['stc', 'Sở Tài chính'],
  ['skhdt', 'Sở Kế hoạch và Đầu tư'],
  ['skhcn', 'Sở Khoa học và Công nghệ'],
  ['stnmt', 'Sở Tài nguyên và Môi trường'],
  ['sxd', 'Sở Xây dựng'],
  ['syt', 'Sở Y tế'],
  ['sgddt', 'Sở Giáo dục và Đào tạo'],
  ['sldtbxh', 'Sở Lao động - Thương binh và Xã hội'],
  ['thanh-tra', 'Thanh tra tỉnh'],
  ['cong-an', 'Công an tỉnh'],
  ['bhxh', 'Bảo hiểm xã hội tỉnh'],
  ['cuc-thue', 'Cục Thuế tỉnh'],
  ['ttphcc', 'Trung tâm Phục vụ hành chính công tỉnh'],
  ['cong-ttdt', 'Cổng Thông tin điện tử tỉnh'],
  ['vp-hctc', 'Phòng Hành chính - Tổ chức, Văn phòng UBND tỉnh'],
  ['dai-ptth', 'Đài Phát thanh và Truyền hình tỉnh'],
  ['mttq', 'Ủy ban MTTQ Việt Nam tỉnh'],
  ['ldld', 'Liên đoàn Lao động tỉnh'],
  ['ubnd-huyen', 'UBND cấp huyện'],
  ['ubnd-xa', 'UBND cấp xã'],
];

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('departments')
    .addColumn('id', 'integer', identity(db))
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('retired_at', 'text')
    .execute();
  await db
    .insertInto('departments')
    .values(departments.map(([code, name]) => ({ code, name, created_at: '2026-12-06T14:00:00.000Z' })))
    .execute();

  await db.schema
    .createTable('plans')
    .addColumn('id', 'integer', identity(db))
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('province', 'text', (c) => c.notNull())
    .addColumn('issuer', 'text', (c) => c.notNull())
    .addColumn('document_number', 'text')
    .addColumn('issued_on', 'text')
    .addColumn('start_year', 'integer', (c) => c.notNull())
    .addColumn('end_year', 'integer', (c) => c.notNull())
    .addColumn('source', 'text')
    .addColumn('notes_json', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addCheckConstraint('plans_years_ck', sql`start_year <= end_year`)
    .execute();

  await db.schema
    .createTable('indicators')
    .addColumn('id', 'integer', identity(db))
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('unit', 'text', (c) => c.notNull())
    .addColumn('owner_department_id', 'integer', (c) => c.notNull().references('departments.id'))
    .addColumn('direction', 'text', (c) => c.notNull().check(sql`direction in ('higher', 'lower')`))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('indicator_values')
    .addColumn('id', 'integer', identity(db))
    .addColumn('indicator_id', 'integer', (c) => c.notNull().references('indicators.id').onDelete('cascade'))
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('value', 'double precision', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addUniqueConstraint('indicator_values_period_uq', ['indicator_id', 'period'])
    .execute();

  await db.schema
    .createTable('plan_targets')
    .addColumn('id', 'integer', identity(db))
    .addColumn('plan_id', 'integer', (c) => c.notNull().references('plans.id').onDelete('cascade'))
    .addColumn('row_number', 'integer', (c) => c.notNull())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('subject_type', 'text', (c) => c.notNull().check(sql`subject_type in ('node', 'indicator')`))
    .addColumn('index_code', 'text')
    .addColumn('node_code', 'text')
    .addColumn('domain_kind', 'text')
    .addColumn('domain_value', 'text')
    .addColumn('indicator_id', 'integer', (c) => c.references('indicators.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('aim_json', 'text', (c) => c.notNull())
    .addColumn('year', 'integer')
    .addColumn('lead_department_id', 'integer', (c) => c.notNull().references('departments.id'))
    .addColumn('source_file', 'text')
    .addColumn('source_line', 'integer')
    .addColumn('note', 'text')
    .addUniqueConstraint('plan_targets_row_uq', ['plan_id', 'row_number'])
    .addCheckConstraint(
      'plan_targets_subject_ck',
      sql`(subject_type = 'node' and index_code is not null and node_code is not null and indicator_id is null)
        or (subject_type = 'indicator' and indicator_id is not null and index_code is null)`,
    )
    .execute();

  await db.schema
    .createTable('plan_target_support')
    .addColumn('target_id', 'integer', (c) => c.notNull().references('plan_targets.id').onDelete('cascade'))
    .addColumn('department_id', 'integer', (c) => c.notNull().references('departments.id'))
    .addPrimaryKeyConstraint('plan_target_support_pk', ['target_id', 'department_id'])
    .execute();

  await db.schema
    .createTable('published_results')
    .addColumn('id', 'integer', identity(db))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('index_code', 'text', (c) => c.notNull())
    .addColumn('province', 'text', (c) => c.notNull())
    .addColumn('province_key', 'text', (c) => c.notNull())
    .addColumn('node_code', 'text', (c) => c.notNull())
    .addColumn('score', 'double precision')
    .addColumn('rank', 'integer')
    .addColumn('provinces', 'integer')
    .addColumn('group_label', 'text')
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('imported_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('published_results_uq', ['year', 'index_code', 'province_key', 'node_code'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'published_results',
    'plan_target_support',
    'plan_targets',
    'indicator_values',
    'indicators',
    'plans',
    'departments',
  ])
    await db.schema.dropTable(table).execute();
}
