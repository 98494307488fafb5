// Shared by the server's check and the browser's character counter, so this module imports nothing.

/** Maximum length of a message body, counted in Unicode code points so an emoji counts as one character. */
export const MAX_MESSAGE_CHARACTERS = 5_000;

/** Returns the text as it would be stored: line breaks normalised to "\n" and surrounding whitespace trimmed. */
export function normalizeMessageText(text: string): string {
  return text.replace(/\r\n?/g, "\n").trim();
}

/** Counts the characters of the text as stored, in code points. */
export function messageLength(text: string): number {
  return [...normalizeMessageText(text)].length;
}
