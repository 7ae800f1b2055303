// Synthetic data folder for bench/ingest.ts when scripts/generate-demo.ts is not available:
// a seeded PRNG, one UTF-8 export per month, the long form with every optional column.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

function mulberry32(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ITEMS = [
  ['B01', '按时参加组织生活', 'basic', 10],
  ['B02', '按时足额交纳党费', 'basic', 5],
  ['B03', '参加理论学习', 'basic', 10],
  ['R01', '完成岗位任务', 'duty', 15],
  ['R02', '设备抢修', 'duty', 10],
  ['R03', '急难险重任务', 'duty', 10],
  ['J01', '技术比武获奖', 'incentive', 10],
  ['J02', '合理化建议', 'incentive', 5],
  ['K01', '违反劳动纪律', 'incentive', 0],
  ['B04', '参加主题党日活动', 'basic', 10],
  ['R04', '党员责任区管理', 'duty', 8],
] as const;

/** Writes scheme.yaml, departments.csv, members.csv and exports/YYYY-MM.csv; returns the row count. */
export async function writeSyntheticData(
  dir: string,
  members: number,
  months: number,
  seed = 1921,
): Promise<number> {
  const rnd = mulberry32(seed);
  await mkdir(join(dir, 'exports'), { recursive: true });
  const scheme = [
    'organization: 基准测试党委',
    'categories:',
    '  - { id: basic, name: 基础评价分, min: 0, max: 60 }',
    '  - { id: duty, name: 履职尽责分 }',
    '  - { id: incentive, name: 激励约束分, min: -20, max: 20 }',
    '  - { id: veto, name: 一票否决项, veto: true }',
    'items:',
    ...ITEMS.map(([code, name, category, max]) =>
      max > 0
        ? `  - { code: ${code}, name: ${name}, category: ${category}, max: ${max} }`
        : `  - { code: ${code}, name: ${name}, category: ${category}, min: -10, max: 0 }`,
    ),
  ].join('\n');
  await writeFile(join(dir, 'scheme.yaml'), `${scheme}\n`);
  const depts = Math.max(1, Math.ceil(members / 30));
  const deptLines = ['dept_id,name,parent_id,kind,sort', 'D0000,基准测试党委,,党委,0'];
  for (let d = 1; d <= depts; d++)
    deptLines.push(`D${String(d).padStart(4, '0')},第${d}党支部,D0000,党支部,${d}`);
  await writeFile(join(dir, 'departments.csv'), `${deptLines.join('\n')}\n`);
  const memberLines = ['member_id,name,dept_id,exemplar,exempt'];
  const names: string[] = [];
  for (let m = 1; m <= members; m++) {
    const name = `党员${m}`;
    names.push(name);
    memberLines.push(
      `M${String(m).padStart(6, '0')},${name},D${String(1 + (m % depts)).padStart(4, '0')},0,0`,
    );
  }
  await writeFile(join(dir, 'members.csv'), `${memberLines.join('\n')}\n`);
  let rows = 0;
  for (let t = 0; t < months; t++) {
    const month = `${2025 + Math.floor(t / 12)}-${String((t % 12) + 1).padStart(2, '0')}`;
    const out = [
      'record_id,member_id,name,dept_id,month,item_code,item,category,points,status,approver,approved_at,note',
    ];
    for (let m = 1; m <= members; m++) {
      const id = `M${String(m).padStart(6, '0')}`;
      const dept = `D${String(1 + (m % depts)).padStart(4, '0')}`;
      for (const [code, item, category, max] of ITEMS) {
        if (rnd() < 0.1) continue;
        const points = max > 0 ? (Math.round(rnd() * max * 2) / 2).toFixed(1) : String(-Math.ceil(rnd() * 3));
        const status = rnd() < 0.002 ? '待审核' : '已审定';
        const note = rnd() < 0.01 ? '"按要求完成,另有说明\n见附件"' : '';
        out.push(
          `${month}-${id}-${code},${id},${names[m - 1]},${dept},${month},${code},${item},${category},${points},${status},组织委员,${month}-28,${note}`,
        );
        rows++;
      }
    }
    await writeFile(join(dir, 'exports', `${month}.csv`), `${out.join('\r\n')}\r\n`);
  }
  return rows;
}
