import * as vscode from 'vscode';
import { proxyRoute, type NetworkRoute, type ProxySources } from '../shopify';

/**
 * VS Code's own proxy support carries the extension's requests (it patches the extension host's fetch); this only
 * reads the same settings to name the proxy in messages and in Check Connection.
 */
export function proxySources(): ProxySources {
  const http = vscode.workspace.getConfiguration('http');
  return { setting: http.get<string>('proxy') ?? '', settingNoProxy: http.get<string[]>('noProxy') ?? [], env: process.env };
}

export function networkRoute(url: string): NetworkRoute {
  try {
    const route = proxyRoute(url, proxySources());
    return route ? { proxy: `${route.proxy} (${route.source})` } : {};
  } catch {
    return {};
  }
}
