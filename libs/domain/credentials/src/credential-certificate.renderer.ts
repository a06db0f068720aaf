import { Injectable } from '@nestjs/common';

/** Everything a designation certificate prints. */
export interface CredentialCertificate {
  credentialId: string;
  holderName: string;
  achievementName: string;
  description: string;
  issuerName: string;
  issuedAt: Date;
  status: string;
  /** The public page the QR code opens. */
  verificationUrl: string;
}

const formatDate = (at: Date) =>
  new Intl.DateTimeFormat('en-US', {
    timeZone: 'UTC',
    year: 'numeric',
    month: 'long',
    day: 'numeric',
  }).format(at);

/** A one-page landscape certificate whose QR code opens the public verification page. */
@Injectable()
export class CredentialCertificateRenderer {
  async render(certificate: CredentialCertificate): Promise<Buffer> {
    // Imported on the first certificate, not at boot (about 0.3 s together).
    const [{ default: PDFDocument }, { default: QRCode }] = await Promise.all([
      import('pdfkit'),
      import('qrcode'),
    ]);
    const qr = await QRCode.toBuffer(certificate.verificationUrl, {
      type: 'png',
      errorCorrectionLevel: 'M',
      margin: 1,
      width: 240,
    });
    const doc = new PDFDocument({
      size: 'LETTER',
      layout: 'landscape',
      margin: 60,
      info: {
        Title: `${certificate.achievementName}: ${certificate.holderName}`,
        Author: certificate.issuerName,
        Subject: `Credential ${certificate.credentialId}`,
      },
    });
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    const done = new Promise<Buffer>((resolve, reject) => {
      doc.on('end', () => resolve(Buffer.concat(chunks)));
      doc.on('error', reject);
    });

    const { width, height } = doc.page;
    const inner = { x: 60, width: width - 120 };
    doc
      .lineWidth(3)
      .rect(24, 24, width - 48, height - 48)
      .stroke('#3b4f7a');
    doc
      .lineWidth(1)
      .rect(32, 32, width - 64, height - 64)
      .stroke('#7a8fbf');

    doc.fillColor('#3b4f7a').font('Helvetica-Bold').fontSize(28);
    doc.text(certificate.achievementName, inner.x, 72, { width: inner.width, align: 'center' });
    doc.moveDown(0.3).font('Helvetica').fontSize(12).fillColor('#444444');
    doc.text(certificate.issuerName, { width: inner.width, align: 'center' });
    doc.moveDown(1.6).fontSize(13).fillColor('#000000');
    doc.text('This certifies that', { width: inner.width, align: 'center' });
    doc.moveDown(0.4).font('Helvetica-Bold').fontSize(26);
    doc.text(certificate.holderName, { width: inner.width, align: 'center' });
    doc.moveDown(0.6).font('Helvetica').fontSize(13);
    doc.text(`has been designated a ${certificate.achievementName}.`, {
      width: inner.width,
      align: 'center',
    });
    doc.moveDown(0.6).fontSize(11).fillColor('#333333');
    doc.text(certificate.description, inner.x + 60, undefined, {
      width: inner.width - 120,
      align: 'center',
    });

    const qrSize = 110;
    const bottom = height - 60 - qrSize;
    doc.image(qr, width - 60 - qrSize, bottom, { width: qrSize, height: qrSize });
    doc.font('Helvetica').fontSize(10).fillColor('#000000');
    doc.text(`Issued ${formatDate(certificate.issuedAt)}`, inner.x, bottom + 10, {
      width: inner.width - qrSize - 20,
    });
    doc.text(`Credential ${certificate.credentialId}`, { width: inner.width - qrSize - 20 });
    if (certificate.status !== 'active') {
      doc.fillColor('#a02020').text(`Status: ${certificate.status}`, {
        width: inner.width - qrSize - 20,
      });
      doc.fillColor('#000000');
    }
    doc.moveDown(0.5).fillColor('#555555');
    doc.text('Scan the code or open this address to verify:', { width: inner.width - qrSize - 20 });
    doc.fillColor('#3b4f7a').text(certificate.verificationUrl, {
      width: inner.width - qrSize - 20,
      link: certificate.verificationUrl,
    });
    doc.end();
    return done;
  }
}
