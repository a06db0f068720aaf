import type { Readable } from 'node:stream';
import { Injectable } from '@nestjs/common';
import type { DeliveryMode } from './ce-credit.entity.js';

/** Everything a CE certificate prints. */
export interface CeCertificate {
  certificateNumber: string;
  holderName: string;
  licenseNumber: string | null;
  courseCode: string;
  courseTitle: string;
  deliveryMode: DeliveryMode;
  accreditorStatement: string | null;
  hours: string;
  courseCeHours: string;
  sessionsAttended: number;
  sessionsTotal: number;
  firstSessionAt: Date;
  lastSessionAt: Date;
  timeZone: string;
  issuedAt: Date;
  verificationUrl: string;
}

export const FORMAT_OF_DELIVERY_MODE: Record<DeliveryMode, string> = {
  online: 'live interactive online',
  in_person: 'in person',
};

const ISSUER = 'Mindful Self-Compassion Teacher Certification Program';
const DEFAULT_STATEMENT =
  'Continuing education hours are awarded by the MSC teacher certification program for the ' +
  'sessions attended. Check with your licensing board whether it accepts them.';

function formatDate(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: 'long',
    day: 'numeric',
  }).format(at);
}

/**
 * pdfkit, imported on the first certificate rather than at boot: most processes never render one,
 * and importing it costs about 0.2 s.
 */
const importPdfkit = () => import('pdfkit');
let pdfkit: ReturnType<typeof importPdfkit> | undefined;
const loadPdfkit = () => (pdfkit ??= importPdfkit());

/** Lays a CE certificate out as a one-page landscape PDF, streamed as pdfkit writes it. */
@Injectable()
export class CeCertificateRenderer {
  async render(certificate: CeCertificate): Promise<Readable> {
    const { default: PDFDocument } = await loadPdfkit();
    const doc = new PDFDocument({
      size: 'LETTER',
      layout: 'landscape',
      margin: 60,
      info: {
        Title: `CE certificate ${certificate.certificateNumber}`,
        Author: ISSUER,
        Subject: `${certificate.courseTitle}: ${certificate.hours} CE hours for ${certificate.holderName}`,
      },
    });
    const { width, height } = doc.page;
    const inner = { x: 60, width: width - 120 };
    const from = formatDate(certificate.firstSessionAt, certificate.timeZone);
    const to = formatDate(certificate.lastSessionAt, certificate.timeZone);
    const format = FORMAT_OF_DELIVERY_MODE[certificate.deliveryMode];

    doc
      .lineWidth(3)
      .rect(24, 24, width - 48, height - 48)
      .stroke('#2f5d62');
    doc
      .lineWidth(1)
      .rect(32, 32, width - 64, height - 64)
      .stroke('#5e8b7e');

    doc.fillColor('#2f5d62').font('Helvetica-Bold').fontSize(26);
    doc.text('Certificate of Continuing Education', inner.x, 70, {
      width: inner.width,
      align: 'center',
    });
    doc.moveDown(0.3).font('Helvetica').fontSize(12).fillColor('#444444');
    doc.text(ISSUER, { width: inner.width, align: 'center' });

    doc.moveDown(1.5).fontSize(13).fillColor('#000000').text('This certifies that', {
      width: inner.width,
      align: 'center',
    });
    doc.moveDown(0.4).font('Helvetica-Bold').fontSize(24).text(certificate.holderName, {
      width: inner.width,
      align: 'center',
    });
    if (certificate.licenseNumber) {
      doc
        .moveDown(0.2)
        .font('Helvetica')
        .fontSize(11)
        .text(`License number ${certificate.licenseNumber}`, {
          width: inner.width,
          align: 'center',
        });
    }
    doc.moveDown(0.8).font('Helvetica').fontSize(13).text('completed the course', {
      width: inner.width,
      align: 'center',
    });
    doc
      .moveDown(0.4)
      .font('Helvetica-Bold')
      .fontSize(18)
      .text(`${certificate.courseTitle} (${certificate.courseCode})`, {
        width: inner.width,
        align: 'center',
      });
    doc
      .moveDown(0.4)
      .font('Helvetica')
      .fontSize(13)
      .text(
        `held ${format} from ${from} to ${to}, attending ${certificate.sessionsAttended} of ` +
          `${certificate.sessionsTotal} sessions, and is awarded`,
        { width: inner.width, align: 'center' },
      );
    doc
      .moveDown(0.4)
      .font('Helvetica-Bold')
      .fontSize(20)
      .text(`${certificate.hours} continuing education contact hours`, {
        width: inner.width,
        align: 'center',
      });
    doc
      .moveDown(0.2)
      .font('Helvetica')
      .fontSize(10)
      .fillColor('#444444')
      .text(
        `(of the ${certificate.courseCeHours} hours the course carries; no credit is given for a session missed)`,
        { width: inner.width, align: 'center' },
      );

    doc
      .moveDown(1)
      .fontSize(10)
      .fillColor('#000000')
      .text(certificate.accreditorStatement ?? DEFAULT_STATEMENT, {
        width: inner.width,
        align: 'center',
      });

    const footerY = height - 120;
    doc.fontSize(10).fillColor('#000000');
    doc.text(`Certificate number: ${certificate.certificateNumber}`, inner.x, footerY, {
      width: inner.width,
    });
    doc.text(`Issued: ${formatDate(certificate.issuedAt, certificate.timeZone)}`, {
      width: inner.width,
    });
    doc.text('Verify this certificate at: ', { width: inner.width, continued: true });
    doc.fillColor('#1a4d8f').text(certificate.verificationUrl, {
      link: certificate.verificationUrl,
      underline: true,
    });
    doc.end();
    return doc;
  }
}
