/**
 * Settings-level suppressions: `kubeguard.exclude` (glob patterns of files) and
 * `kubeguard.excludeNamespaces`. They live in the user's configuration, not in the manifests, so
 * `kubeguard.strict` does not turn them off.
 */
import type { K8sObject } from '../document/k8sObject';
import type { EngineSettings } from './settings';

/** Why a file is excluded (the first pattern that matches it), or undefined. */
export function fileExclusion(settings: EngineSettings, filePath: string | undefined): string | undefined {
  if (filePath === undefined) return undefined;
  const path = filePath.replace(/\\/g, '/').replace(/^\.\//, '');
  const pattern = (settings.exclude ?? []).find((p) => globToRegExp(p).test(path));
  return pattern === undefined ? undefined : `the file matches kubeguard.exclude pattern "${pattern}"`;
}

/** Why an object's findings are excluded by namespace, or undefined. A Namespace object counts as in itself. */
export function namespaceExclusion(settings: EngineSettings, object: K8sObject): string | undefined {
  const list = settings.excludeNamespaces ?? [];
  if (list.length === 0) return undefined;
  const ns = object.kind === 'Namespace' && object.apiVersion === 'v1' ? object.name : object.namespace;
  return ns !== undefined && list.includes(ns) ? `namespace "${ns}" is in kubeguard.excludeNamespaces` : undefined;
}

const cache = new Map<string, RegExp>();

/**
 * A glob as VS Code reads `files.exclude` patterns, matched against the whole workspace-relative path:
 * `*` and `?` stay within one path segment, `**` spans segments, `{a,b}` alternates, `[...]` is a class.
 */
export function globToRegExp(glob: string): RegExp {
  const cached = cache.get(glob);
  if (cached) return cached;
  let re = '';
  let braces = 0;
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*') {
      if (glob[i + 1] === '*') {
        // `**/` matches zero or more whole segments; a trailing `**` matches the rest of the path.
        const slash = glob[i + 2] === '/';
        re += slash ? '(?:[^/]*/)*' : '.*';
        i += slash ? 2 : 1;
      } else {
        re += '[^/]*';
      }
    } else if (c === '?') {
      re += '[^/]';
    } else if (c === '{') {
      braces++;
      re += '(?:';
    } else if (c === '}' && braces > 0) {
      braces--;
      re += ')';
    } else if (c === ',' && braces > 0) {
      re += '|';
    } else if (c === '[') {
      const close = glob.indexOf(']', i + 1);
      if (close === -1) {
        re += '\\[';
      } else {
        const body = glob.slice(i + 1, close).replace(/^!/, '^').replace(/\\/g, '\\\\');
        re += `[${body}]`;
        i = close;
      }
    } else {
      re += c.replace(/[.+^$()|\\]/g, '\\$&');
    }
  }
  while (braces-- > 0) re += ')';
  const out = new RegExp(`^${re}$`);
  cache.set(glob, out);
  return out;
}
