/** Everything a récépissé shows: plain data only (no model instances), the context of the template. */
export interface ReceiptData {
  receiptNumber: string;
  organisation: { name: string; siren: string };
  form: { id: string; title: string; version: string; exercice: number };
  /** ISO timestamp of the transmission. */
  transmittedAt: string;
  /** Transmission date as French readers expect it (« 14 mai 2025 à 10:32 », Paris time). */
  transmittedAtText: string;
  sha256: string;
  revision: number;
  late: boolean;
  signatory: string;
  recipients: string[];
  attachments: Array<{ category: string; filename: string; sha256: string }>;
}

const dateFormat = new Intl.DateTimeFormat('fr-FR', {
  timeZone: 'Europe/Paris',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});

export function frenchDateTime(iso: string): string {
  return dateFormat.format(new Date(iso)).replace(/[\u00a0\u202f]/g, ' ');
}
