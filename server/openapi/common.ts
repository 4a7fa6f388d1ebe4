import { anyObject, object, string, type Schema } from './builder';

/** Schemas every capability may reference; a fragment may replace one with a precise description. */
export const commonSchemas: Record<string, Schema> = {
  Error: object({
    error: object({ code: string, message: { type: 'string', description: 'Message en français, affichable tel quel.' }, details: {} }, [
      'details',
    ]),
  }),
  Diagnostic: {
    type: 'object',
    properties: {
      code: string,
      message: string,
      file: string,
      pointer: string,
      ruleId: string,
      line: { type: 'integer' },
      column: { type: 'integer' },
    },
    required: ['code', 'message', 'file'],
  },
  Report: anyObject,
};
