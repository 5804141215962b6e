import { escapeXmlText, unescapeXmlText } from '../catalog/xml-text.js';

/** The little XML the package needs: escaping for writing, and unescaping for reading our own catalog back. */
export const escapeXml = escapeXmlText;
export const unescapeXml = unescapeXmlText;

export function element(name: string, value: string | number): string {
  return `<${name}>${escapeXml(String(value))}</${name}>`;
}
