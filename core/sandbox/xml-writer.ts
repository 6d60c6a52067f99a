/** Just enough XML writing for v1 bodies: escaped text and indented elements. */

/** Characters XML 1.0 cannot carry at all, even escaped; replaced rather than sent broken. */
const NOT_XML_CHAR = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Text content, escaped as v1 did: `&`, `<` and `>` only (quotes stay as they are). */
export function escapeXml(text: string): string {
  return text
    .replace(NOT_XML_CHAR, '\uFFFD')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

/** Attribute values, and any HTML the sandbox writes, also need the quotes escaped. */
export function escapeAttribute(text: string): string {
  return escapeXml(text).replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** An element and its children; a text of null is written empty, as v1 wrote nulls. */
export type XmlNode =
  | { name: string; text: string | null; attributes?: Record<string, string> }
  | { name: string; children: readonly XmlNode[]; attributes?: Record<string, string> };

export const XML_PROLOG = '<?xml version="1.0" encoding="UTF-8"?>\n';

function attributes(node: XmlNode): string {
  if (!node.attributes) return '';
  return Object.entries(node.attributes)
    .map(([k, v]) => ` ${k}="${escapeAttribute(v)}"`)
    .join('');
}

function writeNode(node: XmlNode, depth: number, out: string[]): void {
  const indent = '  '.repeat(depth);
  const open = `${indent}<${node.name}${attributes(node)}>`;
  if ('text' in node) {
    out.push(`${open}${node.text === null ? '' : escapeXml(node.text)}</${node.name}>`);
    return;
  }
  out.push(open);
  for (const child of node.children) writeNode(child, depth + 1, out);
  out.push(`${indent}</${node.name}>`);
}

/** A whole document: the prolog, then the root element. */
export function writeXmlDocument(root: XmlNode): string {
  const out: string[] = [];
  writeNode(root, 0, out);
  return `${XML_PROLOG}${out.join('\n')}\n`;
}
