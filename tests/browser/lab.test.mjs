// make lab in a real browser: open the lab, open a lesson, Run All, check
// every output and figure; then edit and save the lesson and check that the
// checkout did not change (the lab serves a workspace outside it).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  ROOT, OUT, fullPageShot, launch, start, waitHttp, waitKernel, waitCellsDone, codeCells, outputProblems, figures, git, testPorts,
} from './lib.mjs';

const PORT = testPorts().lab;
const LESSON = process.env.LAB_TEST_LESSON || '01-gmm-lab.ipynb';

function minFigures(name) {
  try {
    const e = JSON.parse(fs.readFileSync(path.join(ROOT, 'notebooks', 'expect.json'), 'utf8'))[name];
    return Math.max(1, (e && e.min_figures) || 1);
  } catch {
    return 1;
  }
}

test('make lab: a lesson runs whole in the browser, and saving it leaves the checkout clean', { timeout: 900_000 }, async (t) => {
  assert.ok(fs.existsSync(path.join(ROOT, 'notebooks', LESSON)), `notebooks/${LESSON} is missing (LAB_TEST_LESSON)`);
  const statusBefore = git('status', '--porcelain');
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'gmmlab-lab-workspace-'));
  const token = crypto.randomBytes(24).toString('hex');
  const lab = start('lab', 'bash', ['docker/lab.sh'], { LAB_PORT: String(PORT), LAB_IP: '127.0.0.1', JUPYTER_TOKEN: token, LAB_WORKSPACE: workspace });
  const browser = await launch('lab');
  t.after(async () => {
    await browser.close();
    // Kernels first, through the API, so that none outlives the server.
    try {
      const r = await fetch(`http://127.0.0.1:${PORT}/api/kernels?token=${token}`);
      for (const k of await r.json()) {
        await fetch(`http://127.0.0.1:${PORT}/api/kernels/${k.id}?token=${token}`, { method: 'DELETE' });
      }
    } catch { /* the server is gone already */ }
    await lab.stop();
    fs.rmSync(workspace, { recursive: true, force: true });
  });

  const base = `http://127.0.0.1:${PORT}`;
  await waitHttp(`${base}/api/status?token=${token}`, lab, 120_000);
  const page = await browser.context.newPage();

  // The lab's front page lists the workspace: lessons/ (and exercises/ when built).
  await page.goto(`${base}/tree?token=${token}`);
  await page.waitForSelector('#notebook_list a:has-text("lessons")');

  // Open the lesson and run it all through the Cell menu.
  await page.goto(`${base}/notebooks/lessons/${LESSON}`);
  await waitKernel(page);
  await page.click('#celllink');
  await page.click('#run_all_cells > a');
  const started = Date.now();
  await waitCellsDone(page, 840_000);
  const seconds = ((Date.now() - started) / 1000).toFixed(1);

  const cells = await codeCells(page);
  const notRun = cells.filter((c) => typeof c.count !== 'number').map((c) => c.index);
  assert.deepEqual(outputProblems(cells), [], 'outputs with errors');
  assert.deepEqual(notRun, [], 'cells that did not run');
  const figs = await figures(page);
  assert.ok(figs.length >= minFigures(LESSON), `${figs.length} figures, want at least ${minFigures(LESSON)}`);
  for (const [i, f] of figs.entries()) {
    assert.ok(f.complete && f.width > 0 && f.height > 0, `figure ${i} did not load: ${JSON.stringify(f)}`);
  }
  fs.mkdirSync(OUT, { recursive: true });
  const shot = path.join(OUT, `lab-${LESSON.replace('.ipynb', '')}.png`);
  await fullPageShot(page, shot);
  t.diagnostic(`${LESSON}: ${cells.length} code cells, ${figs.length} figures, Run All took ${seconds} s; screenshot ${path.relative(ROOT, shot)}`);

  // A learner's edit, saved with Ctrl-S, lands in the workspace only.
  const note = `// learner's note ${crypto.randomBytes(4).toString('hex')}`;
  await page.click('.code_cell .CodeMirror >> nth=0');
  await page.keyboard.press('End');
  await page.keyboard.press('Enter');
  await page.keyboard.type(note);
  await page.keyboard.press('Control+S');
  const saved = path.join(workspace, 'lessons', LESSON);
  const deadline = Date.now() + 30_000;
  while (!fs.readFileSync(saved, 'utf8').includes(note)) {
    assert.ok(Date.now() < deadline, `the saved lesson ${saved} never got the edit`);
    await new Promise((r) => setTimeout(r, 250));
  }
  assert.ok(!fs.readFileSync(path.join(ROOT, 'notebooks', LESSON), 'utf8').includes(note), 'the edit reached the tracked lesson');
  assert.equal(git('status', '--porcelain'), statusBefore, 'git status changed during the lab session');
  assert.equal(git('status', '--porcelain', '--', 'notebooks'), '', 'notebooks/ has changes');

  // Starting the lab again (sync) keeps the learner's saved copy.
  const sync = start('lab-resync', '/usr/bin/python3', ['docker/workspace.py', 'sync', '--workspace', workspace], {});
  assert.equal((await sync.exited).code, 0, sync.log());
  assert.ok(fs.readFileSync(saved, 'utf8').includes(note), 'a new sync overwrote the learner\'s copy');
  t.diagnostic(`saved to ${saved}; git status unchanged (${statusBefore === '' ? 'clean' : 'as before the session'})`);
});
