/**
 * `npm run fuzz -- --runs N --seed S`: fuzz runs for seeds S … S+N-1, with progress and runs per
 * second; every failure is printed with its seed, reason and share link. Exits 1 on any failure.
 * Other flags: `--allocator ts|wasm`, `--matcher ts|wasm` (default: the engine's Wasm kernels).
 */
import type { AllocatorChoice } from '../../src/sandbox/index.ts';
import { fuzzRun, type FuzzResult } from './run-one.ts';

interface Args {
  runs: number;
  seed: number;
  allocator?: AllocatorChoice;
  matcher?: AllocatorChoice;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { runs: 100, seed: 1 };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!;
    const value = argv[++i];
    if (value === undefined) usage(`${flag} needs a value`);
    if (flag === '--runs' || flag === '--seed') {
      const n = Number(value);
      if (!Number.isInteger(n) || n < 0 || n > 0xffffffff) usage(`${flag} must be a non-negative integer`);
      args[flag === '--runs' ? 'runs' : 'seed'] = n;
    } else if (flag === '--allocator' || flag === '--matcher') {
      if (value !== 'ts' && value !== 'wasm') usage(`${flag} must be ts or wasm`);
      args[flag === '--allocator' ? 'allocator' : 'matcher'] = value;
    } else usage(`unknown flag ${flag}`);
  }
  return args;
}

function usage(problem: string): never {
  console.error(`${problem}\nusage: npm run fuzz -- [--runs N] [--seed S] [--allocator ts|wasm] [--matcher ts|wasm]`);
  process.exit(2);
}

function report(r: Extract<FuzzResult, { ok: false }>): void {
  console.log(`\nFAILED seed ${r.seed} (${r.faults} faults injected, ${r.events} events)`);
  console.log(`  reason: ${r.reason}`);
  console.log(`  replay: npm run fuzz -- --seed ${r.seed} --runs 1`);
  console.log(`  link (append to the sandbox's URL): ${r.link}`);
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const started = performance.now();
  let lastPrint = started;
  let events = 0;
  let decommissioned = 0;
  const failed: number[] = [];
  for (let n = 0; n < args.runs; n++) {
    const seed = (args.seed + n) >>> 0;
    const r = await fuzzRun(seed, { allocator: args.allocator, matcher: args.matcher });
    events += r.events;
    if (r.ok) decommissioned += r.decommissioned;
    else {
      failed.push(seed);
      report(r);
    }
    const now = performance.now();
    if (now - lastPrint > 2000 || n === args.runs - 1) {
      lastPrint = now;
      const seconds = (now - started) / 1000;
      console.log(
        `${n + 1}/${args.runs} runs (seed ${seed}), ${failed.length} failed, ${((n + 1) / seconds).toFixed(1)} runs/s, ${Math.round(events / seconds)} events/s`,
      );
    }
  }
  if (failed.length > 0) {
    console.log(`\n${failed.length} of ${args.runs} runs failed: seeds ${failed.join(', ')}`);
    process.exit(1);
  }
  console.log(`all ${args.runs} runs passed (${decommissioned} agents decommissioned and replaced on the way)`);
}

await main();
