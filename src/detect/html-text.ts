/**
 * HTML reduced to the text a reader sees, for the command line and benchmarks (the
 * extension reads the live DOM instead). Uses htmlparser2's streaming parser: scripts,
 * styles, templates and other invisible elements are skipped, block elements become line
 * breaks, entities are decoded. Not imported by the extension bundle.
 */
import { Parser } from 'htmlparser2';

const INVISIBLE = new Set(['script', 'style', 'noscript', 'template', 'head', 'title', 'svg', 'math', 'iframe', 'object', 'select', 'datalist']);
const BLOCK = new Set([
  'address', 'article', 'aside', 'blockquote', 'br', 'dd', 'details', 'dialog', 'div', 'dl', 'dt', 'fieldset',
  'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hgroup', 'hr', 'li',
  'main', 'nav', 'ol', 'p', 'pre', 'section', 'summary', 'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'tr', 'ul',
  'caption', 'body', 'html', 'option', 'legend',
]);
const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);

export function htmlToText(html: string): string {
  const parts: string[] = [];
  let hiddenDepth = 0;
  const lineBreak = () => {
    if (parts.length > 0 && parts[parts.length - 1] !== '\n') parts.push('\n');
  };
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        if (hiddenDepth > 0) {
          if (!VOID.has(name)) hiddenDepth++;
          return;
        }
        if (INVISIBLE.has(name) || 'hidden' in attributes) {
          if (!VOID.has(name)) hiddenDepth = 1;
          return;
        }
        if (BLOCK.has(name)) lineBreak();
        if (name === 'img' && attributes.alt) parts.push(attributes.alt);
      },
      ontext(text) {
        if (hiddenDepth === 0) parts.push(text);
      },
      onclosetag(name, isImplied) {
        if (hiddenDepth > 0) {
          if (!VOID.has(name) || !isImplied) hiddenDepth--;
          return;
        }
        if (BLOCK.has(name)) lineBreak();
      },
    },
    { decodeEntities: true, lowerCaseTags: true },
  );
  parser.write(html);
  parser.end();
  return parts
    .join('')
    .replace(/[ \t\f\r]*\n[ \t\f\r\n]*/g, '\n')
    .replace(/[ \t\f\r]{2,}/g, ' ')
    .trim();
}

/** Heuristic: does this file content look like HTML rather than plain text? */
export function looksLikeHtml(content: string, fileName = ''): boolean {
  if (/\.x?html?$/i.test(fileName)) return true;
  return /^\s*(?:<!doctype html|<html[\s>]|<head[\s>]|<body[\s>]|<!--)/i.test(content);
}
