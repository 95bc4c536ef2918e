// The part of the `vscode` module this library calls, written out so it needs neither a run-time
// `import 'vscode'` (callers pass their own API object) nor @types/vscode.

export interface AuthenticationSessionLike {
  readonly accessToken: string;
  readonly account: { readonly id: string; readonly label: string };
  readonly scopes: readonly string[];
}

export interface GetSessionOptionsLike {
  createIfNone?: boolean;
  silent?: boolean;
  forceNewSession?: boolean | { detail?: string };
  account?: { readonly id: string; readonly label: string };
}

/** `typeof import('vscode')` satisfies this. */
export interface VsCodeLike {
  readonly authentication: {
    getSession(providerId: string, scopes: readonly string[], options?: GetSessionOptionsLike): PromiseLike<AuthenticationSessionLike | undefined>;
  };
}
