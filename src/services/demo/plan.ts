// The demo's improvement plan in force: a two-year plan of the made-up province (last year and this year) with
// targets of every kind, a made-up national table for last year (34 provinces, clearly fictional names) and
// administrative indicators' values, so the plan pages show met, missed, not distinguishable and pending.
import type { AppContext } from '../../context.js';
import { listPlans } from '../../db/queries/plans.js';
import { createRng } from '../../domain/sampling/index.js';
import { importIndicatorValues } from '../plans/indicators.js';
import { importNationalTable } from '../plans/national-tables.js';
import { importPlan } from '../plans/plan-import.js';
import { demoActor as actor } from './seed.js';

export const demoProvince = 'Lắng Nghe';

/** Last year's national table: the demo province among 33 fictional ones ("Tỉnh mẫu 01", …), with its fields. */
export function demoNationalTableCsv(year: number): string {
  const rng = createRng(`demo-national:${year}`);
  const rows = ['year,index,province,node,score,rank,group,provinces'];
  const ours = { SIPAS: 74.2, PAPI: 51.6, PAR: 88.4 };
  const fields = [86.2, 90.5, 84.7, 92.0, 87.3, 85.1, 93.4, 81.9];
  const spread = (mean: number, sd: number) => mean + sd * (rng.next() + rng.next() + rng.next() - 1.5) * 2;
  const provinces = [
    demoProvince,
    ...Array.from({ length: 33 }, (_, i) => `Tỉnh mẫu ${String(i + 1).padStart(2, '0')}`),
  ];
  const papi = provinces.map((p) => (p === demoProvince ? ours.PAPI : spread(50, 1.8)) as number);
  const sorted = [...papi].sort((a, b) => b - a);
  const groupOf = (v: number) => {
    const r = sorted.indexOf(v) / provinces.length;
    return r < 0.25 ? 'Cao nhất' : r < 0.5 ? 'Trung bình cao' : r < 0.75 ? 'Trung bình thấp' : 'Thấp nhất';
  };
  provinces.forEach((p, k) => {
    const mine = p === demoProvince;
    rows.push(`${year},SIPAS,${p},overall,${(mine ? ours.SIPAS : spread(79, 3)).toFixed(2)},,,`);
    rows.push(`${year},PAPI,${p},overall,${(papi[k] as number).toFixed(2)},,${groupOf(papi[k] as number)},`);
    rows.push(`${year},PAR,${p},overall,${(mine ? ours.PAR : spread(87, 2.5)).toFixed(2)},,,`);
    fields.forEach((f, i) => rows.push(`${year},PAR,${p},${i + 1},${(mine ? f : spread(87, 3.5)).toFixed(2)},,,`));
  });
  return `${rows.join('\n')}\n`;
}

