// XML reading for the STS query protocol with fast-xml-parser (lazy). Tag values stay strings:
// account ids like 012345678901 must keep their leading zero.
import { malformedResponse } from './service-error.ts';

export type XmlNode = { [key: string]: XmlValue };
export type XmlValue = string | XmlNode | XmlValue[];

/** Parses `body` into plain objects; throws a clear "malformed response" error for anything that is not well-formed XML. */
export async function parseXml(body: string, service: string, operation: string): Promise<XmlNode> {
  const { XMLParser, XMLValidator } = await import('fast-xml-parser');
  if (body.trim() === '') throw malformedResponse(service, operation, 'empty body where XML was expected');
  // AWS never sends a document type; one can declare entities that expand (or replace an
  // element's text), so a body with one is not believed. Checked before any parser sees it.
  if (/<!DOCTYPE/i.test(body)) throw malformedResponse(service, operation, 'the XML has a <!DOCTYPE> declaration, which AWS never sends');
  const verdict = XMLValidator.validate(body);
  if (verdict !== true) {
    throw malformedResponse(service, operation, `not well-formed XML (${verdict.err.msg} at line ${verdict.err.line})`);
  }
  const parser = new XMLParser({
    ignoreAttributes: true,
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: true,
    processEntities: true,
    ignoreDeclaration: true,
  });
  const parsed = parser.parse(body) as unknown;
  if (typeof parsed !== 'object' || parsed === null) throw malformedResponse(service, operation, 'XML without a root element');
  return parsed as XmlNode;
}

export function child(node: XmlValue | undefined, name: string): XmlValue | undefined {
  if (node === undefined || typeof node === 'string' || Array.isArray(node)) return undefined;
  return node[name];
}

/** Text of a leaf element; an empty element parses to '' . */
export function text(node: XmlValue | undefined): string | undefined {
  if (typeof node === 'string') return node;
  if (node !== undefined && !Array.isArray(node) && Object.keys(node).length === 0) return '';
  return undefined;
}
