/**
 * The downloads page of a real build, opened from disk in Chromium: every
 * publication listed, each link's file matching the sha256 shown, nothing loaded
 * from elsewhere, and no axe-core violation. Skipped without Chromium.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OutputReport } from '../src/build.js';
import type { MessageJson } from '../src/diagnostics/json.js';
import { writeDownloadsPage, type DownloadsReport } from '../src/output/downloads-page.js';
import { withPublicationInfo } from '../src/output/publication-info.js';
import { axeAvailable, axeViolations, browserAvailable, launchBrowser, watchPage } from './helpers/browser.js';
import { libRoot, sampleProject } from './helpers/browser-preview.js';

interface JsonPublication {
  name: string;
  inputs: string[];
  ok: boolean;
  outputs: Array<Omit<OutputReport, 'path'> & { path: string }>;
  pages?: number;
  messages: MessageJson[];
}

function publicationsOf(json: unknown): JsonPublication[] {
  if (typeof json !== 'object' || json === null || !('publications' in json) || !Array.isArray(json.publications)) throw new Error('unexpected --json report');
  return json.publications.filter((p): p is JsonPublication => typeof p === 'object' && p !== null && 'name' in p && 'outputs' in p);
}

describe.skipIf(!browserAvailable)('downloads page in Chromium', () => {
  let project: string;
  let browser: Browser;
  let reports: DownloadsReport[];

  beforeAll(async () => {
    project = sampleProject(['brief-en', 'brief-fr']);
    const run = spawnSync(process.execPath, [join(libRoot, 'cli', 'run.js'), 'build', '--json', '--theme', join(project, 'theme')], { cwd: project, encoding: 'utf8', timeout: 240_000 });
    expect(run.status, run.stderr).toBe(0);
    // The page is made from the same data as the --json report.
    reports = await withPublicationInfo(
      publicationsOf(JSON.parse(run.stdout)).map((p) => ({ name: p.name, inputs: p.inputs, dependencies: [], ok: p.ok, messages: p.messages, durationMs: 0, outputs: p.outputs.map((o) => ({ ...o, path: join(project, o.path) })), ...(p.pages !== undefined ? { pages: p.pages } : {}) })),
    );
    writeDownloadsPage(reports, { title: 'Folio samples' }, join(project, 'dist'));
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    if (project) rmSync(project, { recursive: true, force: true });
  });

  it('lists every publication, with links whose files match their sha256, and loads nothing else', async () => {
    const page = await browser.newPage();
    const watch = watchPage(page);
    const url = pathToFileURL(join(project, 'dist', 'index.html')).href;
    await page.goto(url);
    const cards = page.locator('li.publication');
    expect(await cards.count()).toBe(reports.length);
    expect(await page.locator('h2').allTextContents()).toEqual(['Port Ellery bets on battery ferries', 'La Vernelle met 200 millions d’euros sur ses marais']);
    let checked = 0;
    for (let i = 0; i < reports.length; i++) {
      const links = cards.nth(i).locator('a.button');
      expect(await links.count()).toBe(2);
      for (let j = 0; j < 2; j++) {
        const href = await links.nth(j).getAttribute('href');
        const sha = await cards.nth(i).locator('code[data-sha256]').nth(j).textContent();
        const file = fileURLToPath(new URL(href ?? '', url));
        expect(createHash('sha256').update(readFileSync(file)).digest('hex'), file).toBe(sha);
        checked++;
      }
      // The cover thumbnail is a file of its own in dist/, and it loaded.
      const loaded = await cards.nth(i).locator('img.cover').evaluate((img) => img instanceof HTMLImageElement && img.complete && img.naturalWidth > 0);
      expect(loaded).toBe(true);
    }
    expect(checked).toBe(4);
    expect(watch.errors).toEqual([]);
    expect(watch.requests.filter((r) => !r.startsWith('file://'))).toEqual([]);
    await page.close();
  });

  it.skipIf(!axeAvailable)('has no accessibility violations (axe-core), in light and dark schemes', async () => {
    for (const colorScheme of ['light', 'dark'] as const) {
      const page = await browser.newPage({ bypassCSP: true, colorScheme });
      await page.goto(pathToFileURL(join(project, 'dist', 'index.html')).href);
      expect(await axeViolations(page), colorScheme).toEqual([]);
      await page.close();
    }
  });
});
