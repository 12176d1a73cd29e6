/**
 * A real browser for end-to-end tests: Debian's Chromium driven by playwright-core
 * (never a browser download). `browserAvailable` is false where either is missing,
 * so suites skip cleanly with `describe.skipIf(!browserAvailable)`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright-core';

export const chromiumPath = process.env.FOLIO_CHROMIUM ?? '/usr/bin/chromium';
const require = createRequire(import.meta.url);

function resolvable(name: string): boolean {
  try {
    require.resolve(name);
    return true;
  } catch {
    return false;
  }
}

export const browserAvailable = existsSync(chromiumPath) && resolvable('playwright-core');
export const axeAvailable = resolvable('axe-core');

export const chromiumArgs = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export async function launchBrowser(): Promise<Browser> {
  const { chromium } = await import('playwright-core');
  return chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
}

export interface PageWatch {
  /** Console errors, page errors and failed requests seen so far. */
  errors: string[];
  /** Every URL the page requested. */
  requests: string[];
}

/** Records console errors, uncaught exceptions, failed requests and every request URL of `page`. */
export function watchPage(page: Page): PageWatch {
  const watch: PageWatch = { errors: [], requests: [] };
  page.on('console', (message) => {
    if (message.type() === 'error') watch.errors.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => watch.errors.push(`page: ${error.message}`));
  page.on('requestfailed', (request) => watch.errors.push(`request failed: ${request.url()} ${request.failure()?.errorText ?? ''}`));
  page.on('request', (request) => watch.requests.push(request.url()));
  return watch;
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

function isViolationList(value: unknown): value is AxeViolation[] {
  return Array.isArray(value) && value.every((v) => typeof v === 'object' && v !== null && 'id' in v && 'nodes' in v);
}

/** Runs axe-core (WCAG 2.x A and AA, best practices) on the page's top document. */
export async function axeViolations(page: Page, options: { exclude?: string[] } = {}): Promise<AxeViolation[]> {
  const source = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  await page.addScriptTag({ content: source });
  const result: unknown = await page.evaluate(async (exclude: string[]) => {
    // `axe` is the global the injected axe.min.js defines; the page's types do not know it.
    const axe = (window as unknown as { axe: { run: (context: unknown, options: unknown) => Promise<{ violations: Array<{ id: string; impact: string | null; help: string; nodes: Array<{ target: unknown[] }> }> }> } }).axe;
    const context = exclude.length > 0 ? { exclude: exclude.map((selector) => [selector]) } : document;
    const { violations } = await axe.run(context, { iframes: false, runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] } });
    return violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target.join(' ')) }));
  }, options.exclude ?? []);
  if (!isViolationList(result)) throw new Error('axe returned an unexpected result');
  return result;
}
