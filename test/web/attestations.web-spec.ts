import { jest } from '@jest/globals';
import { openPage, screenshot, seriousViolations, type WebPage } from './browser.js';
import { adminToken, call, newTrainee, signInAs } from './trainee-data.js';

jest.setTimeout(90_000);

// A 1×1 PNG: evidence is judged by its bytes.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

describe('Attestations (web)', () => {
  let web: WebPage;

  beforeEach(async () => {
    web = await openPage();
  });

  afterEach(() => web.close());

  it('should submit an attestation with its evidence and show its status as it is decided', async () => {
    const { page } = web;
    const trainee = await newTrainee();
    await signInAs(page, trainee.email, '/attestations');
    await page.getByRole('heading', { name: 'Attestations', level: 1 }).waitFor();
    await page.getByText('not submitted an attestation yet').waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    await page
      .getByRole('combobox', { name: 'Kind' })
      .selectOption({ label: 'A silent retreat of five days' });
    await page
      .getByRole('textbox', { name: 'Statement' })
      .fill('Five silent days at Gaia House, May 2026.');
    // Without the file, the API's message stands beside the Evidence field.
    await page.getByRole('button', { name: 'Submit attestation' }).click();
    const evidence = page.getByLabel('Evidence');
    await page.getByText('evidence is required').waitFor();
    expect(await evidence.getAttribute('aria-invalid')).toBe('true');
    expect(await evidence.getAttribute('aria-describedby')).toMatch(/-error/);
    expect(await seriousViolations(page)).toEqual([]);

    await evidence.setInputFiles({ name: 'retreat.png', mimeType: 'image/png', buffer: PNG });
    await page.getByRole('button', { name: 'Submit attestation' }).click();
    await page.getByRole('status').getByText('sent for review').waitFor();
    const list = page.getByRole('list', { name: 'Your attestations' });
    const item = list.getByRole('listitem').filter({ hasText: 'A silent retreat of five days' });
    await item.getByText('Pending review').waitFor();
    await item.getByText('retreat.png').waitFor();
    await screenshot(page, 'attestations');

    // A second one of the same kind while the first is pending: the API's refusal is shown.
    await page
      .getByRole('combobox', { name: 'Kind' })
      .selectOption({ label: 'A silent retreat of five days' });
    await page.getByRole('textbox', { name: 'Statement' }).fill('Again');
    await evidence.setInputFiles({ name: 'again.png', mimeType: 'image/png', buffer: PNG });
    await page.getByRole('button', { name: 'Submit attestation' }).click();
    await page.getByRole('alert').waitFor();
    expect(await list.getByRole('listitem').count()).toBe(1);

    const admin = await adminToken();
    const mine = await call<{ items: { id: string }[] }>(trainee.token, 'GET', '/me/attestations');
    await call(
      admin,
      'POST',
      `/attestations/${mine.items[0]!.id}/decision`,
      {
        decision: 'verified',
        note: 'Thank you',
      },
      200,
    );
    await page.reload();
    await item.getByText('Verified').waitFor();
    await item.getByText('Thank you').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    expect(web.problems).toEqual([]);
  });
});
