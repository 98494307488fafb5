import { render } from "@react-email/components";
import type { ReactElement } from "react";
import type { z } from "zod";

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
}

/** A template component with the sample props the React Email preview server shows. */
export type EmailComponent<Props> = ((props: Props) => ReactElement) & { PreviewProps: Props };

/** Raised when a stored payload does not match its template, so rendering can never succeed. */
export class InvalidEmailPayloadError extends Error {
  constructor(template: string, cause: unknown) {
    super(`Invalid payload for email template "${template}"`, { cause });
    this.name = "InvalidEmailPayloadError";
  }
}

export interface EmailDefinition<Schema extends z.ZodType<object>> {
  name: string;
  payload: Schema;
  component: EmailComponent<z.output<Schema>>;
  subject: (props: z.output<Schema>) => string;
  /** Validates `payload` and returns it typed, or throws InvalidEmailPayloadError. */
  parse(payload: unknown): z.output<Schema>;
  /** Returns the subject line for a stored payload. */
  subjectFor(payload: unknown): string;
  /** Renders a stored payload to subject, HTML and plain text. */
  render(payload: unknown): Promise<RenderedEmail>;
}

// Headings keep their case in the plain-text part (html-to-text 9 uppercases them by default),
// so a task title reads the same in both parts.
const plainTextOptions = {
  selectors: ["h1", "h2", "h3"].map((selector) => ({ selector, options: { uppercase: false } })),
};

/**
 * Turns a subject into one header-safe line. Control characters, CR and LF
 * included, become spaces, so text a user wrote can never start a new header.
 */
export function toSubjectLine(subject: string): string {
  return subject
    .replace(/[\p{Cc}\u2028\u2029]+/gu, " ")
    .replace(/\s+/g, " ")
    .trim();
}

/** Builds a template definition that validates its payload before rendering. */
export function defineEmail<Schema extends z.ZodType<object>>(options: {
  name: string;
  payload: Schema;
  component: EmailComponent<z.output<Schema>>;
  subject: (props: z.output<Schema>) => string;
}): EmailDefinition<Schema> {
  const { name, payload: schema, component: Component, subject } = options;

  function parse(payload: unknown): z.output<Schema> {
    const result = schema.safeParse(payload);
    if (!result.success) {
      throw new InvalidEmailPayloadError(name, result.error);
    }

    return result.data;
  }

  return {
    ...options,
    parse,
    subjectFor: (payload) => toSubjectLine(subject(parse(payload))),
    async render(payload) {
      const props = parse(payload);
      const element = <Component {...props} />;
      const [html, text] = await Promise.all([
        render(element),
        render(element, { plainText: true, htmlToTextOptions: plainTextOptions }),
      ]);

      return { subject: toSubjectLine(subject(props)), html, text };
    },
  };
}
