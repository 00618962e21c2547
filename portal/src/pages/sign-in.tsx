import { FormEvent, useEffect, useState } from "react";
import { beginOidcSignIn, completeOidcSignIn } from "../oidc";
import { navigate } from "../router";
import { mintDevToken } from "../renewal";
import { session, useSession } from "../session";
import { PortalSettings, portalSettings } from "../settings";
import { Loading } from "../ui/basics";

async function devSignIn(email: string): Promise<string | null> {
  const minted = await mintDevToken(email);
  if ("problem" in minted) return minted.problem;
  // When this token expires the portal mints another for the same person, as the picker does.
  session.signIn(minted.token, { kind: "development", email });
  return null;
}

/** Shown wherever a page needs a signed-in person, so signing in comes back to the same page (an invitation link). */
export function SignIn({ purpose }: { purpose?: string }) {
  const [settings, setSettings] = useState<PortalSettings | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [email, setEmail] = useState("");
  const { ended } = useSession();
  useEffect(() => {
    portalSettings().then(setSettings, (error: Error) => setProblem(error.message));
  }, []);

  if (problem && !settings) return <p className="note error">{problem}</p>;
  if (!settings) return <Loading what="sign-in" />;

  if (settings.signIn === "oidc") {
    const { oidc } = settings;
    return (
      <section className="card narrow">
        <h2>Sign in</h2>
        {purpose && <p>{purpose}</p>}
        {ended && <SessionEnded reason={ended} />}
        {oidc ? (
          <button
            type="button"
            className="primary"
            onClick={() =>
              beginOidcSignIn(oidc, location.pathname + location.search).catch((e: Error) => setProblem(e.message))
            }
          >
            Sign in with your organization account
          </button>
        ) : (
          <p className="note error">Sign-in is not configured: set OIDC_ISSUER and OIDC_CLIENT_ID.</p>
        )}
        {problem && <p className="note error">{problem}</p>}
      </section>
    );
  }

  const submit = (event: FormEvent) => {
    event.preventDefault();
    devSignIn(email).then(setProblem, (e: Error) => setProblem(e.message));
  };
  return (
    <section className="card narrow">
      <h2>Sign in</h2>
      {purpose && <p>{purpose}</p>}
      {ended && <SessionEnded reason={ended} />}
      <p className="hint">Development sign-in: pick a demo person, or type any email to be a new person.</p>
      <ul className="people" aria-label="Demo people">
        {settings.demoPeople.map((person) => (
          <li key={person}>
            <button
              type="button"
              onClick={() => devSignIn(person).then(setProblem, (e: Error) => setProblem(e.message))}
            >
              {person}
            </button>
          </li>
        ))}
      </ul>
      <form onSubmit={submit} className="inline-form">
        <label htmlFor="sign-in-email">Email</label>
        <input
          id="sign-in-email"
          type="email"
          required
          autoComplete="email"
          value={email}
          onChange={(e) => setEmail(e.target.value)}
        />
        <button type="submit" className="primary">
          Sign in
        </button>
      </form>
      {problem && (
        <p className="note error" role="alert">
          {problem}
        </p>
      )}
    </section>
  );
}

/** /callback: back from the identity provider. */
export function OidcCallback() {
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    portalSettings()
      .then((settings) => {
        if (settings.signIn !== "oidc" || !settings.oidc) throw new Error("Sign-in is not configured");
        return completeOidcSignIn(settings.oidc);
      })
      .then(({ token, renewal, returnTo }) => {
        session.signIn(token, renewal);
        navigate(returnTo, true);
      })
      .catch((error: Error) => setProblem(error.message));
  }, []);
  return problem ? <p className="note error">{problem}</p> : <Loading what="your sign-in" />;
}

function SessionEnded({ reason }: { reason: string }) {
  return (
    <p className="note" role="status">
      {reason}
    </p>
  );
}
