import Router from '@koa/router';
import type { AppState } from '../context';
import { inputOf, validateBody, validateQuery } from '../http/validate';
import { allow, currentActor } from '../policies/middleware';
import { findSubmission, receiptData } from '../receipts/receipt-loader';
import { renderReceiptHtml } from '../receipts/render-html';
import { renderReceiptPdf } from '../receipts/render-pdf';
import { loadStatement } from '../statements/loaded-statement';
import { bundleOf, loadedStatementOf, statementById } from '../statements/subject';
import { acknowledge } from './acknowledger';
import { ReceiptQuerySchema, TransmitSchema, type ReceiptQuery, type TransmitRequest } from './schema';
import { transmit } from './transmitter';

/** The receipt is editor-influenced HTML: no script may ever run in it, whatever it contains. */
const RECEIPT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; sandbox";

function presentTransmission(
  submission: { number: number; receiptNumber: string; sha256: string; transmittedAt: Date; late: boolean; revision: number },
  statementId: number,
) {
  return {
    statementId,
    number: submission.number,
    receiptNumber: submission.receiptNumber,
    sha256: submission.sha256,
    revision: submission.revision,
    transmittedAt: submission.transmittedAt.toISOString(),
    late: submission.late,
    receipt: {
      html: `/api/statements/${statementId}/receipt.html?number=${submission.number}`,
      pdf: `/api/statements/${statementId}/receipt.pdf?number=${submission.number}`,
    },
  };
}

/** POST transmit, GET receipt.html / receipt.pdf, POST acknowledge. */
export function transmissionRoutes(state: AppState): Router {
  const router = new Router({ prefix: '/api/statements' });
  const byId = statementById(state);

  router.post('/:id/transmit', allow('statement.transmit', byId), validateBody(TransmitSchema), async function transmitStatement(ctx) {
    const { revision } = inputOf<TransmitRequest>(ctx);
    const statementId = loadedStatementOf(ctx).id;
    const submission = await transmit(state, currentActor(ctx), statementId, revision);
    ctx.status = 201;
    ctx.body = presentTransmission(submission, statementId);
  });

  router.get('/:id/receipt.html', allow('statement.read', byId), validateQuery(ReceiptQuerySchema), async function receiptHtml(ctx) {
    const loaded = await loadStatement(state, bundleOf(ctx));
    const submission = await findSubmission(state, loaded.statement.id, inputOf<ReceiptQuery>(ctx).number);
    ctx.type = 'text/html; charset=utf-8';
    ctx.set('Content-Security-Policy', RECEIPT_CSP);
    ctx.body = renderReceiptHtml(await receiptData(state, loaded, submission), loaded.runtime.pkg.templates.receipt);
  });

  router.get('/:id/receipt.pdf', allow('statement.read', byId), validateQuery(ReceiptQuerySchema), async function receiptPdf(ctx) {
    const loaded = await loadStatement(state, bundleOf(ctx));
    const submission = await findSubmission(state, loaded.statement.id, inputOf<ReceiptQuery>(ctx).number);
    ctx.type = 'application/pdf';
    ctx.set('Content-Disposition', `attachment; filename="recepisse-${submission.receiptNumber}.pdf"`);
    ctx.body = await renderReceiptPdf(await receiptData(state, loaded, submission));
  });

  router.post('/:id/acknowledge', allow('statement.acknowledge', byId), async function acknowledgeStatement(ctx) {
    const ack = await acknowledge(state, currentActor(ctx), loadedStatementOf(ctx).id);
    ctx.body = { submissionId: ack.submissionId, recipient: ack.recipient, acknowledgedAt: ack.createdAt.toISOString() };
  });

  return router;
}
