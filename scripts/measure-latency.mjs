// Warm per-call latency of POST /api/score in Netlify's two local emulations, side by side:
//   netlify-cli `netlify serve --offline` (`npm run netlify`; start it first) and
//   @netlify/dev's NetlifyDev, in process. Usage: npm run netlify & npm run measure:api [-- URL]
import { performance } from 'node:perf_hooks';
import { NetlifyDev } from '@netlify/dev';

const url = process.argv[2] ?? `http://localhost:${process.env.PORT ?? 8888}`;
const body = JSON.stringify({
  network: {
    input: [20, 20, 3],
    layers: [
      { type: 'conv2d', filters: 2, kernelSize: 3, padding: 'same' },
      { type: 'conv2d', filters: 3, kernelSize: 3, padding: 'same' },
      { type: 'flatten' },
      { type: 'dense', units: 2 },
    ],
  },
  answers: { layers: [56, 57, 0, 2402], total: 2515 },
});
const request = (base) =>
  new Request(`${base}/api/score`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });

/** Median and 90th percentile in ms of `calls` warm calls (after 3 warm-up calls). */
async function measure(call, calls = 20) {
  for (let i = 0; i < 3; i++) await call();
  const times = [];
  for (let i = 0; i < calls; i++) {
    const start = performance.now();
    const response = await call();
    if (response?.status !== 200) throw new Error(`status ${response?.status}`);
    await response.text();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(calls / 2)], p90: times[Math.floor(calls * 0.9)] };
}

const rows = [];
try {
  rows.push(['netlify serve --offline (npm start)', await measure(() => fetch(request(url)))]);
} catch (error) {
  console.error(`netlify serve: not measured (${error.cause?.code ?? error.message}); run \`npm start\` first`);
}
const dev = new NetlifyDev({
  projectRoot: process.cwd(),
  skipGitignore: true,
  serverAddress: null,
  edgeFunctions: { enabled: false },
  geolocation: { enabled: false },
  environmentVariables: { enabled: false },
  aiGateway: { enabled: false },
  database: { enabled: false },
});
await dev.start();
rows.push(['@netlify/dev NetlifyDev.handle', await measure(() => dev.handle(request('http://localhost')), 10)]);
await dev.stop();

const base = rows[0]?.[1].median ?? 1;
console.log('\nwarm POST /api/score latency (textbook network)');
console.log('emulation'.padEnd(40), 'median ms'.padStart(10), 'p90 ms'.padStart(10), 'vs first'.padStart(10));
for (const [name, { median, p90 }] of rows) {
  console.log(
    name.padEnd(40),
    median.toFixed(0).padStart(10),
    p90.toFixed(0).padStart(10),
    `${(median / base).toFixed(1)}×`.padStart(10),
  );
}
process.exit(0);
