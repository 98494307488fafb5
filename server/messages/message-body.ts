import { AppError } from "../errors";
import { MAX_MESSAGE_CHARACTERS, normalizeMessageText } from "./limits";

/** The input field that carries a message's text, used as the key of its field error. */
export const MESSAGE_BODY_FIELD = "body";

const TAB = 0x09;
const LINE_FEED = 0x0a;

/** True for the C0 and C1 control characters (U+0000–U+001F, U+007F–U+009F) except tab and line feed. */
function isForbiddenControl(codePoint: number): boolean {
  const control = codePoint <= 0x1f || (codePoint >= 0x7f && codePoint <= 0x9f);

  return control && codePoint !== TAB && codePoint !== LINE_FEED;
}

function formatCount(count: number): string {
  return count.toLocaleString("en-US");
}

/**
 * Returns a message's text as stored: line breaks normalised to "\n" and
 * surrounding whitespace trimmed. Throws INVALID_INPUT on the `body` field
 * when the text is empty, longer than MAX_MESSAGE_CHARACTERS, or contains a
 * control character other than a line break or a tab. HTML is kept as
 * typed, because pages render the text as text.
 */
export function parseMessageBody(raw: string): string {
  const body = normalizeMessageText(raw);
  if (body.length === 0) {
    throw AppError.invalid(MESSAGE_BODY_FIELD, "Message is empty. Write some text before sending.");
  }

  const codePoints = [...body].map((character) => character.codePointAt(0) ?? 0);
  if (codePoints.length > MAX_MESSAGE_CHARACTERS) {
    throw AppError.invalid(
      MESSAGE_BODY_FIELD,
      `Message must be at most ${formatCount(MAX_MESSAGE_CHARACTERS)} characters, and this one has ${formatCount(codePoints.length)}. Shorten it or send it in two parts.`,
    );
  }

  const control = codePoints.find(isForbiddenControl);
  if (control !== undefined) {
    const label = `U+${control.toString(16).toUpperCase().padStart(4, "0")}`;
    throw AppError.invalid(MESSAGE_BODY_FIELD, `Message contains the control character ${label}, but only line breaks and tabs are allowed. Remove it and send again.`);
  }

  return body;
}
