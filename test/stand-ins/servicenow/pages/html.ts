/**
 * The ServiceNow page frame and page scripts, built with the stand-ins' HTML builder
 * (../../shared/html-builder.ts: every string is escaped unless it is an `Html` value). The page
 * scripts build their trees with DOM APIs (textContent and setAttribute), never innerHTML with data.
 */
import { Html, renderChildren, type Child } from '../../shared/html-builder';
import { esc } from '../../shared/html-escape';
import { scriptWithData } from '../../shared/inline-script';
import { assetReader } from '../../shared/page-assets';

/** A file next to this module, read once (page scripts and the stylesheet). */
const asset = assetReader(import.meta.url);

/** `<script>(function (DATA) { <file> })(<json>);</script>`: a page script with its data. */
export function pageScript(file: string, data: unknown): Html {
  return scriptWithData(asset(file), 'DATA', data);
}

/** A whole document: title, the shared stylesheet, head extras, then the body. */
export function page(input: { title: string; bodyClass: string; head?: Child; body: Child }): string {
  return [
    '<!DOCTYPE html>',
    '<html lang="en"><head><meta charset="utf-8">',
    `<title>${esc(input.title)}</title>`,
    `<style>\n${asset('servicenow.css')}</style>`,
    renderChildren([input.head]),
    `</head><body class="${esc(input.bodyClass)}">`,
    renderChildren([input.body]),
    '</body></html>',
    '',
  ].join('\n');
}
