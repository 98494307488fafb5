import { Body, Button, Container, Head, Heading, Hr, Html, Preview, Section, Text } from "@react-email/components";
import { Fragment, type CSSProperties, type ReactNode } from "react";

export interface EmailAction {
  label: string;
  href: string;
}

export interface EmailLayoutProps {
  /** Inbox preview line shown after the subject; skipped in the plain-text part. */
  preview: string;
  heading: string;
  children: ReactNode;
  /** The one button of the email; its URL is also printed in the plain-text part. */
  action?: EmailAction;
  /** Closing line with the reason the reader receives this email. */
  footer?: string;
}

/** Frame shared by every Baton email: brand line, heading, body, one button and a footer. */
export function EmailLayout({ preview, heading, children, action, footer }: EmailLayoutProps) {
  return (
    <Html lang="en" dir="ltr">
      <Head />
      <Preview>{preview}</Preview>
      <Body style={bodyStyle}>
        <Container style={containerStyle}>
          <Text style={brandStyle}>Baton</Text>
          <Heading as="h1" style={headingStyle}>
            {heading}
          </Heading>
          {children}
          {action ? (
            <Section style={actionSectionStyle}>
              <Button href={action.href} style={buttonStyle}>
                {action.label}
              </Button>
            </Section>
          ) : null}
          <Hr style={ruleStyle} />
          <Text style={footerStyle}>{footer ?? "You receive this email because you have a Baton account."}</Text>
        </Container>
      </Body>
    </Html>
  );
}

/** Renders a paragraph of body text. */
export function Paragraph({ children }: { children: ReactNode }) {
  return <Text style={paragraphStyle}>{children}</Text>;
}

/**
 * Text a person wrote (a message, a note, a reason), set apart from Baton's
 * own words. Line breaks become <br> elements, so they survive in email
 * clients that ignore `white-space` and in the plain-text part.
 */
export function Quote({ text }: { text: string }) {
  const lines = text.split(/\r\n|\r|\n/);

  return (
    <Section style={quoteStyle}>
      <Text style={quoteTextStyle}>
        {lines.map((line, index) => (
          <Fragment key={index}>
            {index > 0 ? <br /> : null}
            {line}
          </Fragment>
        ))}
      </Text>
    </Section>
  );
}

/** Opening line addressed to the reader by name. */
export function Greeting({ name }: { name: string }) {
  return <Paragraph>Hi {name},</Paragraph>;
}

const bodyStyle: CSSProperties = {
  backgroundColor: "#f1f5f9",
  fontFamily: "-apple-system, BlinkMacSystemFont, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif",
  margin: 0,
  padding: "24px 0",
};

const containerStyle: CSSProperties = {
  backgroundColor: "#ffffff",
  borderRadius: "8px",
  maxWidth: "560px",
  padding: "32px",
};

const brandStyle: CSSProperties = {
  color: "#4f46e5",
  fontSize: "14px",
  fontWeight: 700,
  letterSpacing: "0.08em",
  margin: "0 0 16px",
  textTransform: "uppercase",
};

const headingStyle: CSSProperties = {
  color: "#0f172a",
  fontSize: "22px",
  lineHeight: "30px",
  margin: "0 0 16px",
};

const paragraphStyle: CSSProperties = {
  color: "#334155",
  fontSize: "15px",
  lineHeight: "24px",
  margin: "0 0 12px",
};

const quoteStyle: CSSProperties = {
  backgroundColor: "#f8fafc",
  borderLeft: "3px solid #cbd5e1",
  margin: "0 0 12px",
  padding: "4px 16px",
};

const quoteTextStyle: CSSProperties = {
  ...paragraphStyle,
  margin: "8px 0",
};

const actionSectionStyle: CSSProperties = {
  margin: "24px 0 8px",
};

const buttonStyle: CSSProperties = {
  backgroundColor: "#4f46e5",
  borderRadius: "6px",
  color: "#ffffff",
  fontSize: "15px",
  fontWeight: 600,
  padding: "12px 20px",
  textDecoration: "none",
};

const ruleStyle: CSSProperties = {
  borderColor: "#e2e8f0",
  margin: "24px 0 16px",
};

const footerStyle: CSSProperties = {
  color: "#64748b",
  fontSize: "12px",
  lineHeight: "18px",
  margin: 0,
};