/** The plan file of the demo (the same format as plans/*.json). */
export function demoPlanValue(year: number): Record<string, unknown> {
  const prev = year - 1;
  const t = (label: string, lead: string, rest: Record<string, unknown>, support: string[] = []) => ({
    label,
    lead,
    support,
    ...rest,
  });
  return {
    code: `lang-nghe-${prev}-${year}`,
    name: `Kế hoạch nâng cao Chỉ số PAR Index, SIPAS, PAPI tỉnh ${demoProvince} giai đoạn ${prev}–${year} (minh hoạ)`,
    province: demoProvince,
    issuer: `UBND tỉnh ${demoProvince} (thử nghiệm)`,
    documentNumber: '01/KH-UBND',
    issuedOn: `${prev}-03-15`,
    startYear: prev,
    endYear: year,
    notes: ['Kế hoạch, số liệu công bố và số liệu hành chính đều là dữ liệu minh hoạ, không phải số liệu thật.'],
    indicators: [
      {
        code: 'demo-hs-truoc-han',
        name: 'Tỷ lệ hồ sơ TTHC giải quyết trước hạn',
        unit: '%',
        owner: 'Văn phòng UBND tỉnh',
        direction: 'higher',
      },
      {
        code: 'demo-thoi-gian-cho',
        name: 'Thời gian chờ trung bình tại Bộ phận Một cửa',
        unit: 'phút/lần',
        owner: 'Văn phòng UBND tỉnh',
        direction: 'lower',
      },
      {
        code: 'demo-so-hoa',
        name: 'Tỷ lệ kết quả giải quyết TTHC được số hóa',
        unit: '%',
        owner: 'Sở Thông tin và Truyền thông',
        direction: 'higher',
      },
    ],
    targets: [
      t('Chỉ số SIPAS đạt trên 90%', 'Sở Nội vụ', { index: 'SIPAS', kind: 'above', value: 90, year: 'each' }, [
        'UBND cấp huyện',
      ]),
      t('Chỉ số SIPAS trong nhóm 20 tỉnh, thành phố dẫn đầu', 'Sở Nội vụ', {
        index: 'SIPAS',
        kind: 'rank',
        atMost: 20,
        year: 'each',
      }),
      t('Chỉ số PAPI trong nhóm “Cao nhất”', 'Sở Nội vụ', {
        index: 'PAPI',
        kind: 'group',
        group: 'Cao nhất',
        year: 'each',
      }),
      t(
        'Chỉ số PAR Index trong nhóm 10 tỉnh dẫn đầu',
        'Sở Nội vụ',
        { index: 'PAR', kind: 'rank', atMost: 10, year: 'each' },
        ['Văn phòng UBND tỉnh'],
      ),
      t('Lĩnh vực cải cách TTHC trong nhóm 15 tỉnh dẫn đầu', 'Văn phòng UBND tỉnh', {
        index: 'PAR',
        node: '3',
        kind: 'rank',
        atMost: 15,
        year: 'each',
      }),
      t('Lĩnh vực cải cách thể chế trong nhóm 10 tỉnh dẫn đầu', 'Sở Tư pháp', {
        index: 'PAR',
        node: '2',
        kind: 'rank',
        atMost: 10,
        year: 'each',
      }),
      t('Lĩnh vực cải cách tài chính công trong nhóm 10 tỉnh dẫn đầu', 'Sở Tài chính', {
        index: 'PAR',
        node: '6',
        kind: 'rank',
        atMost: 10,
        year: 'each',
      }),
      t('Lĩnh vực chính quyền điện tử, chính quyền số không giảm điểm', 'Sở Thông tin và Truyền thông', {
        index: 'PAR',
        node: '7',
        kind: 'keep',
        year: 'each',
      }),
      t(
        'Sự hài lòng về cung ứng dịch vụ hành chính công tăng tối thiểu 5 điểm',
        'Văn phòng UBND tỉnh',
        { index: 'SIPAS', node: 'II', kind: 'change', points: 5, year },
        ['Sở Nội vụ'],
      ),
      t('Thủ tục hành chính (SIPAS II.B) tăng tối thiểu 10 điểm', 'Văn phòng UBND tỉnh', {
        index: 'SIPAS',
        node: 'II.B',
        kind: 'change',
        points: 10,
        year,
      }),
      t(
        'Mỗi tiêu chí dịch vụ hành chính công dưới 80% năm trước tăng tối thiểu 10% so với năm trước',
        'Văn phòng UBND tỉnh',
        {
          index: 'SIPAS',
          node: 'II',
          kind: 'rule',
          children: 'criterion',
          where: { compare: 'below', value: 80 },
          then: { kind: 'relative', percent: 10, baseline: { year: prev } },
          year,
        },
        ['Sở Nội vụ'],
      ),
      t(
        'Mỗi nội dung thành phần PAPI cao hơn năm trước tối thiểu 0,1 điểm',
        'Sở Nội vụ',
        {
          index: 'PAPI',
          kind: 'rule',
          children: 'subdimension',
          then: { kind: 'change', points: 0.1 },
          year,
        },
        ['UBND cấp xã'],
      ),
      t('Quản trị điện tử (PAPI 8) không giảm', 'Sở Thông tin và Truyền thông', {
        index: 'PAPI',
        node: '8',
        kind: 'keep',
        year,
      }),
      t(
        'Hồ sơ TTHC giải quyết trước hạn đạt từ 40% trở lên',
        'Văn phòng UBND tỉnh',
        { indicator: 'demo-hs-truoc-han', kind: 'at_least', value: 40, year: 'each' },
        ['UBND cấp huyện'],
      ),
      t('Thời gian chờ tại Bộ phận Một cửa tối đa 20 phút', 'Văn phòng UBND tỉnh', {
        indicator: 'demo-thoi-gian-cho',
        kind: 'at_most',
        value: 20,
        year: 'each',
      }),
      t(
        'Số hóa kết quả giải quyết TTHC tối thiểu 50%',
        'Sở Thông tin và Truyền thông',
        { indicator: 'demo-so-hoa', kind: 'at_least', value: 50, year: 'each' },
        ['Văn phòng UBND tỉnh'],
      ),
    ],
  };
}

function demoIndicatorCsv(year: number): string {
  const prev = year - 1;
  return [
    'indicator,period,value',
    `demo-hs-truoc-han,${prev},37.5`,
    `demo-hs-truoc-han,${year}-03,35.2`,
    `demo-hs-truoc-han,${year}-06,38.9`,
    `demo-hs-truoc-han,${year}-09,41.4`,
    `demo-thoi-gian-cho,${prev},24`,
    `demo-thoi-gian-cho,${year}-09,22`,
    `demo-so-hoa,${prev},44.0`,
    `demo-so-hoa,${year}-09,49.2`,
  ].join('\n');
}

/** Seeds the demo plan once (after the demo rounds); returns false when a plan exists. */
export async function seedDemoPlan(ctx: AppContext): Promise<boolean> {
  if ((await listPlans(ctx.db)).length > 0) return false;
  const year = ctx.clock.now().getUTCFullYear();
  await importNationalTable(ctx, demoNationalTableCsv(year - 1), actor);
  await importPlan(ctx, demoPlanValue(year), actor);
  await importIndicatorValues(ctx, demoIndicatorCsv(year), actor);
  return true;
}
