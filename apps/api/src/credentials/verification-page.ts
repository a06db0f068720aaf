import type { CredentialVerification } from '@msc/domain/credentials';

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => ENTITIES[c]!);

const STATUS_TEXT: Record<CredentialVerification['status'], string> = {
  active: 'Valid',
  suspended: 'Suspended',
  revoked: 'Revoked',
};

const formatDate = (iso: string) =>
  new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', dateStyle: 'long' }).format(new Date(iso));

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(title)}</title>
<style>
body{font-family:system-ui,sans-serif;margin:0;background:#f4f6fb;color:#1d2433}
main{max-width:40rem;margin:3rem auto;background:#fff;border-radius:12px;padding:2rem;box-shadow:0 2px 12px #0001}
h1{font-size:1.4rem;margin:0 0 1rem}
.badge{display:inline-block;padding:.3rem .8rem;border-radius:999px;font-weight:600}
.active{background:#dff5e3;color:#17652a}.suspended{background:#fff3d6;color:#7a5400}
.revoked,.invalid{background:#fbe0e0;color:#8a1c1c}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.5rem 1rem}dt{color:#5b6477}dd{margin:0}
small{color:#5b6477}
</style>
</head>
<body><main>${body}</main></body>
</html>`;
}

/** The page a QR code on a certificate opens: every value from the database is escaped. */
export function renderVerificationPage(
  v: CredentialVerification,
  links: { vc: string; json: string },
): string {
  const state = v.signatureValid ? v.status : 'invalid';
  const label = v.signatureValid ? STATUS_TEXT[v.status] : 'Signature not valid';
  return page(
    `${v.achievement}: ${v.holderName}`,
    `<h1>Credential verification</h1>
<p><span class="badge ${escapeHtml(state)}">${escapeHtml(label)}</span></p>
<dl>
<dt>Holder</dt><dd>${escapeHtml(v.holderName)}</dd>
<dt>Designation</dt><dd>${escapeHtml(v.achievement)}</dd>
<dt>Issued by</dt><dd>${escapeHtml(v.issuer.name)}</dd>
<dt>Issued on</dt><dd>${escapeHtml(formatDate(v.issuedAt))}</dd>
${v.statusChangedAt && v.status !== 'active' ? `<dt>${escapeHtml(label)} on</dt><dd>${escapeHtml(formatDate(v.statusChangedAt))}</dd>` : ''}
<dt>Credential</dt><dd><code>${escapeHtml(v.id)}</code></dd>
</dl>
<p><small>The signed credential (<a href="${escapeHtml(links.vc)}">vc+jwt</a>) can be checked
independently against the issuer's published keys; <a href="${escapeHtml(links.json)}">machine-readable result</a>.</small></p>`,
  );
}

export function renderNotFoundPage(): string {
  return page(
    'Credential not found',
    `<h1>Credential not found</h1>
<p><span class="badge invalid">Unknown</span></p>
<p>No credential with this identifier was issued here. Check the address or QR code.</p>`,
  );
}
