/** The web pages a GNU social site shows outside its API: the sandbox only needs its 404. */
import type { SandboxResponse } from './state.js';

/** What GNU social serves for an address it has no page for, API paths missing `/api` included. */
export function notFoundPage(path: string): SandboxResponse {
  const escaped = path.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
  return {
    status: 404,
    headers: { 'Content-Type': 'text/html; charset=utf-8' },
    body:
      '<!DOCTYPE html>\n<html lang="en"><head><title>Not found - Befriend sandbox social</title></head>' +
      `<body><div id="content"><h1>Not found</h1><p class="error">Unknown page: ${escaped}</p></div></body></html>\n`,
  };
}
