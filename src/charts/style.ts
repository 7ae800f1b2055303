// The look shared by every chart (Plot's and the hand-written ones): palette and month axis.

/** The site's chart palette: Party red for the subject, neutral greys and gold for comparisons. */
export const COLORS = {
  subject: '#c8161d',
  company: '#5b6370',
  exemplar: '#b7791f',
  ahead: '#2f7d4f',
  categories: ['#c8161d', '#e07b39', '#b7791f', '#5b6370', '#8a99ad', '#7a4b94'],
} as const;

/** A month axis: "3月", with the year under each January and under the first tick. */
export function monthTicks(periods: readonly string[]): { ticks: string[]; format: (p: string) => string } {
  const step = Math.ceil(periods.length / 7);
  const ticks = periods.filter((_, i) => i % step === 0);
  return {
    ticks,
    format: (p: string) => {
      const [year, month] = p.split('-');
      return p === ticks[0] || month === '01' ? `${Number(month)}月\n${year}` : `${Number(month)}月`;
    },
  };
}
