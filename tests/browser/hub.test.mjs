// make hub in a real browser, as root: a roster of test accounts
// (hubtest-PORT-*), the hub on 127.0.0.1:PORT (HUB_TEST_PORT, see
// testPorts in lib.mjs), learners who log in, start their servers and run a
// lesson's figure with the lab's faster kernel; a second learner who cannot
// reach the first one's files, the checkout or an exercise's master by URL,
// shell or Go; a wrong password and an account outside the roster refused;
// the idle culler stopping a server; the hub's secrets private.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {
  ROOT, OUT, launch, start, sleep, waitHttp, waitKernel, waitCellsDone, codeCells, outputProblems, figures,
  fullPageShot, hubLogin, testPorts,
} from './lib.mjs';

const PORTS = testPorts();
const PORT = PORTS.hub;
const BASE = `http://127.0.0.1:${PORT}`;
const LESSON = process.env.HUB_TEST_LESSON || '01-gmm-lab.ipynb';
// Everything of this run is named after its ports: runs on other ports never
// touch it.
const GROUP = `hubtest-${PORTS.base}`;
const NAME = `${GROUP}-`; // the accounts' prefix
const CULL_IDLE = 60; // seconds; the culler looks every 10 s
// The installed lab is kept between runs (it is a cache: sources, modules and
// the precompiled build cache); the state and the accounts are not. hub/bench.py
// uses the same.
const PREFIX = process.env.HUB_TEST_PREFIX ||
  `/var/tmp/gmmlab-hubtest-${crypto.createHash('sha256').update(ROOT).digest('hex').slice(0, 10)}-${PORTS.base}`;
const pw = () => crypto.randomBytes(12).toString('base64url');
const ada = { name: `${NAME}ada`, password: pw() };
const bob = { name: `${NAME}bob`, password: pw() };
const teach = { name: `${NAME}teach`, password: pw() };
const outsider = { name: `${NAME}out`, password: pw() };

const sh = (cmd, args, opts = {}) => execFileSync(cmd, args, { encoding: 'utf8', ...opts });
const trySh = (cmd, args) => { try { return sh(cmd, args, { stdio: ['ignore', 'pipe', 'ignore'] }); } catch { return ''; } };

// Test accounts of earlier runs on these ports: every user whose name starts
// with hubtest-PORT-.
function removeTestAccounts() {
  for (const line of fs.readFileSync('/etc/passwd', 'utf8').split('\n')) {
    const name = line.split(':')[0];
    if (name.startsWith(NAME)) trySh('userdel', ['--remove', name]);
  }
  trySh('groupdel', [GROUP]);
}

const uidOf = (name) => Number(sh('id', ['-u', name]).trim());
const mode = (p) => (fs.statSync(p).mode & 0o777).toString(8).padStart(4, '0');

// Processes of the hub's learners: [{pid, uid, args}].
function learnerProcesses() {
  return sh('ps', ['-eo', 'pid=,uid=,args=']).split('\n').map((l) => l.trim()).filter(Boolean)
    .map((l) => { const [pid, uid, ...a] = l.split(/\s+/); return { pid: Number(pid), uid: Number(uid), args: a.join(' ') }; })
    .filter((p) => p.args.includes('jupyterhub-singleuser') || p.args.startsWith(`${PREFIX}/bin/gonb`));
}

async function waitServer(page, user, timeoutMs = 240_000) {
  await page.waitForURL(new RegExp(`/user/${user}/tree`), { timeout: timeoutMs });
  await page.waitForSelector('#notebook_list a:has-text("lessons")', { timeout: 60_000 });
}

