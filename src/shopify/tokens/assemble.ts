import type { Analysis } from './analyse';
import type { SessionTokenReport } from './report';

type Head = Pick<SessionTokenReport, 'mode' | 'valid' | 'summary' | 'signature' | 'checks'>;
type Writable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * The report: the verdict (`head`) then what the analysis found, members in the order reports have always listed them
 * and the optional ones only when present. Set one by one: spreading the analysis into a literal costs several
 * times as much, and once per token.
 */
export function assembleReport<R extends SessionTokenReport>(head: Head & Pick<R, 'mode'>, base: Analysis['base']): R {
  const report = { mode: head.mode, valid: head.valid, summary: head.summary, signature: head.signature, checks: head.checks, name: base.name, family: base.family, familyInfo: base.familyInfo } as Writable<SessionTokenReport>;
  if (base.shop !== undefined) report.shop = base.shop;
  if (base.subject !== undefined) report.subject = base.subject;
  if (base.header !== undefined) report.header = base.header;
  if (base.claims !== undefined) report.claims = base.claims;
  report.inputChanges = base.inputChanges;
  report.times = base.times;
  report.leewaySeconds = base.leewaySeconds;
  report.asOf = base.asOf;
  return report as R;
}
