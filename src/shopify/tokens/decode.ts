import * as l10n from '../common/text';
import { perLanguage } from '../common/text';
import { analyse, summarize } from './analyse';
import { assembleReport } from './assemble';
import type { Check, DecodeOptions, DecodeReport, SignatureResult } from './report';

const NOT_VERIFIED = perLanguage((): SignatureResult => ({
  status: 'not-checked',
  message: l10n.t('Signature not verified: decoding only reads the token. Verify it with the app\'s client secret before trusting anything in it.'),
}));

const NO_CHECKS: readonly Check[] = Object.freeze([]);

/**
 * Reads a pasted session token and runs every check that needs no secret. The report is never `valid`:
 * without the secret nothing in the token can be trusted.
 */
export function decodeSessionToken(token: string, options: DecodeOptions = {}): DecodeReport {
  const analysis = analyse(token, options, undefined, NO_CHECKS);
  const checks = analysis.checks;
  return assembleReport<DecodeReport>({ mode: 'decode', valid: false, summary: summarize('decode', false, NOT_VERIFIED(), checks), signature: NOT_VERIFIED(), checks }, analysis.base);
}
