// Helpers of the browser tests: Debian's chromium driven by playwright-core,
// servers started in their own process group and stopped by it, and the
// classic Jupyter Notebook page (notebook 6, what Debian's Jupyter and
// JupyterHub 3 serve) read through its own JavaScript model.
import { chromium } from 'playwright-core';
import { spawn, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const OUT = path.join(ROOT, 'build', 'browser');

// The ports of a test run, all derived from one setting, HUB_TEST_PORT (make
// passes it; see the Makefile): the run uses HUB_TEST_PORT..+99 and nothing
// else. The hub listens on base (its API on +1, the proxy's API on +2, the
// learners' servers on +10..+99), the lab on base+5, a port the hub leaves
// free. Bases are multiples of 100, so two runs with different bases never
// share a port; the accounts, group and install of a run are named after
// its base too (hub.test.mjs).
export function testPorts() {
  const base = Number(process.env.HUB_TEST_PORT);
  if (!Number.isInteger(base) || base % 100 !== 0 || base < 1100 || base > 65400) {
    throw new Error(`HUB_TEST_PORT must be a multiple of 100 between 1100 and 65400 (make test-browser sets it), not ${JSON.stringify(process.env.HUB_TEST_PORT)}`);
  }
  return { base, hub: base, lab: base + 5, first: base, last: base + 99 };
}

// A fresh profile in a temporary folder for every browser: nothing is shared
// between tests or learners, and nothing is left behind.
export async function launch(name) {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), `gmmlab-chromium-${name}-`));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1280, height: 900 },
    args: [
      '--no-sandbox', // root in a container or VM has no user namespaces for the sandbox
      '--disable-background-networking', // a closed network: no update, safe-browsing or metrics calls
      '--disable-component-update',
      '--disable-sync',
      '--disable-default-apps',
      '--disable-extensions',
      '--no-first-run',
      '--no-default-browser-check',
      '--metrics-recording-only',
      '--disable-dev-shm-usage', // /dev/shm may be small in containers
    ],
  });
  context.setDefaultTimeout(60_000);
  const close = async () => {
    await context.close().catch(() => {});
    fs.rmSync(profile, { recursive: true, force: true });
  };
  return { context, close };
}

// Starts a command in its own process group, logging to build/browser/<name>.log.
export function start(name, cmd, args, env) {
  fs.mkdirSync(OUT, { recursive: true });
  const logPath = path.join(OUT, `${name}.log`);
  const log = fs.openSync(logPath, 'w');
  const child = spawn(cmd, args, { cwd: ROOT, env: { ...process.env, ...env }, detached: true, stdio: ['ignore', log, log] });
  fs.closeSync(log);
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  return {
    pid: child.pid,
    logPath,
    exited,
    log: () => fs.readFileSync(logPath, 'utf8'),
    // SIGTERM to the whole group, then SIGKILL after grace ms.
    async stop(grace = 20_000) {
      const kill = (sig) => { try { process.kill(-child.pid, sig); } catch { /* already gone */ } };
      kill('SIGTERM');
      // Unreferenced timers: a pending grace period must not keep node alive.
      const done = await Promise.race([exited.then(() => true), sleep(grace, false).then(() => false)]);
      if (!done) kill('SIGKILL');
      await Promise.race([exited, sleep(5000, false)]);
      // Whatever is left of the group (a child that ignored SIGTERM).
      await sleep(500);
      kill('SIGKILL');
    },
  };
}

export const sleep = (ms, ref = true) => new Promise((r) => {
  const timer = setTimeout(r, ms);
  if (!ref) timer.unref();
});

// Waits until url answers with a status below 500, or the server exits.
export async function waitHttp(url, server, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  let exited = null;
  server.exited.then((e) => { exited = e; });
  while (Date.now() < deadline) {
    if (exited) throw new Error(`server exited (${JSON.stringify(exited)}) before ${url} answered; log ${server.logPath}:\n${server.log().slice(-3000)}`);
    try {
      const r = await fetch(url, { redirect: 'manual', signal: AbortSignal.timeout(5000) });
      if (r.status < 500) return r;
    } catch { /* not listening yet */ }
    await sleep(500);
  }
  throw new Error(`${url} did not answer within ${timeoutMs / 1000} s; log ${server.logPath}:\n${server.log().slice(-3000)}`);
}

