import { escapeHtml, renderVerificationPage } from './verification-page.js';

describe('renderVerificationPage', () => {
  it('should escape every value it prints', () => {
    const sut = renderVerificationPage(
      {
        id: 'c1',
        valid: true,
        signatureValid: true,
        status: 'active',
        designation: 'trained_teacher' as never,
        achievement: 'Trained MSC Teacher',
        holderName: '<script>alert("x")</script>',
        issuedAt: '2027-03-15T10:00:00.000Z',
        issuer: { id: 'https://x', name: 'A & B' },
        statusChangedAt: null,
      },
      { vc: '/vc', json: '/json' },
    );
    expect(sut).not.toContain('<script>');
    expect(sut).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(sut).toContain('A &amp; B');
    expect(sut).toContain('Valid');
  });

  it('should escape quotes for attributes', () => {
    expect(escapeHtml(`"'<>&`)).toBe('&quot;&#39;&lt;&gt;&amp;');
  });
});
