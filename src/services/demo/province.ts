// Made-up provinces for the demo seed and examples, with plausible Vietnamese names and populations, each parent
// with exactly one seat child: the four-level province of before 1 July 2025 (6 districts, the first the capital,
// then communes and villages; demoFrameCsv, also the tests' fixture) and the same province on today's two-tier map
// (province > commune > village; demoTwoTierFrameCsv).
import { createRng } from '../../domain/sampling/index.js';

const districts = [
  'Thành phố Trung Tâm',
  'Huyện Sông Xanh',
  'Huyện Núi Đá',
  'Huyện Đồng Lúa',
  'Thị xã Cửa Sông',
  'Huyện Ven Biển',
];
const communeNames = ['An Bình', 'Tân Lập', 'Hòa Phú', 'Phúc Thịnh', 'Thanh Sơn', 'Đông Hưng', 'Minh Đức', 'Quảng Lợi'];
const givenNames = [
  'Văn An',
  'Thị Bình',
  'Văn Cường',
  'Thị Dung',
  'Đức Hải',
  'Thị Hoa',
  'Văn Khánh',
  'Thị Lan',
  'Quốc Minh',
  'Thị Nga',
];
const familyNames = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Vũ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ'];

const quote = (s: string): string => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/** The frame CSV (level,code,name,parent_code,population,is_seat) of the demo province. */
export function demoFrameCsv(): string {
  const rng = createRng('demo-province');
  const lines: string[] = [];
  const rows: { level: string; code: string; name: string; parent: string; population: number; seat: boolean }[] = [];
  let provincePopulation = 0;
  districts.forEach((districtName, d) => {
    const dCode = `D${String(d + 1).padStart(2, '0')}`;
    const districtRows: typeof rows = [];
    let districtPopulation = 0;
    const communes = 4 + rng.int(4);
    for (let c = 0; c < communes; c += 1) {
      const cCode = `${dCode}C${String(c + 1).padStart(2, '0')}`;
      const urban = d === 0 || d === 4;
      const cName = `${urban ? 'Phường' : 'Xã'} ${communeNames[(c + d) % communeNames.length] ?? ''}${c >= communeNames.length ? ` ${c}` : ''}`;
      const villages = 4 + rng.int(5);
      const villageRows: typeof rows = [];
      for (let v = 0; v < villages; v += 1) {
        const population = 300 + rng.int(1700);
        villageRows.push({
          level: 'village',
          code: `${cCode}V${String(v + 1).padStart(2, '0')}`,
          name: `${urban ? 'Tổ dân phố' : 'Thôn'} ${v + 1}`,
          parent: cCode,
          population,
          seat: v === 0,
        });
      }
      const communePopulation = villageRows.reduce((s, r) => s + r.population, 0);
      districtPopulation += communePopulation;
      districtRows.push(
        { level: 'commune', code: cCode, name: cName, parent: dCode, population: communePopulation, seat: c === 0 },
        ...villageRows,
      );
    }
    provincePopulation += districtPopulation;
    rows.push(
      {
        level: 'district',
        code: dCode,
        name: districtName,
        parent: 'P01',
        population: districtPopulation,
        seat: d === 0,
      },
      ...districtRows,
    );
  });
  lines.push('level,code,name,parent_code,population,is_seat');
  lines.push(`province,P01,Tỉnh Lắng Nghe (thử nghiệm),,${provincePopulation},0`);
  for (const r of rows) lines.push([r.level, r.code, quote(r.name), r.parent, r.population, r.seat ? 1 : 0].join(','));
  return `${lines.join('\n')}\n`;
}

/** Name parts of the two-tier province's communes: each commune takes a distinct pair (the merged communes of
 * 2025 often took such names). */