// Waits for the notebook's kernel to be connected and idle.
export async function waitKernel(page, timeoutMs = 120_000) {
  await page.waitForFunction(() => {
    const nb = window.Jupyter && window.Jupyter.notebook;
    return nb && nb._fully_loaded && nb.kernel && nb.kernel.is_connected() &&
      document.querySelector('#kernel_indicator_icon.kernel_idle_icon') !== null;
  }, null, { timeout: timeoutMs, polling: 250 });
}

// Waits until no code cell is queued or running and the kernel has been
// idle for a second: after Run All, after an error that stopped the run,
// or after single cells.
export async function waitCellsDone(page, timeoutMs) {
  await page.waitForFunction(() => {
    const nb = window.Jupyter.notebook;
    const busy = nb.get_cells().some((c) => c.cell_type === 'code' && c.input_prompt_number === '*');
    const idle = document.querySelector('#kernel_indicator_icon.kernel_idle_icon') !== null;
    const now = Date.now();
    if (busy || !idle) { window.__gmmlabIdleSince = 0; return false; }
    window.__gmmlabIdleSince = window.__gmmlabIdleSince || now;
    return now - window.__gmmlabIdleSince > 1000;
  }, null, { timeout: timeoutMs, polling: 250 });
}

// Returns every code cell: index, source, execution count and outputs.
export async function codeCells(page) {
  return page.evaluate(() => window.Jupyter.notebook.get_cells()
    .map((c, index) => ({ c, index }))
    .filter(({ c }) => c.cell_type === 'code')
    .map(({ c, index }) => ({
      index,
      source: c.get_text(),
      count: c.input_prompt_number,
      outputs: c.output_area.outputs.map((o) => ({
        type: o.output_type,
        name: o.name || '',
        text: o.text || (o.data && o.data['text/plain']) || (o.output_type === 'error' ? `${o.ename}: ${o.evalue}` : ''),
        mimes: Object.keys(o.data || {}),
      })),
    })));
}

// Problems in the outputs of the cells: error outputs, and stderr or text
// that reads as a failure.
export function outputProblems(cells) {
  const bad = [];
  for (const cell of cells) {
    for (const o of cell.outputs) {
      const text = Array.isArray(o.text) ? o.text.join('') : String(o.text || '');
      if (o.type === 'error') bad.push(`cell ${cell.index}: error output: ${text.slice(0, 300)}`);
      else if (/\bpanic:|^error: |goroutine \d+ \[/m.test(text)) bad.push(`cell ${cell.index}: ${o.name || o.type}: ${text.slice(0, 300)}`);
    }
  }
  return bad;
}

// Every <img> in the outputs (of cell index, or of all cells): whether it
// finished loading and its natural size.
export async function figures(page, index = null) {
  return page.evaluate((index) => {
    const cells = window.Jupyter.notebook.get_cells();
    const roots = index === null ? [document] : [cells[index].element[0]];
    return roots.flatMap((r) => [...r.querySelectorAll('.output_area img')]).map((img) => ({
      complete: img.complete, width: img.naturalWidth, height: img.naturalHeight,
    }));
  }, index);
}

// Logs in through the hub's form; returns the response of the POST.
export async function hubLogin(page, base, username, password, next = '') {
  await page.goto(`${base}/hub/login${next ? `?next=${encodeURIComponent(next)}` : ''}`);
  await page.fill('#username_input', username);
  await page.fill('#password_input', password);
  const [resp] = await Promise.all([
    page.waitForResponse((r) => r.url().includes('/hub/login') && r.request().method() === 'POST'),
    page.click('#login_submit'),
  ]);
  return resp;
}

export function git(...args) {
  return execFileSync('git', args, { cwd: ROOT, encoding: 'utf8' });
}

// The notebook scrolls inside #site: let it grow so that a full-page
// screenshot holds the whole notebook, from the top.
export async function fullPageShot(page, file) {
  await page.addStyleTag({ content: '#site { height: auto !important; overflow: visible !important; } body { overflow: visible !important; }' });
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: file, fullPage: true });
}
