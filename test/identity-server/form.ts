// Form-encoded request parameters with the RFC 6749 §3.1 rules: an empty value counts as
// absent, and a parameter sent twice is an error.
import { oauthError, type Answer } from './answers.ts';

export class FormParams {
  private readonly values = new Map<string, string>();
  private readonly repeated = new Set<string>();

  constructor(body: string) {
    for (const [name, value] of new URLSearchParams(body)) {
      if (value === '') continue;
      if (this.values.has(name)) this.repeated.add(name);
      this.values.set(name, value);
    }
  }

  get(name: string): string | undefined {
    return this.values.get(name);
  }

  /** invalid_request naming the first repeated parameter, if any. */
  repeatedError(): Answer | undefined {
    const [name] = this.repeated;
    return name === undefined ? undefined : oauthError('invalid_request', `parameter ${name} was sent more than once`);
  }
}

/** The value of a required parameter, or the invalid_request answer naming it. */
export function required(params: FormParams, name: string): string | Answer {
  return params.get(name) ?? oauthError('invalid_request', `missing required parameter: ${name}`);
}

/** Space separated scopes as a list, without blanks or repeats. */
export function splitScopes(scope: string): string[] {
  return [...new Set(scope.split(' ').filter((s) => s !== ''))];
}
