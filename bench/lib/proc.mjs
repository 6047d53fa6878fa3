// Memory and CPU of a server process from /proc (Linux). VmHWM is the kernel's own peak-RSS record, so
// one read before shutdown catches a spike that polling would miss.
// Adapted from /work/shared/tools/lsp-bench/lsp-bench.mjs.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';

let clkTck = 100;
try {
  const n = parseInt(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout, 10);
  if (n > 0) clkTck = n;
} catch {
  // getconf missing: 100 is the Linux default.
}

function statusKiB(pid) {
  try {
    const txt = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const get = (k) => {
      const m = txt.match(new RegExp(`^${k}:\\s+(\\d+)\\s+kB`, 'm'));
      return m ? parseInt(m[1], 10) : null;
    };
    return { hwm: get('VmHWM'), rss: get('VmRSS') };
  } catch {
    return null;
  }
}

function cpuMs(pid) {
  try {
    const txt = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may contain spaces): state is field 3, utime 14, stime 15.
    const f = txt.slice(txt.lastIndexOf(')') + 2).split(' ');
    return Math.round(((parseInt(f[11], 10) + parseInt(f[12], 10)) * 1000) / clkTck);
  } catch {
    return null;
  }
}

/** Peak and current RSS in MiB and CPU time (user + system) in ms, or nulls when /proc is unavailable. */
export function processSnapshot(pid) {
  const s = statusKiB(pid);
  return { peakRssMiB: s?.hwm != null ? s.hwm / 1024 : null, rssMiB: s?.rss != null ? s.rss / 1024 : null, cpuMs: cpuMs(pid) };
}
