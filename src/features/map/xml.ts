// Turns markup from preact-render-to-string, which writes HTML, into well-formed XML for the
// standalone map.svg and the PNG (resvg parses strictly). HTML accepts two things XML 1.0 refuses,
// and both can come from a roadmap's titles: the text "]]>" outside a CDATA section, and
// characters outside XML's Char production (C0 controls, lone surrogates, U+FFFE and U+FFFF).

/** Every character XML 1.0 does not allow anywhere in a document. */
const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/**
 * Well-formed XML from rendered markup. A character XML cannot hold becomes U+FFFD (so the reader
 * sees that something was there); "]]>" can only stand in text or an attribute value here (our
 * tags end in a name or a quote), where "]]&gt;" reads the same.
 */
export function asXml(markup: string): string {
  return markup.replace(NOT_XML_CHAR, '\uFFFD').replaceAll(']]>', ']]&gt;');
}
