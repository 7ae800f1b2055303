/** Plausible Chinese personal names: common surnames (a few two-character), given names of 1–2 characters. */
import { type Random, randInt } from './random.ts';

/** Roughly in order of frequency; earlier entries are drawn more often. */
const SURNAMES = Array.from(
  '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文庞樊兰殷施陶洪翟安颜倪严牛温芦季俞章鲁葛伍韦申尤毕聂焦向柳邢',
);
const COMPOUND_SURNAMES = ['欧阳', '司马', '上官', '诸葛', '东方', '皇甫'];

const MALE = Array.from(
  '伟强军磊勇杰涛斌超明刚平辉鹏华飞鑫波宇浩凯健俊帆旭宁龙林东峰建国志文海洋亮成振晨博鸿宏兴春庆德福利永新广胜金山青松卫岩',
);
const FEMALE = Array.from(
  '芳娜敏静丽艳娟霞秀玲桂英燕红梅琳颖雪慧婷倩洁晶萍楠欣悦丹莉佳蕾璐薇晓月彤雅凤云秋玉兰琴',
);

function char(rng: Random, pool: readonly string[]): string {
  return pool[randInt(rng, pool.length)] ?? '明';
}

/** A full name; the product of two uniforms favours the common surnames at the front of the list. */
export function personName(rng: Random): string {
  const surname =
    rng() < 0.012
      ? char(rng, COMPOUND_SURNAMES)
      : (SURNAMES[Math.floor(SURNAMES.length * rng() * rng())] ?? '王');
  const pool = rng() < 0.62 ? MALE : FEMALE;
  const first = char(rng, pool);
  if (rng() < 0.28) return surname + first;
  let second = char(rng, pool);
  while (second === first) second = char(rng, pool);
  return surname + first + second;
}
