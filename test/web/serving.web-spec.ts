import { gzipSync } from 'node:zlib';
import { baseUrl, disconnectBrowser, openPage } from './browser.js';

afterAll(() => disconnectBrowser());

describe('Serving the web app from the API process', () => {
  it('should answer index.html for app paths, never for API paths or missing assets', async () => {
    for (const path of [
      '/',
      '/login',
      '/reviews/2f0c6a55-1d7c-4a4e-9b9b-0b6c1f0d7c11',
      '/admin/cohorts',
    ]) {
      const response = await fetch(`${baseUrl}${path}`);
      expect([path, response.status]).toEqual([path, 200]);
      expect(response.headers.get('content-type')).toMatch(/^text\/html/);
      expect(response.headers.get('cache-control')).toBe('no-cache');
      expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
      expect(await response.text()).toContain('<div id="root">');
    }
    const api = await fetch(`${baseUrl}/api/v1/no-such-thing`);
    expect(api.status).toBe(404);
    expect(api.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect((await fetch(`${baseUrl}/assets/no-such-file.js`)).status).toBe(404);
    expect((await fetch(`${baseUrl}/health/live`)).status).toBe(200);
    const docs = await fetch(`${baseUrl}/docs`);
    expect(docs.status).toBe(200);
    expect(await docs.text()).toMatch(/swagger/i);
  }, 60_000);

  it('should serve hashed assets with a year-long immutable cache', async () => {
    const html = await (await fetch(`${baseUrl}/`)).text();
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    expect(script).toBeDefined();
    const asset = await fetch(`${baseUrl}${script}`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
  }, 60_000);

  it('should load the sign-in page with well under 200 KB of gzipped JavaScript', async () => {
    const web = await openPage();
    try {
      const sizes = new Map<string, number>();
      web.page.on('response', async (response) => {
        if (!response.url().endsWith('.js')) return;
        sizes.set(response.url(), gzipSync(await response.body()).length);
      });
      await web.page.goto('/', { waitUntil: 'networkidle' });
      await web.page.getByRole('button', { name: 'Sign in' }).waitFor();
      const total = [...sizes.values()].reduce((a, b) => a + b, 0);
      expect(total).toBeGreaterThan(10_000);
      // Each file named when it fails, so the chunk that grew is plain to see.
      if (total >= 180_000) throw new Error(`${total} bytes: ${JSON.stringify([...sizes])}`);
      expect(web.problems).toEqual([]);
    } finally {
      await web.close();
    }
  }, 60_000);
});
