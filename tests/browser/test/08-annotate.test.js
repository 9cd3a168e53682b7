// Annotating in the browser while `dossier serve` runs: on a copy of the
// river-spill fixture, select a passage of an article, fill the Annotate
// form, save, and see the note on the page after it reloads; then delete it
// from its side note and see the file byte for byte as it was.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { REPO_ROOT, SCREENSHOT_DIR, launchBrowser } from '../lib/config.js';

const BIN = path.join(REPO_ROOT, 'target', 'release', 'dossier');
const ARTICLE = path.join('content', 'articles', 'spill-denied.md');
const QUOTE = 'took samples on 3 March';
let browser;
let dir;
let server;
let base;

/** Copies a folder tree. */
function copyTree(from, to) {
  fs.cpSync(from, to, { recursive: true });
}

/** Starts `dossier serve <dir> -p 0`; resolves to its URL once printed. */
function startServer(root) {
  return new Promise((resolve, reject) => {
    server = spawn(BIN, ['serve', root, '-p', '0'], { stdio: ['ignore', 'ignore', 'pipe'] });
    let log = '';
    const timer = setTimeout(() => reject(new Error(`no address in 60 s:\n${log}`)), 60000);
    server.stderr.on('data', (chunk) => {
      log += chunk;
      const m = log.match(/http:\/\/127\.0\.0\.1:\d+\//);
      if (m) {
        clearTimeout(timer);
        resolve(m[0]);
      }
    });
    server.on('exit', (code) => reject(new Error(`dossier serve exited ${code}:\n${log}`)));
  });
}

before(async () => {
  assert.ok(fs.existsSync(BIN), `build ${BIN} first (cargo build --release)`);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dossier-annotate-'));
  copyTree(path.join(REPO_ROOT, 'tests', 'fixtures', 'river-spill'), dir);
  base = await startServer(dir);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  server?.kill();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

/** Selects the first occurrence of `text` in the article body. */
async function select(page, text) {
  await page.evaluate((text) => {
    const body = document.querySelector('.article-body');
    const walker = document.createTreeWalker(body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = node.data.indexOf(text);
      if (at !== -1) {
        const range = document.createRange();
        range.setStart(node, at);
        range.setEnd(node, at + text.length);
        const sel = window.getSelection();
        sel.removeAllRanges();
        sel.addRange(range);
        return;
      }
    }
    throw new Error(`not on the page: ${text}`);
  }, text);
  // As a reader's mouse would end the selection.
  const box = await page.evaluate(() => {
    const r = window.getSelection().getRangeAt(0).getBoundingClientRect();
    return { x: r.right - 2, y: r.top + r.height / 2 };
  });
  await page.mouse.move(box.x, box.y);
  await page.mouse.up();
}

test('select a passage, annotate it, see the note after the reload, delete it', async () => {
  const original = fs.readFileSync(path.join(dir, ARTICLE));
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const problems = [];
  page.on('pageerror', (e) => problems.push(String(e)));
  await page.goto(base + 'articles/spill-denied.html');
  assert.ok(await page.$('meta[name="dossier-token"]'), 'the served page carries the token');

  await select(page, QUOTE);
  const annotate = page.getByRole('button', { name: 'Annotate', exact: true });
  await annotate.waitFor({ state: 'visible', timeout: 5000 });
  await annotate.click();
  const dialog = page.getByRole('dialog', { name: 'Annotate' });
  await dialog.waitFor({ state: 'visible', timeout: 10000 });
  // No kind is chosen for the author, and none can be saved unchosen.
  assert.equal(await dialog.getByLabel('Kind').inputValue(), '');
  await dialog.getByLabel('Note (Markdown)').fill('The inspector is named in *this* report only.');
  const before = fs.readFileSync(path.join(dir, ARTICLE), 'utf8');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await page.waitForTimeout(500);
  assert.equal(await dialog.getByLabel('Kind').evaluate((s) => s.validity.valueMissing), true);
  assert.equal(fs.readFileSync(path.join(dir, ARTICLE), 'utf8'), before, 'nothing written without a kind');
  await dialog.getByLabel('Kind').selectOption('context');
  const actors = dialog.getByLabel('Actors', { exact: true });
  await actors.fill('ivanova');
  await actors.press('Enter');
  assert.match(await dialog.locator('.dossier-chips').first().innerText(), /Мария Иванова/);
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'annotate-form.png') });

  const reloaded = page.waitForEvent('load', { timeout: 30000 });
  await dialog.getByRole('button', { name: 'Save' }).click();
  await reloaded;
  const note = page.locator('#note-took-samples-on-3-march');
  await note.waitFor({ state: 'attached', timeout: 10000 });
  assert.match(await note.innerText(), /named in this report only/);
  assert.match(fs.readFileSync(path.join(dir, ARTICLE), 'utf8'), /- id: took-samples-on-3-march\n/);
  await note.scrollIntoViewIfNeeded();
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'annotate-saved.png') });

  page.once('dialog', (d) => d.accept());
  const again = page.waitForEvent('load', { timeout: 30000 });
  await note.getByRole('button', { name: 'Delete annotation took-samples-on-3-march' }).click();
  await again;
  assert.equal(await page.locator('#note-took-samples-on-3-march').count(), 0);
  assert.deepEqual(fs.readFileSync(path.join(dir, ARTICLE)), original, 'the file is as it was');
  assert.deepEqual(problems, []);
  await page.close();
});
