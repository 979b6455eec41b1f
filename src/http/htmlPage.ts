// The small HTML pages of GET / and GET /export for browsers: one self-contained document
// (no scripts, no external assets), every value escaped.

import type { Request } from 'express';
import type { CatalogueEntry } from './exportCatalogue';

/** True when the client prefers HTML to JSON (a browser); curl's Accept: * / * gets JSON. */
export function wantsHtml(req: Pick<Request, 'accepts'>): boolean {
  return req.accepts(['application/json', 'text/html']) === 'text/html';
}

/** Text made safe for HTML content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/** A link whose text is its target unless given. */
export function link(href: string, text: string = href): string {
  return `<a href="${escapeHtml(href)}">${escapeHtml(text)}</a>`;
}

const STYLE = `body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;
line-height:1.45;color:#222}
code,td.code{font-family:ui-monospace,monospace;font-size:.9em}table{border-collapse:collapse;width:100%}
th,td{text-align:left;vertical-align:top;border-bottom:1px solid #ddd;padding:.3rem .5rem}h1{font-size:1.6rem}`;

/** A whole page around `body` (already HTML). */
export function renderPage(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(title)}</title><style>${STYLE}</style></head>
<body>
<h1>${escapeHtml(title)}</h1>
${body}
</body>
</html>
`;
}

/** The downloads as a table: pattern, what it holds, formats, parameters and a working example (absolute link). */
export function catalogueHtml(entries: ReadonlyArray<CatalogueEntry & { exampleUrl: string }>): string {
  const rows = entries.map((entry) => {
    const parameters = entry.parameters
      .map((parameter) => [parameter.name, ...parameter.aliases].join(' or '))
      .map((name) => `<code>${escapeHtml(name)}</code>`)
      .join(', ');
    return `<tr><td class="code">${escapeHtml(entry.pattern)}</td><td>${escapeHtml(entry.description)}<br>
formats: ${escapeHtml(entry.formats.join(', '))}${parameters ? `<br>parameters: ${parameters}` : ''}</td>
<td>${link(entry.exampleUrl, entry.example)}</td></tr>`;
  });
  return `<table><thead><tr><th>download</th><th>what it holds</th><th>example</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody></table>`;
}
