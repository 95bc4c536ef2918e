import * as vscode from 'vscode';
import { redact } from '../shopify/common';

/** The extension's log: a LogOutputChannel whose every line passes through redaction first. */
export interface Log {
  trace(message: string): void;
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string | Error): void;
}

export function createLog(name = 'Shopify Authentication'): Log & vscode.Disposable & { show(): void } {
  const channel = vscode.window.createOutputChannel(name, { log: true });
  const clean = (message: string | Error): string =>
    redact(message instanceof Error ? `${message.name}: ${message.message}` : message);
  return {
    trace: (m) => channel.trace(clean(m)),
    debug: (m) => channel.debug(clean(m)),
    info: (m) => channel.info(clean(m)),
    warn: (m) => channel.warn(clean(m)),
    error: (m) => channel.error(clean(m)),
    show: () => channel.show(true),
    dispose: () => channel.dispose(),
  };
}
