// Applying a 60-object bundle should cost about tiers × latency, not objects × latency.
import { benchApply } from '@mesh-templates/plugin-scaffolder-backend-module-mesh/testUtils';
import { fmt, table } from './lib/measure';

async function main() {
  const delayMs = 50;
  const rows: string[][] = [];
  let objects = 0;
  let tiers = 0;
  // Warm-up, as the other benches do: the first apply in a process also loads and compiles the
  // client and the server code, which a backend that has applied before does not pay again.
  await benchApply({ delayMs, concurrency: 64 });
  // 64 is the apply step's default; 16 shows what a tighter bound costs.
  for (const concurrency of [16, 64]) {
    const r = await benchApply({ delayMs, concurrency });
    objects = r.objects;
    tiers = r.tiers;
    rows.push([
      String(concurrency),
      String(r.firstApplyRequests),
      String(r.firstApplyWaves),
      fmt(r.firstApplyMs, 0),
      fmt(r.firstApplyMs / delayMs, 1),
      String(r.secondApplyWaves),
      fmt(r.secondApplyMs, 0),
      fmt(r.sequentialEstimateMs, 0),
      fmt(r.sequentialEstimateMs / r.firstApplyMs, 1),
    ]);
  }
  console.log(`## Direct apply

${objects} objects in ${tiers} tiers applied with server-side apply to the Kubernetes contract API server, every response delayed ${delayMs} ms to stand for network latency. The first apply includes discovery and the dry-run of the whole bundle; the second finds everything unchanged. "Waves" are the sequential request waves the contract server counted: the longest chain of requests each of which arrived after the one before it had been answered, i.e. the round trips of latency the apply cannot avoid; "round trips" is the measured time over the latency, which adds this machine's own processing time. "Sequential" is the same requests one at a time.

${table(
  [
    'requests in flight',
    'requests',
    'first apply waves',
    'first apply ms',
    'first apply / latency (round trips)',
    'second apply waves',
    'second apply ms',
    'sequential ms',
    'speed-up',
  ],
  rows,
)}`);
}

// Exit explicitly: a stopped backend can leave timers behind that would keep the process alive.
main().then(
  () => process.exit(0),
  error => {
    console.error(error);
    process.exit(1);
  },
);
