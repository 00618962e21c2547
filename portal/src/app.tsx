import { MeDocument } from "@partnergraph/operations";
import { useEffect, useMemo, useState } from "react";
import { Provider, useQuery } from "urql";
import { apiClient } from "./api";
import { ErrorNote } from "./errors";
import { CALLBACK_PATH } from "./oidc";
import { Connect } from "./pages/connect";
import { OidcCallback, SignIn } from "./pages/sign-in";
import { ROUTES } from "./routes";
import { Link, match, navigate, usePath } from "./router";
import { session, useSession } from "./session";
import { portalSettings } from "./settings";
import { Loading } from "./ui/basics";
import { Viewer, ViewerContext, viewerKind } from "./viewer";

export function App() {
  const current = useSession();
  const path = usePath();
  // A new client (and so an empty cache) whenever someone signs in or the organization they act as changes; not
  // when their token is renewed.
  const { signInId, actingAs } = current;
  const client = useMemo(() => apiClient(actingAs), [signInId, actingAs]);
  // An invitation link opens for anyone: it previews the partner, then asks to sign in or register.
  const invitation = match("/connect/:token", path);
  return (
    <Provider value={client}>
      <a className="skip" href="#main">
        Skip to content
      </a>
      {invitation ? (
        <Frame>
          <Connect token={invitation.token} />
        </Frame>
      ) : path === CALLBACK_PATH ? (
        <Frame>
          <OidcCallback />
        </Frame>
      ) : current.token ? (
        // Anew for each sign-in and acting organization: who the person is, and so their home, is asked again before
        // any page shows (acting as a customer would otherwise go to the partner's home, by the answer from before).
        <SignedIn key={`${signInId}:${actingAs?.id ?? ""}`} path={path} />
      ) : (
        <Frame>
          <SignIn />
        </Frame>
      )}
    </Provider>
  );
}

function Frame({ children, nav }: { children: React.ReactNode; nav?: React.ReactNode }) {
  return (
    <>
      <header className="topbar">
        <Link href="/" className="brand">
          PartnerGraph
        </Link>
        {nav}
      </header>
      <main id="main" tabIndex={-1}>
        {children}
      </main>
    </>
  );
}

function SignedIn({ path }: { path: string }) {
  const [{ data, error, fetching }] = useQuery({ query: MeDocument });
  const [vendorId, setVendorId] = useState<string | null>(null);
  const { actingAs } = useSession();
  useEffect(() => {
    portalSettings().then(
      (s) => setVendorId(s.vendorOrganizationId),
      () => setVendorId(""),
    );
  }, []);
  const viewer: Viewer | null = useMemo(
    () => (data && vendorId !== null ? { me: data.me, kind: viewerKind(data.me, vendorId) } : null),
    [data, vendorId],
  );
  const custom = actingAs?.access === "CUSTOM";
  const routes = viewer
    ? ROUTES.filter((route) => route.nav?.for.includes(viewer.kind) && !(custom && route.nav.accountAdministrators))
    : [];
  const home = routes[0]?.path;
  // Home at "/"; and once registered (the registration asks who the person is again), from the register page.
  const registered = viewer !== null && viewer.kind !== "unregistered";
  useEffect(() => {
    if (home && (path === "/" || (registered && path === "/register"))) navigate(home, true);
  }, [registered, path, home]);

  if (!viewer)
    return <Frame>{error ? <ErrorNote error={error} /> : fetching ? <Loading what="your account" /> : null}</Frame>;
  const page = ROUTES.map((route) => ({ route, params: match(route.path, path) })).find((found) => found.params);
  const nav = (
    <>
      <nav aria-label="Main">
        <ul>
          {routes.map((route) => (
            <li key={route.path}>
              <Link href={route.path} aria-current={path === route.path ? "page" : undefined}>
                {route.nav?.label}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <div className="who">
        <span>
          {viewer.me.displayName || viewer.me.email}
          {viewer.me.organization && <small> · {viewer.me.organization.name}</small>}
        </span>
        <button type="button" className="quiet" onClick={() => session.signOut()}>
          Sign out
        </button>
      </div>
    </>
  );
  return (
    <ViewerContext.Provider value={viewer}>
      <Frame nav={nav}>
        {actingAs && (
          <div className="acting" role="status">
            Acting as <strong>{actingAs.name}</strong>.
            <button
              type="button"
              onClick={() => {
                session.actAs(null);
                navigate("/");
              }}
            >
              Back to my organization
            </button>
          </div>
        )}
        {page?.params ? (
          page.route.render(page.params)
        ) : path === "/" && home ? (
          <Loading what="your home page" />
        ) : (
          <NotHere />
        )}
      </Frame>
    </ViewerContext.Provider>
  );
}

function NotHere() {
  return (
    <section className="card narrow">
      <h1>Nothing here</h1>
      <p>
        This page does not exist. <Link href="/">Go to your home page</Link>.
      </p>
    </section>
  );
}
