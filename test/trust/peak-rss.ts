// Preloaded into a CLI process by the trust tests (`node --import`): when the process exits,
// writes its peak resident memory in KB (the kernel's high-water mark, native DuckDB memory
// included) to the file LIANGBANG_PEAK_RSS_FILE names.
import { writeFileSync } from 'node:fs';

const file = process.env['LIANGBANG_PEAK_RSS_FILE'];
if (file) process.on('exit', () => writeFileSync(file, String(process.resourceUsage().maxRSS)));
