import {
  AcceptPartnerInvitationDocument,
  MeDocument,
  PartnerInvitationDocument,
  RegisterOrganizationDocument,
} from "@partnergraph/operations";
import { useMutation, useQuery } from "urql";
import { apiErrors, ErrorNote } from "../errors";
import { Link } from "../router";
import { useSession } from "../session";
import { Badge, Loading } from "../ui/basics";
import { FormField, MutationForm, useFormState } from "../ui/form";
import { SignIn } from "./sign-in";

/** An invitation link (PORTAL_URL/connect/TOKEN): who invites, sign in or register, accept. */
export function Connect({ token }: { token: string }) {
  const { token: signedIn } = useSession();
  const [{ data, error, fetching }] = useQuery({ query: PartnerInvitationDocument, variables: { token } });
  const needsSignIn = apiErrors(error).some((e) => e.code === "UNAUTHENTICATED");
  const partner = data?.partnerInvitation.partner;
  return (
    <section className="card narrow">
      <h1>Connect with a partner</h1>
      {fetching && !data && <Loading what="the invitation" />}
      {partner ? (
        <div className="invitation">
          <p>
            <strong>{partner.name}</strong> invites your organization to connect. Once connected, they see your trials,
            entitlements, orders and support tickets so they can help you; you can end the connection at any time.
          </p>
          <p>
            {partner.badges.map((badge) => (
              <Badge key={badge.program} {...badge} />
            ))}
          </p>
        </div>
      ) : (
        !needsSignIn && <ErrorNote error={error} />
      )}
      {!signedIn ? (
        <SignIn
          purpose={
            partner ? "Sign in, or enter your email to register, then accept." : "Sign in to see this invitation."
          }
        />
      ) : (
        partner && <Accept token={token} partnerName={partner.name} />
      )}
    </section>
  );
}

function Accept({ token, partnerName }: { token: string; partnerName: string }) {
  const [{ data: me }] = useQuery({ query: MeDocument });
  const [accepted, accept] = useMutation(AcceptPartnerInvitationDocument);
  if (!me) return <Loading what="your account" />;
  if (!me.me.organization) return <Register />;
  if (accepted.data)
    return (
      <p className="note ok" role="status">
        {accepted.data.acceptPartnerInvitation.customer.name} is now connected with {partnerName}.{" "}
        <Link href="/">Continue</Link>
      </p>
    );
  return (
    <>
      <ErrorNote error={accepted.error} />
      <button type="button" className="primary" disabled={accepted.fetching} onClick={() => void accept({ token })}>
        Accept for {me.me.organization.name}
      </button>
    </>
  );
}

/** A signed-in person without an organization creates one (and becomes its administrator) before accepting. */
export function Register() {
  const form = useFormState({ name: "", country: "", displayName: "" });
  const [result, register] = useMutation(RegisterOrganizationDocument);
  // On its own page, the new organization's home follows once the person is asked for again (app.tsx); on an
  // invitation, accepting does.
  const submit = () => void register({ input: form.values });
  return (
    <MutationForm
      form={form}
      result={result}
      label="Register your organization"
      heading={<h2>Register your organization</h2>}
      submitLabel="Register"
      onSubmit={submit}
      className="stack"
    >
      <FormField name="displayName" label="Your name" required />
      <FormField name="name" label="Organization name" required />
      <FormField name="country" label="Country (two letters)" required maxLength={2} />
    </MutationForm>
  );
}
