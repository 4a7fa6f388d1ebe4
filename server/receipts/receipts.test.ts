import { renderReceiptHtml, allowlistTags } from './render-html';
import { renderReceiptPdf } from './render-pdf';
import type { ReceiptData } from './receipt-data';

const data: ReceiptData = {
  receiptNumber: 'HAR-2025-000123',
  organisation: { name: 'Office <Rhône> & Cie', siren: '123456789' },
  form: { id: 'er-ols', title: 'États réglementaires', version: '2025.1', exercice: 2025 },
  transmittedAt: '2026-05-14T08:32:00.000Z',
  transmittedAtText: '14 mai 2026 à 10:32',
  sha256: 'a'.repeat(64),
  revision: 7,
  late: true,
  signatory: 'Directrice générale',
  recipients: ['Préfecture du Rhône', 'DHUP'],
  attachments: [{ category: 'Comptes certifiés', filename: 'comptes.pdf', sha256: 'b'.repeat(64) }],
};

describe('renderReceiptHtml', () => {
  it('shows the number, organisation, version, date, hash and recipients, escaped', () => {
    const html = renderReceiptHtml(data);
    for (const text of [
      'HAR-2025-000123',
      'Office &lt;Rhône&gt; &amp; Cie',
      '123456789',
      '2025.1',
      '14 mai 2026 à 10:32',
      'a'.repeat(64),
      'Préfecture du Rhône',
      'DHUP',
      'transmis après la date de clôture',
      'comptes.pdf',
    ]) {
      expect(html).toContain(text);
    }
    expect(html).not.toContain('<Rhône>');
  });

  it('renders the package template as an introduction, with French names, keeping only harmless tags', () => {
    const html = renderReceiptHtml(
      data,
      '<p onclick="x()">Reçu de <strong>{{organisme.nom}}</strong> ({{campagne.exercice}})</p><script>alert(1)</script>',
    );
    expect(html).toContain('Reçu de <strong>Office &lt;Rhône&gt; &amp; Cie</strong> (2025)');
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<p onclick');
    expect(html).toContain('HAR-2025-000123');
  });

  it.each([
    ['raw output', '{{{organisme.nom}}}'],
    ['ampersand raw output', '{{& organisme.nom}}'],
    ['partials', '{{> evil}}'],
    ['decorators', '{{#* inline "x"}}y{{/inline}}'],
  ])('refuses %s', (_name, template) => {
    expect(() => renderReceiptHtml(data, template)).toThrow();
  });

  it('refuses the lookup helper and unknown helpers, and never reaches prototypes', () => {
    expect(() => renderReceiptHtml(data, '{{lookup this "constructor"}}')).toThrow(/unknown helper/);
    expect(() => renderReceiptHtml(data, '{{#with "s"}}{{this.constructor.constructor "return 1"}}{{/with}}')).toThrow();
    const html = renderReceiptHtml(data, '{{organisme.constructor}}{{organisme.__proto__}}');
    expect(html).not.toContain('function');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses a template that is not a string (a pre-parsed AST)', () => {
    expect(() => renderReceiptHtml(data, { type: 'Program', body: [] } as unknown as string)).toThrow(TypeError);
  });

  it('lets only attribute-less allowed tags through', () => {
    expect(allowlistTags('<em>a</em><img src=x onerror=y><BR/><a href="j">')).toBe(
      '<em>a</em>&lt;img src=x onerror=y><br/>&lt;a href="j">',
    );
  });
});

describe('renderReceiptPdf', () => {
  it('produces a PDF', async () => {
    const pdf = await renderReceiptPdf(data);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.length).toBeGreaterThan(1000);
  });
});
