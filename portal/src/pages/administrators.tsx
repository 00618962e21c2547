import {
  AdministratorGrantsDocument,
  InviteAdministratorDocument,
  RevokeAdministratorGrantDocument,
  ServiceCatalogDocument,
} from "@partnergraph/operations";
import { useMutation, useQuery } from "urql";
import { apiErrors, ErrorNote } from "../errors";
import { Empty, formatDate, Loading, PageTitle, words } from "../ui/basics";
import { FormField, MutationForm, useFieldError, useFormState } from "../ui/form";
import { Table } from "../ui/table";

/** A customer invites someone (typically a partner's person) to administer its account, fully or for some services. */
export function Administrators() {
  const [{ data, error, fetching }] = useQuery({ query: AdministratorGrantsDocument });
  const [revoked, revoke] = useMutation(RevokeAdministratorGrantDocument);
  // An administrator with custom access, acting as the customer, may not see or invite its administrators.
  const refused = apiErrors(error).some((e) => e.code === "FORBIDDEN");
  return (
    <>
      <PageTitle>Administrators</PageTitle>
      <ErrorNote error={error ?? revoked.error} />
      {!data && fetching && <Loading what="administrators" />}
      {data && data.administratorGrants.length === 0 && <Empty>Nobody outside your organization administers it.</Empty>}
      {data && data.administratorGrants.length > 0 && (
        <Table columns={["Email", "Access", "Status", "Invited", { hidden: "Actions" }]}>
          {data.administratorGrants.map((grant) => (
            <tr key={grant.id}>
              <td>{grant.email}</td>
              <td>{grant.access === "FULL" ? "Full" : `Custom: ${grant.serviceCodes.join(", ")}`}</td>
              <td>{words(grant.status)}</td>
              <td>{formatDate(grant.invitedAt)}</td>
              <td>
                {(grant.status === "PENDING" || grant.status === "ACCEPTED") && (
                  <button
                    type="button"
                    className="quiet"
                    disabled={revoked.fetching}
                    aria-label={`Revoke ${grant.email}`}
                    onClick={() => {
                      // Their access ends at once, and only a new invitation gives it back.
                      if (confirm(`Revoke ${grant.email}? They can no longer administer your organization.`))
                        void revoke({ id: grant.id });
                    }}
                  >
                    Revoke
                  </button>
                )}
              </td>
            </tr>
          ))}
        </Table>
      )}
      {!refused && <Invite />}
    </>
  );
}

interface InviteValues extends Record<string, unknown> {
  email: string;
  access: "FULL" | "CUSTOM";
  serviceCodes: string[];
}

function Invite() {
  const form = useFormState<InviteValues>({ email: "", access: "FULL", serviceCodes: [] });
  const [result, invite] = useMutation(InviteAdministratorDocument);
  const { email, access, serviceCodes } = form.values;
  const submit = () =>
    void invite({ input: { email, access, serviceCodes: access === "CUSTOM" ? serviceCodes : null } }).then(
      (answer) => answer.data && form.set("email", ""),
    );
  const invited = result.data?.inviteAdministrator;
  return (
    <MutationForm
      form={form}
      result={result}
      label="Invite an administrator"
      heading={<h2>Invite an administrator</h2>}
      submitLabel="Send invitation"
      onSubmit={submit}
      done={invited && `${invited.email} is invited (${words(invited.access)} access).`}
    >
      <FormField name="email" label="Email" type="email" required />
      <fieldset>
        <legend>Access</legend>
        <label className="choice">
          <input type="radio" name="access" checked={access === "FULL"} onChange={() => form.set("access", "FULL")} />{" "}
          Full: every service
        </label>
        <label className="choice">
          <input
            type="radio"
            name="access"
            checked={access === "CUSTOM"}
            onChange={() => form.set("access", "CUSTOM")}
          />{" "}
          Custom: the services chosen
        </label>
      </fieldset>
      {access === "CUSTOM" && (
        <ServiceChoice chosen={serviceCodes} onChange={(codes) => form.set("serviceCodes", codes)} />
      )}
    </MutationForm>
  );
}

function ServiceChoice({ chosen, onChange }: { chosen: string[]; onChange: (codes: string[]) => void }) {
  const [{ data: catalog }] = useQuery({ query: ServiceCatalogDocument });
  const complaint = useFieldError("serviceCodes");
  return (
    <fieldset>
      <legend>Services</legend>
      {catalog?.services.map((service) => (
        <label key={service.code} className="choice">
          <input
            type="checkbox"
            checked={chosen.includes(service.code)}
            onChange={(e) =>
              onChange(e.target.checked ? [...chosen, service.code] : chosen.filter((c) => c !== service.code))
            }
          />{" "}
          {service.name}
        </label>
      ))}
      {complaint && <p className="field-error">{complaint}</p>}
    </fieldset>
  );
}