const namePrefixes = ['An', 'Bình', 'Tân', 'Hòa', 'Phú', 'Thanh', 'Đông', 'Minh', 'Vĩnh', 'Xuân', 'Gia', 'Quảng'];
const nameSuffixes = ['Lập', 'Thịnh', 'Sơn', 'Hưng', 'Đức', 'Lợi', 'Lộc', 'Phong', 'Tiến', 'Khánh', 'Hà', 'Lâm'];
/** Villages (thôn) of a rural commune, the seat first; wards' residential groups are numbered (Tổ dân phố 1..). */
const villageNames = ['Trung', 'Đông', 'Tây', 'Nam', 'Bắc', 'Thượng', 'Hạ', 'Đình', 'Chợ', 'Mới'];
/** The two-tier province's wards (phường), the seat ward first; every other commune is a xã. */
const wardCount = 8;

/**
 * The frame CSV of the demo province on today's two-tier map (province > commune > village): 40 to 60 communes,
 * the first 8 wards (phường, the first the province's seat) and the rest xã, each with 6 to 10 villages (thôn, or
 * tổ dân phố in a ward) whose first is the commune's seat. Reproducible: the same text on every call.
 */
export function demoTwoTierFrameCsv(): string {
  const rng = createRng('demo-province-two-tier');
  const pairs = namePrefixes.flatMap((a) => nameSuffixes.map((b) => `${a} ${b}`));
  for (let i = pairs.length - 1; i > 0; i -= 1) {
    const j = rng.int(i + 1);
    [pairs[i], pairs[j]] = [pairs[j] ?? '', pairs[i] ?? ''];
  }
  const communes = 40 + rng.int(21);
  const rows: string[] = [];
  let provincePopulation = 0;
  for (let c = 0; c < communes; c += 1) {
    const cCode = `X${String(c + 1).padStart(3, '0')}`;
    const ward = c < wardCount;
    const cName = c === 0 ? 'Phường Trung Tâm' : `${ward ? 'Phường' : 'Xã'} ${pairs[c] ?? String(c + 1)}`;
    const villages = 6 + rng.int(5);
    const villageRows: string[] = [];
    let communePopulation = 0;
    for (let v = 0; v < villages; v += 1) {
      const population = ward ? 1500 + rng.int(3000) : 400 + rng.int(2000);
      communePopulation += population;
      const vName = ward ? `Tổ dân phố ${v + 1}` : `Thôn ${villageNames[v] ?? String(v + 1)}`;
      villageRows.push(
        ['village', `${cCode}V${String(v + 1).padStart(2, '0')}`, vName, cCode, population, v === 0 ? 1 : 0].join(','),
      );
    }
    provincePopulation += communePopulation;
    rows.push(['commune', cCode, quote(cName), 'P01', communePopulation, c === 0 ? 1 : 0].join(','), ...villageRows);
  }
  const header = [
    'level,code,name,parent_code,population,is_seat',
    `province,P01,${quote('Tỉnh Lắng Nghe (thử nghiệm, hai cấp)')},,${provincePopulation},0`,
  ];
  return `${[...header, ...rows].join('\n')}\n`;
}

/** A household list CSV for the given villages: `perVillage` households each, with made-up names. */
export function demoHouseholdCsv(villageCodes: readonly string[], perVillage = 60): string {
  const rng = createRng('demo-households');
  const lines = ['village_code,household_id,head_name,address,phone,eligible_adults'];
  for (const village of villageCodes) {
    for (let h = 1; h <= perVillage; h += 1) {
      const name = `${familyNames[rng.int(familyNames.length)] ?? ''} ${givenNames[rng.int(givenNames.length)] ?? ''}`;
      const phone = rng.next() < 0.8 ? `09${String(10_000_000 + rng.int(89_999_999))}` : '';
      const adults = rng.next() < 0.05 ? 0 : 1 + rng.int(4);
      lines.push(
        [village, `H${String(h).padStart(3, '0')}`, name, quote(`Số ${h}, ${village}`), phone, adults].join(','),
      );
    }
  }
  return `${lines.join('\n')}\n`;
}
