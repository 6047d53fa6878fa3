// A tiny block-style YAML emitter for the generated manifests. Written by hand rather than with the
// `yaml` package so the inputs' bytes never change when that dependency is upgraded.
// Adapted from /work/shared/tools/lsp-bench/gen-manifests.mjs.

// Plain scalars that YAML 1.1 (Kubernetes' go-yaml) would read as booleans or null must be quoted.
const RESERVED = /^(true|false|yes|no|on|off|null|y|n|~)$/i;

export function scalar(v) {
  if (v === null) return 'null';
  if (typeof v === 'boolean' || typeof v === 'number') return String(v);
  const s = String(v);
  const plain =
    /^[A-Za-z0-9_/.][A-Za-z0-9_./@:=+ -]*$/.test(s) &&
    !/[: ]$/.test(s) &&
    !s.includes(': ') &&
    !RESERVED.test(s) &&
    !(s.trim() !== '' && !Number.isNaN(Number(s))) &&
    !/^\d+:\d+$/.test(s);
  return plain ? s : JSON.stringify(s);
}

const isScalar = (v) => v === null || typeof v !== 'object';
const isEmpty = (v) => (Array.isArray(v) ? v.length === 0 : v && typeof v === 'object' && Object.keys(v).length === 0);

/** Lines of `value` in block style, sequences indented under their key (as kubectl writes them). */
export function emit(value, indent = 0) {
  const pad = ' '.repeat(indent);
  const lines = [];
  if (Array.isArray(value)) {
    for (const item of value) {
      if (isScalar(item)) lines.push(`${pad}- ${scalar(item)}`);
      else if (isEmpty(item)) lines.push(`${pad}- ${Array.isArray(item) ? '[]' : '{}'}`);
      else {
        const sub = emit(item, indent + 2);
        sub[0] = `${pad}- ${sub[0].slice(indent + 2)}`;
        lines.push(...sub);
      }
    }
    return lines;
  }
  for (const [k, v] of Object.entries(value)) {
    if (v === undefined) continue;
    if (isScalar(v)) lines.push(`${pad}${k}: ${scalar(v)}`);
    else if (isEmpty(v)) lines.push(`${pad}${k}: ${Array.isArray(v) ? '[]' : '{}'}`);
    else {
      lines.push(`${pad}${k}:`);
      lines.push(...emit(v, indent + 2));
    }
  }
  return lines;
}
