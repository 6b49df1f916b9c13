// Preloaded into a spawned API (NODE_OPTIONS=--import …; Node 20 refuses --cpu-prof there): the first SIGUSR2
// starts V8's CPU profiler, the second stops it and writes the profile to MOIM_CPU_PROFILE, so a benchmark
// profiles exactly its measurement and not the start-up.
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import process from 'node:process';

const out = process.env.MOIM_CPU_PROFILE;
if (out) {
  const session = new Session();
  session.connect();
  const post = (method, params = {}) => new Promise((resolve, reject) => session.post(method, params, (err, res) => (err ? reject(err) : resolve(res))));
  let running = false;
  process.on('SIGUSR2', () => {
    if (!running) {
      running = true;
      void post('Profiler.enable').then(() => post('Profiler.setSamplingInterval', { interval: 200 })).then(() => post('Profiler.start'));
      return;
    }
    running = false;
    void post('Profiler.stop').then(({ profile }) => writeFileSync(out, JSON.stringify(profile)));
  });
}
