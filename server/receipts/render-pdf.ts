import PDFDocument from 'pdfkit';
import type { ReceiptData } from './receipt-data';

/**
 * The same récépissé as a PDF, drawn with pdfkit from the same data as the HTML (pdfkit is pure
 * JavaScript: no browser is needed on the server). Helvetica covers the French characters used.
 */
export function renderReceiptPdf(data: ReceiptData): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: 56,
    info: { Title: `Récépissé ${data.receiptNumber}`, Author: 'Harmonia', Subject: `${data.form.title} ${data.form.exercice}` },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  doc.font('Helvetica-Bold').fontSize(18).text(`Récépissé de transmission n° ${data.receiptNumber}`);
  doc.moveDown();
  doc
    .font('Helvetica')
    .fontSize(11)
    .text(
      `L’organisme ${data.organisation.name} (SIREN ${data.organisation.siren}) a transmis « ${data.form.title} » pour l’exercice ${data.form.exercice}.`,
    );
  const line = (label: string, value: string) => {
    doc.moveDown(0.6).font('Helvetica-Bold').text(label).font('Helvetica').text(value);
  };
  line('Formulaire', `${data.form.id}, version ${data.form.version}`);
  line('Date de transmission', data.transmittedAtText + (data.late ? ' — transmis après la date de clôture' : ''));
  line('Transmis par', data.signatory);
  doc.moveDown(0.6).font('Helvetica-Bold').text('Empreinte SHA-256 du contenu transmis').font('Courier').fontSize(9).text(data.sha256);
  doc.fontSize(11);
  line('Destinataires', data.recipients.map((r) => `• ${r}`).join('\n'));
  if (data.attachments.length > 0) {
    line('Pièces jointes', data.attachments.map((a) => `• ${a.filename} (${a.category}) — ${a.sha256}`).join('\n'));
  }
  doc.moveDown(1.5).fontSize(9).text('Ce récépissé atteste la réception ; il ne préjuge pas de la conformité des données transmises.');
  doc.end();
  return done;
}
