/** Restore verification: compare a restore's target with its source (see types.ts for the contract). */
export * from './types';
export { verifyRestore } from './verify';
export { tablePairsOfRestore } from './tablePairs';
export { compareReadings, sumReadings, worstVerdict } from './compare';
export { verificationMarkdown, type ReportContext } from './report';
