import { DateTime } from 'luxon';

export interface EmailAction {
  /** An absolute URL. */
  url: string;
  /** What the button says, as a person would act: "Open my courses". */
  label: string;
}

export interface EmailRecipient {
  displayName: string;
  timeZone: string;
}

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

/** The web app page a notification of each kind is acted on; the inbox for the rest. */
const PAGE_OF_KIND: Readonly<Record<string, { path: string; label: string }>> = {
  welcome: { path: '/', label: 'Open my pathway' },
  course_completed: { path: '/', label: 'Open my pathway' },
  enrolled: { path: '/my-courses', label: 'Open my courses' },
  waitlisted: { path: '/my-courses', label: 'Open my courses' },
  waitlist_promoted: { path: '/my-courses', label: 'Open my courses' },
  session_moved: { path: '/my-courses', label: 'Open my courses' },
  session_reminder: { path: '/my-courses', label: 'Open my courses' },
  credential_issued: { path: '/credentials', label: 'Open my credentials' },
  credential_revoked: { path: '/credentials', label: 'Open my credentials' },
  credential_suspended: { path: '/credentials', label: 'Open my credentials' },
  credential_reinstated: { path: '/credentials', label: 'Open my credentials' },
  ce_certificate_ready: { path: '/ce-credits', label: 'Open my CE credits' },
  'practicum.created': { path: '/practicum', label: 'Open my practicum' },
  'recording.reviewed': { path: '/practicum', label: 'Open my practicum' },
  'recording.rejected': { path: '/practicum', label: 'Open my practicum' },
  'review.assigned': { path: '/reviews', label: 'Open the review queue' },
  'review.reminder': { path: '/reviews', label: 'Open the review queue' },
  'review.escalated': { path: '/admin/practicums', label: 'Open the practicums' },
  'recording.no_reviewer': { path: '/admin/practicums', label: 'Open the practicums' },
  application_submitted: { path: '/admin/decisions', label: 'Open the decisions' },
  certification_requested: { path: '/admin/decisions', label: 'Open the decisions' },
};

const INBOX = { path: '/notifications', label: 'Open my notifications' };

/** The e-mail's button: the given page, else the page of the notification's kind. */
export function actionFor(
  baseUrl: string,
  kind: string,
  link?: { path: string; label?: string },
): EmailAction {
  const page = PAGE_OF_KIND[kind] ?? INBOX;
  const path = link?.path ?? page.path;
  return { url: `${baseUrl}${path}`, label: link?.label ?? (link ? 'Open' : page.label) };
}

/** An instant as a person reads it in their zone, naming the zone: "Monday 5 January 2027 at 18:00 (Europe/Lisbon)". */
export function localTime(iso: string, timeZone: string): string {
  const at = DateTime.fromISO(iso, { zone: timeZone });
  if (!at.isValid) return iso;
  return `${at.setLocale('en-GB').toFormat("cccc d LLLL yyyy 'at' HH:mm")} (${timeZone})`;
}

/** Replaces each `{name}` of `times` in the text by that instant in the person's zone. */
export function fillTimes(
  text: string,
  times: Readonly<Record<string, string>> | undefined,
  timeZone: string,
): string {
  if (!times) return text;
  return text.replace(/\{([A-Za-z][A-Za-z0-9]*)\}/g, (whole, name: string) =>
    times[name] !== undefined ? localTime(times[name], timeZone) : whole,
  );
}

const escapeHtml = (value: string) =>
  value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');

/** Paragraphs of plain text as HTML, with bare URLs made links. */
function paragraphsHtml(text: string): string {
  return text
    .split(/\n{2,}/)
    .map((paragraph) => {
      const escaped = escapeHtml(paragraph).replace(/\n/g, '<br>');
      const linked = escaped.replace(
        /https?:\/\/[^\s<]+[^\s<.,;:!?)]/g,
        (url) => `<a href="${url}" style="color:#1c5d99">${url}</a>`,
      );
      return `<p style="margin:0 0 16px">${linked}</p>`;
    })
    .join('\n');
}

/**
 * The e-mail of a notification: a text part and an HTML part saying the same, greeting the person
 * by name, with one link to act on and the time zone its times are written in.
 */
export function renderEmail(input: {
  title: string;
  body: string;
  recipient: EmailRecipient;
  action: EmailAction;
  baseUrl: string;
}): RenderedEmail {
  const { title, body, recipient, action, baseUrl } = input;
  const profile = `${baseUrl}/profile`;
  const zoneLine = `Times are shown in ${recipient.timeZone}, the time zone of your profile: ${profile}`;
  const signature = 'MSC Pathway, Center for Mindful Self-Compassion';
  const text = [
    `Hello ${recipient.displayName},`,
    body,
    `${action.label}: ${action.url}`,
    `${zoneLine}\n${signature}`,
  ].join('\n\n');
  const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
</head>
<body style="margin:0;padding:0;background:#f4f6f8;color:#1f2933;font-family:Helvetica,Arial,sans-serif;font-size:16px;line-height:1.5">
<div role="article" aria-label="${escapeHtml(title)}" style="max-width:560px;margin:0 auto;padding:24px">
<div style="background:#ffffff;border-radius:8px;padding:24px">
<h1 style="margin:0 0 16px;font-size:20px;line-height:1.3">${escapeHtml(title)}</h1>
<p style="margin:0 0 16px">Hello ${escapeHtml(recipient.displayName)},</p>
${paragraphsHtml(body)}
<p style="margin:24px 0"><a href="${escapeHtml(action.url)}" style="display:inline-block;background:#1c5d99;color:#ffffff;text-decoration:none;padding:12px 20px;border-radius:6px;font-weight:bold">${escapeHtml(action.label)}</a></p>
<p style="margin:0 0 16px;font-size:14px;color:#52606d">If the button does not work, open this address: <a href="${escapeHtml(action.url)}" style="color:#1c5d99">${escapeHtml(action.url)}</a></p>
</div>
<p style="margin:16px 0 0;font-size:13px;color:#52606d">Times are shown in ${escapeHtml(recipient.timeZone)}, the time zone of <a href="${escapeHtml(profile)}" style="color:#1c5d99">your profile</a>.<br>${escapeHtml(signature)}</p>
</div>
</body>
</html>
`;
  return { subject: title, text, html };
}
