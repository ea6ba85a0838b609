import { Body, Button, Container, Head, Heading, Hr, Html, Link, Preview, Section, Text } from "@react-email/components";

/** The facts every notification shows, already formatted as text. */
export type EmailFacts = { label: string; value: string }[];

export type NotificationEmailProps = {
  preview: string;
  heading: string;
  intro: string;
  facts: EmailFacts;
  /** The main call to action(s); approve-by-email puts Approve and Reject here. */
  actions: { label: string; href: string; tone: "primary" | "danger" | "neutral" }[];
  note?: string;
  requestUrl: string;
};

const colors = { primary: "#3b5bdb", danger: "#c92a2a", neutral: "#495057" };

const main = { backgroundColor: "#f4f5f9", fontFamily: "-apple-system, BlinkMacSystemFont, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif", padding: "24px 0" };
const card = { backgroundColor: "#ffffff", border: "1px solid #e3e5ee", borderRadius: "10px", padding: "28px 32px", maxWidth: "560px" };
const label = { color: "#6b7080", fontSize: "12px", margin: "0", textTransform: "uppercase" as const, letterSpacing: "0.04em" };
const value = { color: "#1c1e26", fontSize: "15px", margin: "2px 0 12px", whiteSpace: "pre-wrap" as const };

/** One layout for every Timebox email; each kind fills in its words and buttons. */
export function NotificationEmail(props: NotificationEmailProps) {
  return (
    <Html lang="en">
      <Head />
      <Preview>{props.preview}</Preview>
      <Body style={main}>
        <Container style={card}>
          <Text style={{ color: "#3b5bdb", fontSize: "13px", fontWeight: 600, margin: "0 0 8px" }}>Timebox</Text>
          <Heading as="h1" style={{ color: "#1c1e26", fontSize: "20px", margin: "0 0 12px" }}>
            {props.heading}
          </Heading>
          <Text style={{ color: "#1c1e26", fontSize: "15px", lineHeight: "22px" }}>{props.intro}</Text>
          <Section style={{ margin: "16px 0" }}>
            {props.facts.map((fact) => (
              <div key={fact.label}>
                <Text style={label}>{fact.label}</Text>
                <Text style={value}>{fact.value}</Text>
              </div>
            ))}
          </Section>
          {props.actions.length > 0 && (
            <Section style={{ margin: "8px 0 16px" }}>
              {props.actions.map((action) => (
                <Button
                  key={action.href}
                  href={action.href}
                  style={{
                    backgroundColor: colors[action.tone],
                    borderRadius: "6px",
                    color: "#ffffff",
                    fontSize: "15px",
                    fontWeight: 600,
                    padding: "10px 18px",
                    marginRight: "8px",
                    textDecoration: "none",
                  }}
                >
                  {action.label}
                </Button>
              ))}
            </Section>
          )}
          {props.note && <Text style={{ color: "#6b7080", fontSize: "13px", lineHeight: "19px" }}>{props.note}</Text>}
          <Hr style={{ borderColor: "#e3e5ee", margin: "20px 0 12px" }} />
          <Text style={{ color: "#6b7080", fontSize: "12px", margin: 0 }}>
            <Link href={props.requestUrl} style={{ color: "#3b5bdb" }}>
              Open the request in Timebox
            </Link>
            {" · "}You get this because of your role in Timebox.
          </Text>
        </Container>
      </Body>
    </Html>
  );
}
