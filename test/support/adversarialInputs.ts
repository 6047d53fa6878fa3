/** The named adversarial inputs of issue 8, shared by the unit tests (test/unit/robustness) and the LSP tests. */

export const POD = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: c\n    image: nginx\n';

/**
 * Billion laughs: ten levels of ten aliases each (10^10 nodes once expanded), used where the rules look
 * (containers, volumes, env, a List's items) so any rule that expanded aliases would never finish.
 */
export function aliasBomb(levels = 10, fanOut = 10): string {
  let out = 'apiVersion: v1\nkind: Pod\nmetadata: {name: bomb}\nx0: &x0 {name: c, image: nginx, env: [{name: A, value: b}]}\n';
  for (let i = 1; i <= levels; i++) out += `x${i}: &x${i} [${Array.from({ length: fanOut }, () => `*x${i - 1}`).join(', ')}]\n`;
  return `${out}spec:\n  containers: *x${levels}\n  initContainers: [*x0, *x0]\n  volumes: *x${levels}\n  hostAliases: *x${levels}\n`;
}

/** About `bytes` of complete Pod documents separated by `---`. */
export function manyDocuments(bytes: number): string {
  const doc = `${POD}    securityContext: {privileged: true}\n`;
  return Array.from({ length: Math.ceil(bytes / (doc.length + 4)) }, () => doc).join('---\n');
}

/** One ConfigMap document of about `bytes`: a single document larger than the analysis limit. */
export function oneHugeDocument(bytes: number): string {
  const line = `  k: ${'v'.repeat(98)}\n`;
  return `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: big}\ndata:\n${Array.from({ length: Math.ceil(bytes / line.length) }, (_, i) => line.replace('k', `k${i}`)).join('')}`;
}

/** NULs, control characters and high bytes, as a binary file read as text. */
export function binaryText(): string {
  let s = '';
  for (let i = 0; i < 4096; i++) s += String.fromCharCode((i * 7919) % 256);
  return `\0\0${s}apiVersion: v1\0\nkind: Pod\n`;
}

/** `[[[[…]]]]` `depth` levels deep in a Pod's spec. */
export function deepFlow(depth = 10_000): string {
  return `apiVersion: v1\nkind: Pod\nmetadata: {name: deep}\nspec:\n  containers: ${'['.repeat(depth)}${']'.repeat(depth)}\n`;
}

/**
 * Block nesting `depth` levels deep: compact sequences (`- - - …`) nest one level per two characters,
 * the only block form whose size stays linear (indented mappings need depth² spaces: 50 MB at 10,000).
 */
export function deepBlock(depth = 10_000): string {
  return `${'- '.repeat(depth)}x\n`;
}

/** A Pod with one `chars`-long line (an argument). */
export function longLine(chars = 1_000_000): string {
  return `${POD}    args: ["${'x'.repeat(chars)}"]\n`;
}

/** Invalid UTF-8 (a truncated sequence, a lone continuation byte, 0xFF) inside an otherwise valid Pod. */
export function invalidUtf8Bytes(): Buffer {
  return Buffer.concat([Buffer.from('apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  labels: {a: "'), Buffer.from([0xc3, 0x28, 0x80, 0xff]), Buffer.from(`"}\n${POD.slice(POD.indexOf('spec:'))}    securityContext: {privileged: true}\n`)]);
}

export const HELM_TEMPLATE =
  'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ include "chart.fullname" . }}\n  labels:\n    {{- include "chart.labels" . | nindent 4 }}\nspec:\n  template:\n    spec:\n      containers:\n      - name: app\n        image: "{{ .Values.image.repository }}:{{ .Values.image.tag }}"\n';

export const KUSTOMIZATION = 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n- deployment.yaml\npatches:\n- path: replicas.yaml\n';

/** A strategic-merge patch: a Deployment with neither selector, template nor containers. */
export const REPLICAS_PATCH = 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: x}\nspec: {replicas: 3}\n';
