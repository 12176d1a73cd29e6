/**
 * `folio preview` end to end in a real browser (Debian's Chromium through
 * playwright-core): the page loads cleanly, chapters switch, saving a manuscript
 * or the theme updates the open page, an injected error shows with its position
 * while the last good render stays, the PDF pane draws pages, and axe-core finds
 * nothing. Skipped where Chromium or playwright-core is not installed.
 */
import { createHash } from 'node:crypto';
import { appendFileSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeAvailable, axeViolations, browserAvailable, launchBrowser, watchPage, type PageWatch } from './helpers/browser.js';
import { libRoot, sampleProject, startPreview, waitForState, type RunningPreview } from './helpers/browser-preview.js';

const ready = browserAvailable && existsSync(join(libRoot, 'cli', 'preview.js'));

describe.skipIf(!ready)('folio preview in Chromium', () => {
  let project: string;
  let preview: RunningPreview;
  let browser: Browser;
  let page: Page;
  let watch: PageWatch;
  const manuscript = () => join(project, 'manuscripts', 'brief-en.md');
  const frame = () => page.frameLocator('#epub-frame');

  beforeAll(async () => {
    project = sampleProject(['brief-en', 'brief-fr']);
    preview = await startPreview(project, [], 0, join(project, 'theme'));
    await waitForState(preview.url, (s) => !s.building && s.publications.length === 2 && s.publications.every((p) => p.status === 'ok'));
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    watch = watchPage(page);
    await page.goto(`${preview.url}#brief-en`);
  });

  afterAll(async () => {
    await browser?.close();
    const code = await preview?.stop();
    if (project) rmSync(project, { recursive: true, force: true });
    expect(code).toBe(0);
  });

  it('loads without console errors and shows the first chapter from the EPUB', async () => {
    await expect.poll(() => frame().locator('h1').first().textContent(), { timeout: 20_000 }).toBe('Port Ellery bets on battery ferries');
    // The frame shows the very XHTML of the built EPUB, with its stylesheet.
    expect(await page.locator('#epub-frame').getAttribute('src')).toMatch(/^\/pub\/brief-en\/[0-9a-f]{16}\/epub\/OEBPS\/ch-1\.xhtml$/);
    expect(await frame().locator('link[rel=stylesheet]').getAttribute('href')).toBe('style.css');
    await expect.poll(() => page.locator('#status').textContent()).not.toBe('Connecting…');
    expect(await page.locator('#message-list').textContent()).toContain('No errors or warnings');
    expect(watch.errors).toEqual([]);
    const origin = new URL(preview.url).origin;
    expect(watch.requests.filter((url) => !url.startsWith(origin) && !url.startsWith('data:') && !url.startsWith('blob:'))).toEqual([]);
  });

  it('switches chapters from the chapter list, and publications from the picker', async () => {
    await page.getByRole('navigation', { name: 'Chapters' }).getByRole('link', { name: 'Image credits' }).click();
    await expect.poll(() => frame().locator('body').getAttribute('class')).toBe('credits');
    expect(await page.getByRole('link', { name: 'Image credits' }).getAttribute('aria-current')).toBe('page');
    expect(page.url()).toContain('#brief-en/OEBPS/credits.xhtml');
    await page.getByRole('navigation', { name: 'Chapters' }).getByRole('link', { name: 'Why does it matter?' }).click();
    await expect.poll(() => frame().locator('body').getAttribute('class')).toBe('chapter');
    expect(await frame().locator('h2').first().textContent()).toBe('What is it about?');
    await page.selectOption('#publication', 'brief-fr');
    await expect.poll(() => frame().locator('h1').first().textContent()).toContain('La Vernelle');
    expect(await frame().locator('html').getAttribute('lang')).toBe('fr');
    await page.selectOption('#publication', 'brief-en');
    await expect.poll(() => frame().locator('h1').first().textContent()).toBe('Port Ellery bets on battery ferries');
    expect(watch.errors).toEqual([]);
  });

  it('draws the PDF page by page with pdf.js', async () => {
    const state = await waitForState(preview.url, () => true);
    const pages = state.publications.find((p) => p.name === 'brief-en')?.render?.pdf?.pages;
    expect(pages).toBeGreaterThan(0);
    await expect.poll(() => page.locator('#pdf-pages .pdf-page').count(), { timeout: 20_000 }).toBe(pages);
    await expect.poll(() => page.locator('#pdf-pages .pdf-page canvas').count(), { timeout: 20_000 }).toBeGreaterThan(0);
    // The first page has ink on it: count the dark pixels of its canvas.
    const dark = await page.locator('#pdf-pages .pdf-page canvas').first().evaluate((canvas) => {
      if (!(canvas instanceof HTMLCanvasElement)) return 0;
      const data = canvas.getContext('2d')?.getImageData(0, 0, canvas.width, canvas.height).data ?? new Uint8ClampedArray();
      let n = 0;
      for (let i = 0; i < data.length; i += 4) if ((data[i] ?? 255) < 100 && (data[i + 1] ?? 255) < 100 && (data[i + 2] ?? 255) < 100) n++;
      return n;
    });
    expect(dark).toBeGreaterThan(1000);
    expect(await page.locator('#pdf-pages .pdf-page').first().getAttribute('aria-label')).toBe(`Page 1 of ${pages}`);
  });

  it('updates the open page when the manuscript is saved', async () => {
    const scrollBefore = await page.locator('#epub-frame').evaluate((el) => (el instanceof HTMLIFrameElement ? el.contentWindow?.scrollY ?? 0 : 0));
    const started = Date.now();
    writeFileSync(manuscript(), readFileSync(manuscript(), 'utf8').replace('title: "Port Ellery bets on battery ferries"', 'title: "Port Ellery bets on quiet ferries"'));
    await expect.poll(() => frame().locator('h1').first().textContent(), { timeout: 30_000, intervals: [50] }).toBe('Port Ellery bets on quiet ferries');
    const elapsed = Date.now() - started;
    console.log(`preview: an edited brief reached the open page in ${elapsed} ms`);
    // Same document, same place: the reload keeps the reader's position.
    expect(await page.locator('#epub-frame').getAttribute('src')).toContain('ch-1.xhtml');
    expect(await page.locator('#epub-frame').evaluate((el) => (el instanceof HTMLIFrameElement ? el.contentWindow?.scrollY ?? 0 : 0))).toBeCloseTo(scrollBefore, -1);
    expect(await page.getByRole('link', { name: 'Port Ellery bets on quiet ferries' }).count()).toBe(1);
    expect(watch.errors).toEqual([]);
  });

  it('shows an injected error with its file:line:column and keeps the last good render', async () => {
    const good = readFileSync(manuscript(), 'utf8');
    const line = good.split('\n').length + (good.endsWith('\n') ? 1 : 2);
    appendFileSync(manuscript(), `${good.endsWith('\n') ? '\n' : '\n\n'}![A missing image](images/not-there.jpg)\n`);
    const item = page.locator('#message-list li.error');
    await expect.poll(() => item.first().textContent(), { timeout: 30_000 }).toContain(`manuscripts/brief-en.md:${line}:1`);
    expect(await item.first().textContent()).toContain('[image-missing]');
    expect(await page.locator('#banner').isVisible()).toBe(true);
    expect(await page.locator('#banner').textContent()).toContain('last good render');
    expect(await page.locator('#status').textContent()).toContain('Build failed: 1 error');
    // The last good render is still on screen.
    expect(await frame().locator('h1').first().textContent()).toBe('Port Ellery bets on quiet ferries');
    expect(await page.locator('#pdf-pages .pdf-page').count()).toBeGreaterThan(0);
    writeFileSync(manuscript(), good);
    await expect.poll(() => page.locator('#banner').isHidden(), { timeout: 30_000 }).toBe(true);
    expect(await page.locator('#message-list').textContent()).toContain('No errors or warnings');
    expect(watch.errors).toEqual([]);
  });

  it('rebuilds when the theme is saved', async () => {
    appendFileSync(join(project, 'theme', 'epub.css'), '\nh1 { color: rgb(1, 2, 3); }\n');
    await expect
      .poll(() => frame().locator('h1').first().evaluate((h1) => getComputedStyle(h1).color), { timeout: 45_000 })
      .toBe('rgb(1, 2, 3)');
  });

  it('serves a downloads page whose links match their sha256', async () => {
    const downloads = await browser.newPage();
    await downloads.goto(`${preview.url}downloads/`);
    expect(await downloads.locator('li.publication').count()).toBe(2);
    const links = downloads.locator('a.button');
    const sums = downloads.locator('code[data-sha256]');
    expect(await links.count()).toBe(4);
    for (let i = 0; i < 4; i++) {
      const response = await downloads.request.get(new URL((await links.nth(i).getAttribute('href')) ?? '', downloads.url()).href);
      expect(response.status()).toBe(200);
      expect(createHash('sha256').update(await response.body()).digest('hex')).toBe(await sums.nth(i).textContent());
    }
    if (axeAvailable) {
      const axePage = await browser.newPage({ bypassCSP: true });
      await axePage.goto(`${preview.url}downloads/`);
      expect(await axeViolations(axePage)).toEqual([]);
      await axePage.close();
    }
    await downloads.close();
  });

  it.skipIf(!axeAvailable)('has no accessibility violations (axe-core)', async () => {
    const axePage = await browser.newPage({ viewport: { width: 1400, height: 900 }, bypassCSP: true });
    await axePage.goto(`${preview.url}#brief-en`);
    await expect.poll(() => axePage.frameLocator('#epub-frame').locator('h1').first().textContent(), { timeout: 20_000 }).toBeTruthy();
    await expect.poll(() => axePage.locator('#pdf-pages canvas').count(), { timeout: 20_000 }).toBeGreaterThan(0);
    expect(await axeViolations(axePage)).toEqual([]);
    await axePage.close();
  });
});
