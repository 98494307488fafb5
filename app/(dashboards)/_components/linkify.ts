/** A piece of message text: plain text, or a web address to render as a link. */
export type TextPart = { kind: "text"; text: string } | { kind: "link"; text: string; href: string };

/** Web addresses that start with http://, https:// or www., up to the next space, quote or angle bracket. */
const ADDRESS_PATTERN = /\b(?:https?:\/\/|www\.)[^\s<>"]+/gi;

/** Punctuation that usually ends the sentence around an address rather than the address itself. */
const TRAILING_PUNCTUATION = /[.,;:!?'’”»]$/;

function count(text: string, character: string): number {
  return text.split(character).length - 1;
}

/** Drops trailing punctuation, and a closing parenthesis that has no opening one inside the address. */
function trimAddress(candidate: string): string {
  let address = candidate;
  for (;;) {
    if (TRAILING_PUNCTUATION.test(address)) {
      address = address.slice(0, -1);
    } else if (address.endsWith(")") && count(address, ")") > count(address, "(")) {
      address = address.slice(0, -1);
    } else {
      return address;
    }
  }
}

/** Returns the address as an absolute http(s) URL, or null when it does not parse as one. */
function hrefOf(address: string): string | null {
  const absolute = address.toLowerCase().startsWith("www.") ? `https://${address}` : address;
  try {
    const url = new URL(absolute);

    return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
  } catch {
    return null;
  }
}

/**
 * Splits plain text into text and links, so a page can render web addresses
 * as links and everything else as text. Only http and https addresses
 * become links, and the parts joined give back the input unchanged.
 */
export function splitLinks(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let position = 0;

  for (const match of text.matchAll(ADDRESS_PATTERN)) {
    const address = trimAddress(match[0]);
    const href = address.length > 0 ? hrefOf(address) : null;
    if (!href) {
      continue;
    }

    if (match.index > position) {
      parts.push({ kind: "text", text: text.slice(position, match.index) });
    }
    parts.push({ kind: "link", text: address, href });
    position = match.index + address.length;
  }

  if (position < text.length) {
    parts.push({ kind: "text", text: text.slice(position) });
  }

  return parts;
}
