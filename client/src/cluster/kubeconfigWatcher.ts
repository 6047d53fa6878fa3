/**
 * Calls back when a kubeconfig file changes, appears or disappears. Watches the directories, not the
 * files: kubectl and cloud CLIs often replace the file (write a temp file, rename), which ends a watch
 * on the file itself, and a missing ~/.kube/config must be noticed when it is created.
 */
import { type FSWatcher, watch } from 'node:fs';
import path from 'node:path';

/** Editors and CLIs write in bursts (truncate, write, chmod); one refresh per burst. */
const DEBOUNCE_MS = 300;

export class KubeconfigWatcher {
  private watchers: FSWatcher[] = [];
  private timer: NodeJS.Timeout | undefined;
  private key = '';

  constructor(private readonly onChange: () => void) {}

  /** Watches exactly `files` (replacing what was watched before); cheap when unchanged. Call it after every load. */
  watch(files: readonly string[]): void {
    const key = [...files].sort().join('\n');
    if (key === this.key) return;
    this.close();
    this.key = key;
    const byDir = new Map<string, Set<string>>();
    for (const f of files) {
      const dir = path.dirname(f);
      if (!byDir.has(dir)) byDir.set(dir, new Set());
      byDir.get(dir)!.add(path.basename(f));
    }
    for (const [dir, names] of byDir) {
      try {
        const w = watch(dir, { persistent: false }, (_event, name) => {
          // Some platforms omit the name: then any change in the directory counts.
          if (name === null || names.has(name.toString())) this.schedule();
        });
        w.on('error', () => w.close());
        this.watchers.push(w);
      } catch {
        // The directory does not exist (no ~/.kube yet): watch its parent for the directory to appear.
        this.watchParent(dir);
      }
    }
  }

  private watchParent(dir: string): void {
    try {
      const w = watch(path.dirname(dir), { persistent: false }, (_event, name) => {
        if (name === null || name.toString() === path.basename(dir)) this.schedule();
      });
      w.on('error', () => w.close());
      this.watchers.push(w);
    } catch {
      // Neither exists: the next refresh tries again.
    }
  }

  private schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      // Re-established by the next watch() call: a directory that appeared is then watched itself.
      this.close();
      this.onChange();
    }, DEBOUNCE_MS);
  }

  private close(): void {
    for (const w of this.watchers) w.close();
    this.watchers = [];
    this.key = '';
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.close();
  }
}