test('make hub: a class of learners in a real browser', { timeout: 1_500_000 }, async (t) => {
  if (process.getuid() !== 0) {
    t.skip('the hub test needs root: it creates system accounts and starts servers as them');
    return;
  }
  removeTestAccounts();
  const state = fs.mkdtempSync('/var/tmp/hubtest-state-');
  const roster = path.join(state, 'roster.csv');
  fs.writeFileSync(roster, `username,password\n${[ada, bob, teach].map((u) => `${u.name},${u.password}`).join('\n')}\n`, { mode: 0o600 });
  // An account with a valid password that is not in the roster.
  sh('useradd', ['--create-home', '--key', 'HOME_MODE=0700', outsider.name]);
  sh('chpasswd', [], { input: `${outsider.name}:${outsider.password}\n` });

  const hub = start('hub', 'bash', ['docker/hub.sh'], {
    HUB_IP: '127.0.0.1', HUB_PORT: String(PORT), HUB_PREFIX: PREFIX, HUB_STATE: state, HUB_GROUP: GROUP,
    HUB_CGROUP: GROUP, HUB_ROSTER: roster, HUB_ADMINS: teach.name, HUB_CULL_IDLE: String(CULL_IDLE),
    HUB_CULL_EVERY: '10', HUB_MEM_LIMIT: '1G', HUB_PIDS_LIMIT: '1024',
  });
  const browsers = [];
  t.after(async () => {
    for (const b of browsers) await b.close();
    await hub.stop(60_000); // the hub stops the learners' servers, then itself
    removeTestAccounts();
    fs.rmSync(state, { recursive: true, force: true });
  });
  const t0 = Date.now();
  await waitHttp(`${BASE}/hub/health`, hub, 900_000);
  t.diagnostic(`hub up after ${((Date.now() - t0) / 1000).toFixed(0)} s (install into ${PREFIX} included)`);
  const installed = Date.now();

  await t.test('the roster is applied again harmlessly, and a bad roster changes nothing', async () => {
    const roster2 = (lines) => { const f = path.join(state, 'roster2.csv'); fs.writeFileSync(f, lines, { mode: 0o600 }); return f; };
    const run = (file) => {
      try {
        return { code: 0, out: sh('/usr/bin/python3', ['hub/roster.py', file, '--group', GROUP], { cwd: ROOT, stdio: 'pipe' }) };
      } catch (e) {
        return { code: e.status, out: `${e.stdout}${e.stderr}` };
      }
    };
    const again = run(roster);
    assert.equal(again.code, 0, again.out);
    assert.match(again.out, /3 accounts, 0 created/);
    const bad = run(roster2(`username,password\n${NAME}new,fine\n${NAME}BAD,x\n${outsider.name},y\n`));
    assert.equal(bad.code, 1);
    assert.match(bad.out, new RegExp(`line 3: '${NAME}BAD' is not a valid user name`));
    assert.match(bad.out, /nothing was changed/);
    assert.equal(trySh('id', ['-u', `${NAME}new`]), '', 'a bad roster created an account');
    const taken = run(roster2(`username,password\n${outsider.name},y\n`));
    assert.match(taken.out, new RegExp(`line 2: ${outsider.name} is an existing account outside the group`));
  });

  await t.test('a wrong password and an account outside the roster are refused', async () => {
    const b = await launch('hub-refused');
    browsers.push(b);
    const page = await b.context.newPage();
    for (const [who, password] of [[ada.name, 'not-the-password'], [outsider.name, outsider.password], ['root', 'root']]) {
      // JupyterHub 3.0 answers the login form again (200), with the error.
      const resp = await hubLogin(page, BASE, who, password);
      assert.ok([200, 403].includes(resp.status()), `login of ${who} answered ${resp.status()}`);
      assert.match(page.url(), /\/hub\/login/);
      assert.match(await page.textContent('.login_error'), /Invalid username or password/);
      assert.equal((await b.context.cookies()).filter((c) => c.name.startsWith('jupyterhub-session')).length, 0);
    }
  });

  const adaBrowser = await launch('hub-ada');
  browsers.push(adaBrowser);
  const adaPage = await adaBrowser.context.newPage();
  let figureCell = -1;
  let inCgroups = false; // whether learners' servers run in the hub's cgroups here

  await t.test('a learner logs in, starts a server and draws a lesson\'s figure', async () => {
    const started = Date.now();
    await hubLogin(adaPage, BASE, ada.name, ada.password);
    await waitServer(adaPage, ada.name);
    const serverSeconds = (Date.now() - started) / 1000;
    await adaPage.goto(`${BASE}/user/${ada.name}/notebooks/lessons/${LESSON}`);
    await waitKernel(adaPage);
    const cells = await codeCells(adaPage);
    const fig = cells.find((c) => /\bShow\(|gonbui\.Display/.test(c.source));
    assert.ok(fig, `${LESSON} has no cell that shows a figure`);
    figureCell = fig.index;
    // Run what the figure needs (Cell > Run All Above), then the cell itself.
    await adaPage.click(`.cell >> nth=${figureCell}`);
    await adaPage.click('#celllink');
    await adaPage.click('#run_all_cells_above > a');
    await waitCellsDone(adaPage, 300_000);
    const cellStart = Date.now();
    await adaPage.click(`.cell >> nth=${figureCell}`);
    await adaPage.keyboard.press('Shift+Enter');
    await waitCellsDone(adaPage, 300_000);
    const cellSeconds = (Date.now() - cellStart) / 1000;
    const ran = (await codeCells(adaPage)).filter((c) => c.index <= figureCell);
    assert.deepEqual(outputProblems(ran), []);
    assert.deepEqual(ran.filter((c) => typeof c.count !== 'number').map((c) => c.index), [], 'cells that did not run');
    const figs = await figures(adaPage, figureCell);
    assert.ok(figs.length >= 1, `cell ${figureCell} shows no <img>`);
    for (const f of figs) assert.ok(f.complete && f.width > 0 && f.height > 0, `figure not loaded: ${JSON.stringify(f)}`);
    fs.mkdirSync(OUT, { recursive: true });
    await fullPageShot(adaPage, path.join(OUT, 'hub-learner-lesson.png'));
    await adaPage.locator(`.cell >> nth=${figureCell}`).screenshot({ path: path.join(OUT, 'hub-learner-figure.png') });

    // Her server and kernel run as her, in her cgroup; her go commands
    // found the packages precompiled and wrote only to her own layer.
    const procs = learnerProcesses();
    const uid = uidOf(ada.name);
    assert.ok(procs.some((p) => p.uid === uid && p.args.includes('jupyterhub-singleuser')), JSON.stringify(procs));
    assert.ok(procs.some((p) => p.uid === uid && p.args.includes('/bin/gonb')), JSON.stringify(procs));
    assert.deepEqual(procs.filter((p) => p.uid === 0), [], 'a learner process runs as root');
    const server = procs.find((p) => p.uid === uid && p.args.includes('jupyterhub-singleuser'));
    const cgroups = fs.readFileSync(`/proc/${server.pid}/cgroup`, 'utf8');
    inCgroups = cgroups.includes(`/${GROUP}/${ada.name}`);
    const own = path.join(`/home/${ada.name}/.cache/gmmlab-go/o`);
    // What the go command compiled for her: every file of her layer but
    // the module index entries ("go index" files, a few hundred bytes
    // each, which the go command writes per standard-library directory it
    // reads; they hold no compiled code).
    const files = fs.existsSync(own) ? sh('find', [own, '-type', 'f']).split('\n').filter(Boolean) : [];
    const isIndex = (f) => { const b = Buffer.alloc(8); const fd = fs.openSync(f, 'r'); fs.readSync(fd, b, 0, 8, 0); fs.closeSync(fd); return b.toString('latin1') === 'go index'; };
    const indexes = files.filter(isIndex).length;
    const objects = files.length - indexes;
    const changedShared = sh('find', [path.join(PREFIX, 'gocache'), '-newermt', `@${Math.floor(installed / 1000)}`, '-type', 'f']).trim();
    assert.equal(changedShared, '', 'the shared build cache changed while learners worked');
    assert.ok(objects <= 4 * ran.length, `${objects} objects in her own cache layer after ${ran.length} cells: the shared cache was not used`);
    // Her kernel built the cells through gonbgo (bin/kernel/go, the lab's
    // faster cells), which kept its plans in her own cache, private to her.
    const plans = `/home/${ada.name}/.cache/gmmlab-gonbgo`;
    const planFiles = fs.existsSync(plans) ? fs.readdirSync(plans).filter((f) => /^[0-9a-f]{64}\.json$/.test(f)) : [];
    assert.ok(planFiles.length >= 1, `no gonbgo plan in ${plans}: her kernel did not build through gonbgo`);
    assert.equal(fs.statSync(plans).uid, uid, `${plans} is not hers`);
    assert.equal(fs.statSync(plans).mode & 0o077, 0, `${plans} is open to others`);
    // Every cell she ran is a lesson cell as shipped: her kernel got each
    // program from the store hub-install.sh prebuilt, and linked none itself.
    const ownPrograms = path.join(plans, 'programs');
    const linked = fs.existsSync(ownPrograms) ? fs.readdirSync(ownPrograms) : [];
    assert.deepEqual(linked, [], 'her kernel linked lesson cells the hub had prebuilt');
    assert.ok(fs.readdirSync(path.join(PREFIX, 'programs')).length > ran.length, 'the hub prebuilt no lesson programs');
    t.diagnostic(`server ready ${serverSeconds.toFixed(1)} s after login; figure cell ${figureCell} ran in ${cellSeconds.toFixed(1)} s; ` +
      `${objects} objects (and ${indexes} module index entries) in her own Go cache layer, ${planFiles.length} gonbgo plans; cgroups: ${cgroups.split('\n').filter((l) => l.includes(GROUP)).join(' ') || 'none'}`);
    await adaPage.close(); // from now on her server is idle
  });

  await t.test('a second learner cannot reach the first one\'s files', async () => {
    const b = await launch('hub-bob');
    browsers.push(b);
    const page = await b.context.newPage();
    await hubLogin(page, BASE, bob.name, bob.password);
    await waitServer(page, bob.name);
    for (const url of [`/user/${ada.name}/tree`, `/user/${ada.name}/notebooks/lessons/${LESSON}`,
      `/user/${ada.name}/files/lessons/${LESSON}`, `/user/${ada.name}/api/contents/lessons`]) {
      const resp = await page.goto(BASE + url);
      assert.ok([403, 404].includes(resp.status()), `${url} answered ${resp.status()} to ${bob.name}`);
      assert.ok(!(await page.content()).includes('nbformat'), `${url} showed a notebook to ${bob.name}`);
      const api = await page.request.get(BASE + url, { maxRedirects: 10 });
      assert.ok([403, 404].includes(api.status()), `${url} answered ${api.status()} to ${bob.name}'s request`);
    }
    assert.equal((await page.goto(`${BASE}/hub/admin`)).status(), 403, 'a learner opened the admin page');

    // From his own notebook: a shell cell and a Go cell try to read her files
    // and the hub's secret.
    await page.goto(`${BASE}/user/${bob.name}/notebooks/lessons/${LESSON}`);
    await waitKernel(page);
    const target = `/home/${ada.name}/gmmlab/lessons/${LESSON}`;
    const shell = `!id -un; cat ${target} 2>&1 | head -c 200; ls /home/${ada.name} 2>&1; cat ${state}/jupyterhub_cookie_secret 2>&1`;
    const go = ['%%', `b, err := os.ReadFile("${target}")`, 'fmt.Printf("read %d bytes: %v\\n", len(b), err)',
      `entries, err := os.ReadDir("/home/${ada.name}")`, 'fmt.Printf("listed %d entries: %v\\n", len(entries), err)'].join('\n');
    // ... and the exercises' masters, the grading test data and bundle and the
    // repository in the checkout the hub was installed from: closed to him.
    // He finds no solution or hidden test in what the hub gave him either,
    // and the library (check included, which the exercises import) compiles
    // for him.
    const masterName = fs.readdirSync(path.join(ROOT, 'exercises')).find((f) => f.endsWith('.ipynb'));
    const master = path.join(ROOT, 'exercises', masterName);
    const secretShell = [`!cat ${master} 2>&1 | head -c 300; echo`,
      `cat ${ROOT}/grading/testdata/expected_grades.csv 2>&1 | head -c 300; echo`,
      `ls ${ROOT}/build/autograder 2>&1; ls ${ROOT} 2>&1`,
      `git -C ${ROOT} show HEAD:exercises/${masterName} 2>&1 | head -c 300; echo`,
      `echo "marked files: $(grep -rlE 'BEGIN (SOLUTION|HIDDEN TESTS)' ${PREFIX}/src ${PREFIX}/share ~/gmmlab 2>&1 | wc -l)"`,
      `echo "hidden checks: $(grep -rl 'check[.]Hidden' ${PREFIX}/share ~/gmmlab 2>&1 | wc -l)"`,
      `echo "src: $(ls ${PREFIX}/src | tr '\\n' ' ')"`].join('; ');
    const secretGo = ['import "github.com/gmmlab/gmmlab/check"', '', '%%', `b, err := os.ReadFile("${master}")`,
      'fmt.Printf("master: read %d bytes: %v\\n", len(b), err)', 'fmt.Println("check compiles:", check.NotDone != nil)'].join('\n');
    const [i, j, k, l] = await page.evaluate(([shell, go, secretShell, secretGo]) => {
      const nb = window.Jupyter.notebook;
      const n = nb.ncells();
      nb.insert_cell_at_index('code', n).set_text(shell);
      nb.insert_cell_at_index('code', n + 1).set_text(go);
      nb.insert_cell_at_index('code', n + 2).set_text(secretShell);
      nb.insert_cell_at_index('code', n + 3).set_text(secretGo);
      nb.execute_cells([0, n, n + 1, n + 2, n + 3]);
      return [n, n + 1, n + 2, n + 3];
    }, [shell, go, secretShell, secretGo]);
    await waitCellsDone(page, 300_000);
    const cells = await codeCells(page);
    const text = (k) => cells.find((c) => c.index === k).outputs.map((o) => [].concat(o.text).join('')).join('');
    const sout = text(i), gout = text(j);
    await fullPageShot(page, path.join(OUT, 'hub-second-learner.png'));
    assert.match(sout, new RegExp(`^${bob.name}$`, 'm'), sout);
    assert.equal((sout.match(/Permission denied/g) || []).length, 3, `shell cell output:\n${sout}`);
    assert.ok(!sout.includes('nbformat'), sout);
    assert.match(gout, /read 0 bytes: open .*: permission denied/, gout);
    assert.match(gout, /listed 0 entries: open .*: permission denied/, gout);
    t.diagnostic(`shell cell: ${JSON.stringify(sout)}; Go cell: ${JSON.stringify(gout)}`);

    const xout = text(k), yout = text(l);
    assert.ok(!xout.includes('nbformat') && !xout.includes('BEGIN') && !/^\S+,\S+$/m.test(xout), `a secret was read:\n${xout}`);
    for (const what of [`cat: ${master}: Permission denied`, `cat: ${ROOT}/grading/testdata/expected_grades.csv: Permission denied`,
      `ls: cannot access '${ROOT}/build/autograder': Permission denied`, `ls: cannot open directory '${ROOT}': Permission denied`]) {
      assert.ok(xout.includes(what), `no "${what}" in:\n${xout}`);
    }
    assert.match(xout, /fatal: cannot change to .*: Permission denied/, xout);
    assert.match(xout, /^marked files: 0$/m, xout);
    assert.match(xout, /^hidden checks: 0$/m, xout);
    assert.match(xout, /^src: .*\bgmmlab\b/m, xout);
    assert.doesNotMatch(xout, /^src: .*\b(exercises|grading|build)\b/m, xout);
    assert.match(yout, /master: read 0 bytes: open .*: permission denied/, yout);
    assert.match(yout, /check compiles: true/, yout);
    t.diagnostic(`checkout from a shell cell: ${JSON.stringify(xout)}; from Go: ${JSON.stringify(yout)}`);

    // A runaway cell meets his memory limit (HUB_MEM_LIMIT=1G): the cell's
    // program is killed, his kernel and server go on.
    const uid = uidOf(bob.name);
    const server = learnerProcesses().find((p) => p.uid === uid && p.args.includes('jupyterhub-singleuser'));
    const cg = fs.readFileSync(`/proc/${server.pid}/cgroup`, 'utf8');
    const memLine = cg.split('\n').find((l) => /:memory:/.test(l) && l.includes(GROUP));
    if (!memLine) {
      t.diagnostic('no memory cgroup on this machine: the memory limit is not enforced, not tested');
      return;
    }
    const memDir = path.join('/sys/fs/cgroup/memory', memLine.split(':')[2]);
    assert.equal(fs.readFileSync(path.join(memDir, 'memory.limit_in_bytes'), 'utf8').trim(), String(1 << 30));
    const hog = ['%%', 'var keep [][]byte', 'for i := 0; i < 32; i++ {', '\tb := make([]byte, 64<<20)',
      '\tfor j := range b {', '\t\tb[j] = 1', '\t}', '\tkeep = append(keep, b)', '}',
      'fmt.Println("allocated", len(keep)*64, "MiB")'].join('\n');
    const after = ['%%', 'fmt.Println("still here")'].join('\n');
    const [h, a] = await page.evaluate(([hog, after]) => {
      const nb = window.Jupyter.notebook;
      const n = nb.ncells();
      nb.insert_cell_at_index('code', n).set_text(hog);
      nb.insert_cell_at_index('code', n + 1).set_text(after);
      nb.execute_cells([n]);
      return [n, n + 1];
    }, [hog, after]);
    await waitCellsDone(page, 300_000);
    await page.evaluate((a) => window.Jupyter.notebook.execute_cells([a]), a);
    await waitCellsDone(page, 300_000);
    const cells2 = await codeCells(page);
    const text2 = (k) => cells2.find((c) => c.index === k).outputs.map((o) => [].concat(o.text).join('')).join('');
    assert.ok(!text2(h).includes('allocated 2048 MiB'), `the runaway cell was not stopped: ${text2(h)}`);
    assert.match(text2(h), /killed/, text2(h));
    assert.match(text2(a), /still here/, `the kernel did not survive: ${text2(a)}`);
    t.diagnostic(`runaway cell: ${JSON.stringify(text2(h).slice(0, 200))}; then: ${JSON.stringify(text2(a))}`);
  });

  await t.test('an admin of the roster reaches the admin page', async () => {
    const b = await launch('hub-teach');
    browsers.push(b);
    const page = await b.context.newPage();
    const resp = await hubLogin(page, BASE, teach.name, teach.password, '/hub/admin');
    assert.ok(resp.status() < 400, `admin login answered ${resp.status()}`);
    assert.equal((await page.goto(`${BASE}/hub/admin`)).status(), 200);
    // The hub takes cookie-authenticated API requests from its own pages only.
    const users = await page.request.get(`${BASE}/hub/api/users`, { headers: { Referer: `${BASE}/hub/admin` } });
    assert.equal(users.status(), 200);
    const names = (await users.json()).map((u) => u.name);
    for (const u of [ada.name, bob.name]) assert.ok(names.includes(u), names.join(' '));
    await page.close();
  });

  await t.test('the hub\'s secrets are private and every server listens on 127.0.0.1', async () => {
    assert.equal(mode(state), '0700');
    for (const f of ['jupyterhub_cookie_secret', 'jupyterhub.sqlite']) assert.equal(mode(path.join(state, f)), '0600', f);
    for (const u of [ada, bob, teach]) assert.equal(mode(`/home/${u.name}`), '0700', u.name);
    const inRange = (a) => { const p = Number(a.split(':').pop()); return p >= PORTS.first && p <= PORTS.last; };
    const listening = sh('ss', ['-Hltn']).split('\n').map((l) => l.trim().split(/\s+/)[3]).filter((a) => a && inRange(a));
    assert.ok(listening.length >= 4, `ports: ${listening.join(' ')}`); // proxy, hub API, proxy API, servers
    assert.deepEqual(listening.filter((a) => !a.startsWith('127.0.0.1:')), [], 'listening beyond 127.0.0.1');
  });

  await t.test('the idle culler stops a server left idle; a server that dies leaves nothing running', async () => {
    // Bob's server dies (as if the OOM killer chose it): the hub notices at
    // its next poll and kills what is left in his cgroup, his kernel.
    const bobUid = uidOf(bob.name);
    const bobServer = learnerProcesses().find((p) => p.uid === bobUid && p.args.includes('jupyterhub-singleuser'));
    assert.ok(learnerProcesses().some((p) => p.uid === bobUid && p.args.includes('/bin/gonb')), 'bob has no kernel');
    process.kill(bobServer.pid, 'SIGKILL');
    const deadline = Date.now() + (CULL_IDLE + 120) * 1000;
    const line = `culler: stopped ${ada.name}'s server`;
    while (!hub.log().includes(line)) {
      assert.ok(Date.now() < deadline, `no "${line}" in the hub's log`);
      await sleep(2000);
    }
    await sleep(3000);
    const uid = uidOf(ada.name);
    assert.deepEqual(learnerProcesses().filter((p) => p.uid === uid), [], 'her processes outlived the culling');
    assert.ok(fs.existsSync(`/home/${ada.name}/gmmlab/lessons/${LESSON}`), 'culling lost her files');
    if (inCgroups) {
      while (learnerProcesses().some((p) => p.uid === bobUid)) {
        assert.ok(Date.now() < deadline, `bob's processes outlived his server: ${JSON.stringify(learnerProcesses())}`);
        await sleep(2000);
      }
    }
  });
});
