// A made-up province for the demo seed and examples: 6 districts (the first is the capital), communes and
// villages with plausible Vietnamese names and populations, each parent with exactly one seat child.
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
