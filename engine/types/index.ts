/** engine/types: TypeScript declarations of a form version's answers. Build-time and server-side only. */
export { generateTypes, typingSchema } from './generateTypes';
