/**
 * How deep a GraphQL document may nest its braces, brackets and parentheses before it is parsed. graphql-js
 * parses by recursive descent: a selection or literal 5,000 levels deep can overflow the stack (an
 * INTERNAL_SERVER_ERROR, and only sometimes, as it depends on the frames' sizes). Depth and complexity are
 * limited after parsing (query-limits.rule.ts: 12 levels); this bound only keeps the parser safe, far above them.
 */
export const MAX_DOCUMENT_NESTING = 64;

/**
 * Whether the text nests `{`, `[` or `(` deeper than `max`, outside strings, block strings and comments.
 * One pass, no allocation: it runs before the token limit and the parser see the document.
 */
export function documentNestsDeeperThan(text: string, max = MAX_DOCUMENT_NESTING): boolean {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x23) {
      // a comment runs to the end of the line
      while (i < text.length && text.charCodeAt(i) !== 0x0a && text.charCodeAt(i) !== 0x0d) i++;
    } else if (c === 0x22) {
      if (text.startsWith('"""', i)) {
        const end = text.indexOf('"""', i + 3);
        if (end < 0) return false; // unterminated: the parser reports it
        i = end + 2;
      } else {
        for (i++; i < text.length; i++) {
          const s = text.charCodeAt(i);
          if (s === 0x5c) i++;
          else if (s === 0x22 || s === 0x0a) break;
        }
      }
    } else if (c === 0x7b || c === 0x5b || c === 0x28) {
      if (++depth > max) return true;
    } else if (c === 0x7d || c === 0x5d || c === 0x29) depth--;
  }
  return false;
}
