// npm run bench: every section in one process, one after another, printed as tables and saved
// as JSON in bench/results/latest.json (not committed).
import { formatSection, writeResults, type SectionResult } from './report.js';
import { signingSection } from './sections/signing.js';
import { verificationSection } from './sections/verification.js';
import { emulatorSection } from './sections/emulator.js';
import { gatewaySection } from './sections/gateway.js';
import type { TimingOptions } from './timing.js';

/** Sections in the order they run; each returns rows and targets in the shared shape. */
const sections: { name: string; run: (options: TimingOptions) => Promise<SectionResult> }[] = [
  { name: 'signing', run: signingSection },
  { name: 'verification', run: verificationSection },
  { name: 'emulator', run: emulatorSection },
  { name: 'gateway', run: gatewaySection },
];

const only = process.argv.slice(2);
const options: TimingOptions = process.env.BENCH_QUICK ? { rounds: 3, roundMs: 20 } : {};
const results: SectionResult[] = [];
for (const section of sections) {
  if (only.length > 0 && !only.includes(section.name)) continue;
  const result = await section.run(options);
  results.push(result);
  console.log(formatSection(result));
}
writeResults(new URL('./results/latest.json', import.meta.url), results);
console.log('numbers written to bench/results/latest.json');
